import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeLargeGenesisFile } from '../../../tests/fixtures/large-genesis';
import { IndicatorCache } from './cache';
import { ImportRunner } from './import-runner';
import { silentLogger, tempDir } from './test-fixtures';

/** The import worker against a real SQLite file: progress, cancel with rollback, and the host's cache seeing the result. */
describe('imports in the import worker', () => {
  it('reports progress, and a cancelled import changes nothing; the next import is seen by the host cache', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'indicators.sqlite');
    const file = path.join(dir, 'gross.csv');
    const written = writeLargeGenesisFile(file, 3 * 1024 * 1024);
    const cache = IndicatorCache.open({ dbPath, bundledDataDir: null, logger: silentLogger });
    try {
      const runner = new ImportRunner(cache, dbPath);
      const abort = new AbortController();
      const phases: string[] = [];
      const cancelled = runner.run({
        filePath: file,
        fileName: 'gross.csv',
        signal: abort.signal,
        onProgress: (p) => {
          phases.push(p.phase);
          if (p.phase === 'write') {
            abort.abort();
          }
        },
      });
      await expect(cancelled).rejects.toThrow(/Import abgebrochen – nichts wurde geändert/);
      expect(phases).toContain('write');
      expect(cache.importedFileHashes()).toEqual([]);
      expect(cache.vintages('12411-01-01-5')).toEqual([]);

      const done = await runner.run({ filePath: file, fileName: 'gross.csv' });
      expect(done).toMatchObject({ status: 'imported', values: written.values, tableCode: '12411-01-01-5' });
      expect(cache.importedFileHashes()).toHaveLength(1);
      expect(cache.vintages('12411-01-01-5')).toHaveLength(1);
    } finally {
      cache.close();
    }
  }, 120_000);
});
