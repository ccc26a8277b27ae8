import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMPORT_CHUNK_BYTES } from '../../shared/indicators/import';
import { createLogger } from '../../shared/log';
import { startWebHost, type WebHost } from '../../src-main/web/host';
import { writeLargeGenesisFile } from '../fixtures/large-genesis';

/** Size of the generated table: a few tens of MB, like a Germany-wide table with many columns. */
const SIZE = 16 * 1024 * 1024;

/**
 * A large import runs in the import worker: the browser-mode host keeps answering – here its
 * /healthz, probed every 100 ms during the import – instead of freezing until the import ends.
 * Timing is measured, not asserted tightly (the machine is shared); `npm run bench:indicators`
 * reports the p99 for a 60 MiB file.
 */
describe('the host stays responsive while it imports a large file', () => {
  let host: WebHost;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fokuswerk-import-large-'));
  const file = path.join(dir, 'gross.csv');
  let expected: { rows: number; values: number };

  beforeAll(async () => {
    const rendererDir = path.join(dir, 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Fokuswerk</title>');
    expected = writeLargeGenesisFile(file, SIZE, '01.02.2019 / 10:00:00');
    host = await startWebHost({ port: 0, dataDir: path.join(dir, 'data'), rendererDir, reportYear: 2026, logger: createLogger(() => undefined) });
  });

  afterAll(async () => {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function call<T>(channel: string, body: unknown): Promise<{ status: number; body: T }> {
    const r = await fetch(`${host.url}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as T };
  }

  it('answers /healthz every 100 ms during the import, and the import completes', async () => {
    const bytes = readFileSync(file);
    const begin = await call<{ uploadId: string }>('indicators.importBegin', { fileName: 'gross.csv', size: bytes.length });
    expect(begin.status).toBe(200);
    for (let offset = 0; offset < bytes.length; offset += MAX_IMPORT_CHUNK_BYTES) {
      const data = bytes.subarray(offset, offset + MAX_IMPORT_CHUNK_BYTES).toString('base64');
      expect((await call('indicators.importChunk', { uploadId: begin.body.uploadId, offset, data })).status).toBe(200);
    }

    let finished = false;
    const finish = call<Record<string, unknown>>('indicators.importFinish', { uploadId: begin.body.uploadId }).finally(() => {
      finished = true;
    });
    const probes: { ms: number; status: number }[] = [];
    while (!finished) {
      const t0 = performance.now();
      const r = await fetch(`${host.url}/healthz`);
      await r.arrayBuffer();
      probes.push({ ms: performance.now() - t0, status: r.status });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const result = await finish;
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ status: 'imported', values: expected.values, regions: expected.rows });

    // The import takes seconds; the host answered all along (before the worker it answered none
    // until the import had ended: one probe taking as long as the whole import).
    expect(probes.length).toBeGreaterThanOrEqual(5);
    expect(probes.every((p) => p.status === 200)).toBe(true);
    const slowest = Math.max(...probes.map((p) => p.ms));
    expect(slowest, `slowest of ${probes.length} probes`).toBeLessThan(2000);
  }, 240_000);
});
