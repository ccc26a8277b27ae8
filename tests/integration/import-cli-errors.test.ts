import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const SAMPLE = path.join(ROOT, 'src-main/data/genesis/12411-01-01-5.csv');

function runImport(args: string[]): { code: number | null; stderr: string } {
  const r = spawnSync(TSX, [path.join(ROOT, 'src-main/cli/import.ts'), ...args], { cwd: ROOT, encoding: 'utf-8', timeout: 60_000 });
  return { code: r.status, stderr: r.stderr };
}

/** Issue 8, item 10: the import CLI explains a wrong file or --db instead of printing a stack trace. */
describe('import CLI with wrong paths', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'fokuswerk-import-errors-'));
  const db = path.join(dir, 'indicators.sqlite');

  it.each([
    ['a missing file', () => [path.join(dir, 'fehlt.csv'), '--db', db], 'Datei nicht gefunden / file not found'],
    ['a directory as the file', () => [dir, '--db', db], 'ist ein Verzeichnis, keine Datei / is a directory, not a file'],
    [
      'a directory as --db',
      () => {
        mkdirSync(path.join(dir, 'cache-dir'), { recursive: true });
        return [SAMPLE, '--db', path.join(dir, 'cache-dir')];
      },
      'ist ein Verzeichnis; bitte eine Datei angeben / is a directory',
    ],
    [
      'a text file as --db',
      () => {
        writeFileSync(path.join(dir, 'notizen.txt'), 'Einkaufsliste\n'.repeat(20));
        return [SAMPLE, '--db', path.join(dir, 'notizen.txt')];
      },
      'ist keine SQLite-Datenbank / is not an SQLite database',
    ],
  ])('%s', (_name, args, message) => {
    const r = runImport(args());
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.code).toBe(2);
  });

  it('leaves a non-database --db as it was', () => {
    const notes = path.join(dir, 'notizen-2.txt');
    writeFileSync(notes, 'bleibt so\n');
    expect(runImport([SAMPLE, '--db', notes]).code).toBe(2);
    expect(readFileSync(notes, 'utf8')).toBe('bleibt so\n');
  });
});
