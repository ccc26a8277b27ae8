/**
 * Large-file part of the indicator benchmark (issue 12), run as its own process so its peak RSS is
 * its own; prints one JSON object:
 * - a generated GENESIS table of BENCH_LARGE_MB MiB (default 60) uploaded to a real browser-mode
 *   host and imported (in the import worker) while /healthz is probed every 100 ms: probe p50/p99/max,
 *   import seconds, peak RSS of the host process (worker included);
 * - a generated BENCH_HUGE_MB MiB file (default 200) imported through the same worker: peak RSS, or
 *   the refusal message when the file exceeds the import size limit.
 *
 * Run: npx tsx tests/bench/indicators-large.ts large|huge   (npm run bench:indicators runs both)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_IMPORT_CHUNK_BYTES } from '../../shared/indicators/import';
import { createLogger } from '../../shared/log';
import { openIndicatorCache } from '../../src-main/services/indicators/cache';
import { ImportRunner } from '../../src-main/services/indicators/import-runner';
import { startWebHost } from '../../src-main/web/host';
import { writeLargeGenesisFile } from '../fixtures/large-genesis';

const LARGE_MB = Number(process.env['BENCH_LARGE_MB'] ?? 60);
const HUGE_MB = Number(process.env['BENCH_HUGE_MB'] ?? 200);
const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const rssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function probedImport(dir: string): Promise<Record<string, unknown>> {
  const file = path.join(dir, 'large.csv');
  const written = writeLargeGenesisFile(file, LARGE_MB * 1024 * 1024, '03.03.2019 / 10:00:00');
  const rendererDir = path.join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Fokuswerk</title>');
  const host = await startWebHost({ port: 0, dataDir: path.join(dir, 'data'), rendererDir, reportYear: 2026, logger: createLogger(() => undefined) });
  try {
    const call = async (channel: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
      const r = await fetch(`${host.url}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    };
    const bytes = readFileSync(file);
    const begin = await call('indicators.importBegin', { fileName: 'large.csv', size: bytes.length });
    const uploadId = String(begin.body['uploadId']);
    for (let offset = 0; offset < bytes.length; offset += MAX_IMPORT_CHUNK_BYTES) {
      await call('indicators.importChunk', { uploadId, offset, data: bytes.subarray(offset, offset + MAX_IMPORT_CHUNK_BYTES).toString('base64') });
    }
    let finished = false;
    const t0 = performance.now();
    const finish = call('indicators.importFinish', { uploadId }).finally(() => {
      finished = true;
    });
    const probes: number[] = [];
    let failed = 0;
    while (!finished) {
      const p0 = performance.now();
      const r = await fetch(`${host.url}/healthz`);
      await r.arrayBuffer();
      probes.push(performance.now() - p0);
      failed += r.status === 200 ? 0 : 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const result = await finish;
    const seconds = (performance.now() - t0) / 1000;
    probes.sort((a, b) => a - b);
    return {
      fileMiB: Math.round((bytes.length / 1024 / 1024) * 10) / 10,
      values: written.values,
      status: result.status,
      imported: result.body['status'] ?? result.body['message'],
      importSeconds: r3(seconds),
      healthz: { probes: probes.length, failed, p50Ms: r3(percentile(probes, 50)), p99Ms: r3(percentile(probes, 99)), maxMs: r3(probes.at(-1) ?? 0) },
      peakRssMb: rssMb(),
    };
  } finally {
    await host.close();
  }
}

async function hugeImport(dir: string): Promise<Record<string, unknown>> {
  const file = path.join(dir, 'huge.csv');
  const written = writeLargeGenesisFile(file, HUGE_MB * 1024 * 1024, '02.02.2019 / 10:00:00');
  const dbPath = path.join(dir, 'huge.sqlite');
  const cache = openIndicatorCache({ dbPath, bundledDataDir: null, logger: createLogger(() => undefined) });
  const before = rssMb();
  const t0 = performance.now();
  try {
    const summary = await new ImportRunner(cache, dbPath).run({ filePath: file, fileName: 'huge.csv' });
    return { fileMiB: HUGE_MB, values: summary.values, seconds: r3((performance.now() - t0) / 1000), peakRssMb: rssMb(), rssBeforeMb: before };
  } catch (e: unknown) {
    return { fileMiB: HUGE_MB, values: written.values, refused: e instanceof Error ? e.message : String(e), seconds: r3((performance.now() - t0) / 1000), peakRssMb: rssMb() };
  } finally {
    cache.close();
  }
}

// One measurement per process, so each peak RSS is its own: argument "large" or "huge".
const dir = mkdtempSync(path.join(os.tmpdir(), 'fokuswerk-bench-large-'));
try {
  const result = process.argv[2] === 'huge' ? await hugeImport(dir) : await probedImport(dir);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
