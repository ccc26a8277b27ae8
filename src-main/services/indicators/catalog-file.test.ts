import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCatalogDir, loadCatalog } from './catalog-file';
import { tempDir } from './test-fixtures';

function catalogWith(change: (json: { base: unknown[]; derived: { id: string; of?: string }[] }) => void): string {
  const dir = tempDir();
  cpSync(defaultCatalogDir(), dir, { recursive: true });
  const file = path.join(dir, 'indicators.json');
  const json = JSON.parse(readFileSync(file, 'utf-8')) as { base: unknown[]; derived: { id: string; of?: string }[] };
  change(json);
  writeFileSync(file, JSON.stringify(json));
  return dir;
}

describe('indicator catalogue file', () => {
  it('holds base and derived indicators and the Kreis with 5 Ämter and 49 municipalities', () => {
    const catalog = loadCatalog();
    expect(catalog.base.length).toBeGreaterThanOrEqual(11);
    expect(catalog.derived.map((d) => d.id)).toContain('beschaeftigtenquote');
    expect(catalog.base.find((d) => d.id === 'bevoelkerung-insgesamt')?.definition).toMatch(/^Fortschreibung des Bevölkerungsstandes/);
    expect(catalog.kreis.aemter.map((a) => a.name)).toEqual(['Amt Elmshorn-Land', 'Amt Geest und Marsch Südholstein', 'Amt Hörnerkirchen', 'Amt Pinnau', 'Amt Rantzau']);
    const members = [...catalog.kreis.aemter.flatMap((a) => a.members), ...catalog.kreis.amtsfrei];
    expect(new Set(members).size).toBe(49);
    expect(members.every((m) => /^01056\d{3}$/.test(m))).toBe(true);
  });

  it('refuses a broken file with a message naming it', () => {
    expect(() => loadCatalog(catalogWith((j) => j.derived.push({ id: 'anteil-unter-18' })))).toThrow(/indicators\.json ist ungültig|doppelt/);
    expect(() => loadCatalog(catalogWith((j) => j.derived.push({ ...(j.derived[3] as object), id: 'neu', of: 'gibt-es-nicht' })))).toThrow(
      /„neu“ bezieht sich auf unbekannte Kennzahl „gibt-es-nicht“/,
    );
  });
});
