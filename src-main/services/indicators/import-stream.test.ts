import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '../../../shared/indicators/import';
import { writeLargeGenesisFile } from '../../../tests/fixtures/large-genesis';
import { IndicatorCache } from './cache';
import { GenesisParseError } from './genesis-error';
import { ImportRunner } from './import-runner';
import { sampleFile, silentLogger, tempDir } from './test-fixtures';

const POP = '12411-01-01-5.csv';

function memoryCache(): IndicatorCache {
  return IndicatorCache.open({ dbPath: ':memory:', bundledDataDir: null, logger: silentLogger });
}

/** The streaming import: the file is read in chunks and written row by row, in one transaction. */
describe('streaming import', () => {
  it('stops reading input that never ends (/dev/zero) at the size limit, with a clear message', async () => {
    const cache = memoryCache();
    try {
      expect(MAX_IMPORT_BYTES).toBe(256 * 1024 * 1024);
      await expect(cache.importFile('/dev/zero')).rejects.toThrow(/Die Datei ist größer als 256 MB \(oder endet nicht\)/);
      expect(cache.importedFileHashes()).toEqual([]);
    } finally {
      cache.close();
    }
  }, 60_000);

  it('finds a row that appears twice by the primary key and names its line; nothing is stored', () => {
    const lines = sampleFile(POP).toString('utf-8').split('\n');
    const first = lines.findIndex((l) => l.startsWith('01056015;'));
    // The duplicate comes more than one write batch after the original.
    lines.splice(first + 30, 0, lines[first] ?? '');
    const cache = memoryCache();
    try {
      let err: unknown;
      try {
        cache.importBytes(Buffer.from(lines.join('\n')), 'doppelt.csv');
      } catch (e: unknown) {
        err = e;
      }
      expect(err).toBeInstanceOf(GenesisParseError);
      expect((err as GenesisParseError).reason).toBe('duplicate');
      expect((err as GenesisParseError).line).toBe(first + 31);
      expect((err as GenesisParseError).message).toContain('doppelt.csv, Zeile');
      expect(cache.importedFileHashes()).toEqual([]);
      expect(cache.regions()).toEqual([]);
    } finally {
      cache.close();
    }
  });

  it('reports a broken line before a broken footer, in file order, as the whole-file parser does', () => {
    const text = sampleFile(POP).toString('utf-8');
    const lines = text.split('\n');
    const row = lines.findIndex((l) => l.startsWith('01056015;'));
    lines[row] = (lines[row] ?? '').replace(/;48684;/, ';abc;');
    const broken = lines.join('\n').replace(/^Stand: .*$/m, 'Stand: 99.99.9999 / 10:00:00');
    const cache = memoryCache();
    try {
      expect(() => cache.importBytes(Buffer.from(broken), 'x.csv')).toThrow(`Zeile ${row + 1}: Spalte`);
      expect(() => cache.importBytes(Buffer.from(text.replace(/^Stand: .*$/m, 'Stand: 99.99.9999 / 10:00:00')), 'x.csv')).toThrow(/99\.99\.9999.*gibt es nicht/);
      expect(cache.importedFileHashes()).toEqual([]);
    } finally {
      cache.close();
    }
  });

  it('imports a file of 8 MB in the worker with a heap of 64 MB, and a broken last line changes nothing', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'indicators.sqlite');
    const file = path.join(dir, 'gross.csv');
    const written = writeLargeGenesisFile(file, 8 * 1024 * 1024);
    const cache = IndicatorCache.open({ dbPath, bundledDataDir: null, logger: silentLogger });
    try {
      // The whole-file parser needed about 18 bytes of memory per byte of file (3.7 GB for 200 MB): 145 MB here.
      const runner = new ImportRunner(cache, dbPath, undefined, 64);
      const broken = path.join(dir, 'kaputt.csv');
      const bytes = readFileSync(file);
      const footer = bytes.lastIndexOf('\n____');
      writeFileSync(broken, bytes.subarray(0, footer));
      appendFileSync(broken, `\n999999999999;  kaputt;1;2\n${bytes.subarray(footer + 1).toString('utf-8')}`);
      await expect(runner.run({ filePath: broken, fileName: 'kaputt.csv' })).rejects.toThrow(/kaputt\.csv, Zeile \d+: Erwartet 26 Felder, gefunden 4/);
      expect(cache.importedFileHashes()).toEqual([]);

      const progress: number[] = [];
      const done = await runner.run({ filePath: file, fileName: 'gross.csv', onProgress: (p) => p.phase === 'write' && progress.push(p.done) });
      expect(done).toMatchObject({ status: 'imported', values: written.values, regions: written.rows, tableCode: '12411-01-01-5' });
      expect(progress.length).toBeGreaterThanOrEqual(10);
    } finally {
      cache.close();
    }
  }, 180_000);
});
