import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IndicatorCache } from './cache';
import { readBounded } from './read-bounded';
import { silentLogger, tempDir } from './test-fixtures';

describe('reading an import file within the size limit', () => {
  it('reads a file up to the limit exactly', async () => {
    const file = path.join(tempDir(), 'ok.csv');
    writeFileSync(file, Buffer.alloc(3 * 1024 * 1024 + 5, 0x41));
    expect((await readBounded(file, 3 * 1024 * 1024 + 5)).length).toBe(3 * 1024 * 1024 + 5);
  });

  it('refuses a larger file with a clear German message', async () => {
    const file = path.join(tempDir(), 'big.csv');
    writeFileSync(file, Buffer.alloc(2 * 1024 * 1024 + 1, 0x41));
    await expect(readBounded(file, 2 * 1024 * 1024)).rejects.toThrow(/Die Datei ist größer als 2 MB \(oder endet nicht\)/);
  });

  it('stops reading input that never ends (/dev/zero) instead of hanging or filling memory', async () => {
    const cache = IndicatorCache.open({ dbPath: ':memory:', bundledDataDir: null, logger: silentLogger });
    try {
      await expect(cache.importFile('/dev/zero')).rejects.toThrow(/größer als 64 MB \(oder endet nicht\)/);
      expect(cache.importedFileHashes()).toEqual([]);
    } finally {
      cache.close();
    }
  });
});
