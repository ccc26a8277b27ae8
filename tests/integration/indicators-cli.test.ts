import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const SAMPLE = path.join(ROOT, 'src-main/data/genesis');

function run(cli: 'import' | 'indicators', args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(TSX, [path.join(ROOT, `src-main/cli/${cli}.ts`), ...args], { cwd: ROOT, encoding: 'utf-8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempDb(): { dir: string; db: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'fokuswerk-cli-'));
  return { dir, db: path.join(dir, 'indicators.sqlite') };
}

describe('indicator CLIs (separate processes, real files)', () => {
  it('imports a file with progress and a summary, then prints its values as JSON lines', () => {
    const { dir, db } = tempDb();
    const file = path.join(dir, 'pop-2018.csv');
    const text = readFileSync(path.join(SAMPLE, '12411-01-01-5.csv'), 'utf-8').replace(/^Stand: .*$/m, 'Stand: 01.03.2018 / 09:00:00');
    writeFileSync(file, text.replace(/\n/g, '\r\n'));

    const imported = run('import', [file, '--db', db]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/schreiben \/ writing: [\d.]+ \/ 1\.248/);
    expect(imported.stdout).toContain('Ergebnis / result: neu importiert / imported');
    expect(imported.stdout).toContain('Stand:             2018-03-01T09:00:00 (aktuell / current)');
    expect(imported.stdout).toContain('Regionen / regions: 52, Werte / values: 1.248');

    const again = run('import', [file, '--db', db]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('bereits importiert, nichts geändert / already imported, nothing changed');

    const values = run('indicators', ['--db', db, 'values', '12411-01-01-5', '--region', '01056015', '--period', '2015-12-31', '--json']);
    expect(values.code).toBe(0);
    expect(values.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown)).toEqual([
      { table: '12411-01-01-5', variable: ['Insgesamt'], region: '01056015', period: '2015-12-31', value: 48684, flag: null, unit: 'Anzahl', stand: '2018-03-01T09:00:00' },
      { table: '12411-01-01-5', variable: ['männlich'], region: '01056015', period: '2015-12-31', value: 23701, flag: null, unit: 'Anzahl', stand: '2018-03-01T09:00:00' },
      { table: '12411-01-01-5', variable: ['weiblich'], region: '01056015', period: '2015-12-31', value: 24983, flag: null, unit: 'Anzahl', stand: '2018-03-01T09:00:00' },
    ]);

    const secret = run('indicators', ['--db', db, 'values', '13111-02-02-5', '--region', '01056006', '--json']);
    const rows = secret.stdout.trim().split('\n').map((l) => JSON.parse(l) as { variable: string[]; value: number | null; flag: string | null });
    expect(rows).toHaveLength(6);
    expect(rows.find((r) => r.variable.join('/') === 'Ausländer(innen)/Insgesamt')).toMatchObject({ value: null, flag: 'secret' });
  });

  it('reports a broken file with line and reason and exit code 1, leaving the database as it was', () => {
    const { dir, db } = tempDb();
    const before = run('indicators', ['--db', db, 'values', '12411-01-01-5', '--region', '01056', '--json']).stdout;
    const file = path.join(dir, 'cut.csv');
    const lines = readFileSync(path.join(SAMPLE, '12411-01-01-5.csv'), 'utf-8').replace(/^Stand: .*$/m, 'Stand: 01.03.2018').split('\n');
    writeFileSync(file, lines.slice(0, 20).join('\n') + '\n' + (lines[20] ?? '').slice(0, 25));
    const r = run('import', [file, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cut.csv, Zeile 21: Erwartet 26 Felder');
    expect(r.stderr).toContain('cut.csv, line 21: expected 26 fields');
    expect(run('indicators', ['--db', db, 'values', '12411-01-01-5', '--region', '01056', '--json']).stdout).toBe(before);
  });

  it('explains usage errors with exit code 2', () => {
    const r = run('indicators', ['values', '12411-01-01-5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('values braucht <tabellencode> und --region');
    // Unknown options are usage errors too, not a stack trace.
    const unknown = run('import', ['--data', 'verzeichnis', 'datei.csv']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Ungültige Argumente / invalid arguments: Unknown option '--data'");
    expect(unknown.stderr).toContain('Aufruf / usage: npm run import');
    expect(unknown.stderr).not.toContain('    at ');
  });

  it('prints the usage for --help', () => {
    for (const cli of ['import', 'indicators'] as const) {
      const r = run(cli, ['--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Aufruf / usage:\\s+npm run ${cli} --`));
    }
  });
});
