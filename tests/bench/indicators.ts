/**
 * Indicator benchmark, printed as one JSON object with an `aims` object:
 * - import of every file in ../shared/data/genesis through the app's importer (parse + write, one
 *   transaction per file) in values/s, against a plain better-sqlite3 bulk insert of the same rows
 *   (already parsed, one prepared statement, one transaction) in the same run, and their ratio;
 * - p50/p99 latency of a municipality's time series and of a ranking of the 49 municipalities
 *   (base and derived indicator). The first list() reads only the catalogue summary (firstListMs);
 *   coldMs is each query's first run: it reads the rows of Germany, the Land and the Kreis's
 *   regions from the table (not the whole Germany-wide table) and applies disclosure control.
 *
 * - the first list() after importing the 5 full files and every table of ../shared/data/genesis-corpus
 *   (firstListAfterCorpusMs; BENCH_CORPUS=0 skips it);
 * - a 60 MiB import through the browser-mode host with /healthz probed every 100 ms, and the peak
 *   RSS of a 200 MB import (tests/bench/indicators-large.ts, each in its own process;
 *   BENCH_LARGE_MB / BENCH_HUGE_MB change the sizes, 0 skips).
 *
 * The p50/p99 figures are taken after 500 untimed warm-up runs. On a shared machine the p99 of a
 * sub-millisecond query measures the scheduler as much as the query (a preempted run costs 4 ms).
 *
 * Run: npm run bench:indicators   (BENCH_QUERIES=2000 by default)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { createLogger } from '../../shared/log';
import { genesisFilesIn } from '../../src-main/services/indicators/bundled-data';
import { openIndicatorCache } from '../../src-main/services/indicators/cache';
import { genesisValues } from '../../src-main/services/indicators/genesis-csv';
import { parseStatisticsFile } from '../../src-main/services/indicators/statistics-file';
import { tempDir } from '../../src-main/services/indicators/test-fixtures';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED = process.env['FOKUSWERK_SHARED_DATA'] ?? path.resolve(ROOT, '../shared/data');
const DATA = path.join(SHARED, 'genesis');
const CORPUS = path.join(SHARED, 'genesis-corpus');
const QUERIES = Number(process.env['BENCH_QUERIES'] ?? 2000);
const WARMUP = 500;
const MUNICIPALITIES = Array.from({ length: 51 }, (_, i) => `01056${String(i + 1).padStart(3, '0')}`).filter((k) => k !== '01056007' && k !== '01056012');

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function latency(run: () => unknown): { coldMs: number; p50Ms: number; p99Ms: number; n: number } {
  const c0 = performance.now();
  run();
  const coldMs = performance.now() - c0;
  // Warm-up, untimed: the first few hundred runs are compiled by V8 on the side, and on a busy
  // machine those compile threads take the CPU from the query loop.
  for (let i = 0; i < WARMUP; i++) {
    run();
  }
  const times: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return { coldMs: r(coldMs), p50Ms: r(percentile(times, 50)), p99Ms: r(percentile(times, 99)), n: QUERIES };
}

/**
 * The same rows, parsed beforehand, into a plain table with one prepared insert in one
 * transaction. In a function of its own, so the parsed rows are garbage before the queries run
 * (kept alive, their 300 MB of heap made every young-generation collection during the query
 * loop slower, which the p99 figures then measured).
 */
function plainInsert(files: readonly { name: string; bytes: Buffer }[], dir: string): { rows: number; seconds: number } {
  const rows = files.flatMap((f) => [...genesisValues(parseStatisticsFile(f.bytes, { fileName: f.name }))]);
  const plain = new Database(path.join(dir, 'plain.sqlite'));
  plain.pragma('journal_mode = WAL');
  plain.exec('CREATE TABLE v (table_code TEXT, variable TEXT, ags TEXT, period TEXT, value REAL, flag TEXT)');
  const insert = plain.prepare('INSERT INTO v VALUES (?, ?, ?, ?, ?, ?)');
  const p0 = performance.now();
  plain.transaction(() => {
    for (const r of rows) {
      insert.run(r.tableCode, JSON.stringify(r.variable), r.regionKey, r.period, r.value, r.flag);
    }
  })();
  const seconds = (performance.now() - p0) / 1000;
  plain.close();
  return { rows: rows.length, seconds };
}

/** Runs the benchmark and returns its result. */
export function benchIndicators(): Record<string, unknown> {
  const files = genesisFilesIn(DATA).map((f) => ({ name: path.basename(f), bytes: readFileSync(f) }));
  const dir = tempDir();

  // The app's importer: parse + write, one transaction per file.
  const cache = openIndicatorCache({ dbPath: path.join(dir, 'app.sqlite'), bundledDataDir: null, logger: createLogger(() => undefined) });
  const i0 = performance.now();
  let values = 0;
  for (const f of files) {
    values += cache.importBytes(f.bytes, f.name).values;
  }
  const importS = (performance.now() - i0) / 1000;

  const { rows: plainRows, seconds: plainS } = plainInsert(files, dir);

  // The first list() loads every table into memory and applies disclosure control once.
  const l0 = performance.now();
  const population = cache.list().find((i) => i.id === 'bevoelkerung-insgesamt');
  const firstListMs = Math.round(performance.now() - l0);
  const lastYear = population?.periods.at(-1) ?? '2015-12-31';
  const series = latency(() => cache.query({ indicatorId: 'bevoelkerung-insgesamt', regions: ['01056015'], periods: population?.periods ?? [lastYear] }));
  const ranking = latency(() => cache.query({ indicatorId: 'bevoelkerung-insgesamt', regions: MUNICIPALITIES, periods: [lastYear] }));
  const derivedRanking = latency(() => cache.query({ indicatorId: 'anteil-65-und-aelter', regions: MUNICIPALITIES, periods: ['2015'] }));
  cache.close();
  rmSync(dir, { recursive: true, force: true });

  const importRate = Math.round(values / importS);
  const plainRate = Math.round(plainRows / plainS);
  return {
    files: files.length,
    values,
    import: { seconds: Math.round(importS * 1000) / 1000, valuesPerSecond: importRate },
    plainInsert: { rows: plainRows, seconds: Math.round(plainS * 1000) / 1000, valuesPerSecond: plainRate },
    ratio: Math.round((importRate / plainRate) * 1000) / 1000,
    firstListMs,
    note: 'import = parse + write (keys, regions, variables) per file; plain insert = already parsed rows into an unindexed table',
    municipalityTimeSeries: series,
    ranking49: ranking,
    ranking49Derived: derivedRanking,
  };
}

/** The first list() after importing the full files and the whole corpus (not-GENESIS files skipped). */
export function benchCorpusList(): Record<string, unknown> {
  if (!existsSync(CORPUS) || process.env['BENCH_CORPUS'] === '0') {
    return { skipped: `${CORPUS} not found or BENCH_CORPUS=0` };
  }
  const dir = tempDir();
  const cache = openIndicatorCache({ dbPath: path.join(dir, 'corpus.sqlite'), bundledDataDir: null, logger: createLogger(() => undefined) });
  const i0 = performance.now();
  let files = 0;
  let refused = 0;
  const sources = [
    ...genesisFilesIn(DATA).map((f) => ({ name: path.basename(f), bytes: readFileSync(f) })),
    ...readdirSync(CORPUS)
      .filter((f) => f.endsWith('.csv.gz'))
      .map((f) => ({ name: f.replace(/\.gz$/, ''), bytes: gunzipSync(readFileSync(path.join(CORPUS, f))) })),
  ];
  for (const f of sources) {
    try {
      cache.importBytes(f.bytes, f.name);
      files++;
    } catch {
      refused++;
    }
  }
  const importS = (performance.now() - i0) / 1000;
  const l0 = performance.now();
  cache.list();
  const firstListAfterCorpusMs = Math.round(performance.now() - l0);
  cache.close();
  rmSync(dir, { recursive: true, force: true });
  return { files, refused, importSeconds: Math.round(importS * 10) / 10, firstListAfterCorpusMs };
}

/** Runs one part of tests/bench/indicators-large.ts in its own process. */
function large(mode: 'large' | 'huge'): Record<string, unknown> | null {
  const size = process.env[mode === 'large' ? 'BENCH_LARGE_MB' : 'BENCH_HUGE_MB'];
  if (size === '0') {
    return null;
  }
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'tests/bench/indicators-large.ts'), mode], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    cwd: ROOT,
  });
  return run.status === 0 ? (JSON.parse(run.stdout) as Record<string, unknown>) : { error: `indicators-large ${mode} exited with ${run.status}` };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const base = benchIndicators();
  const corpus = benchCorpusList();
  const large60 = large('large');
  const huge200 = large('huge');
  const p99 = (k: string): number => ((base[k] as { p99Ms?: number } | undefined)?.p99Ms ?? Infinity);
  const probe = (large60?.['healthz'] as { p99Ms?: number; failed?: number } | undefined) ?? undefined;
  const aims = {
    importAtLeast08OfPlainInsert: (base['ratio'] as number) >= 0.8,
    firstListAfterCorpusUnder200ms: typeof corpus['firstListAfterCorpusMs'] === 'number' ? corpus['firstListAfterCorpusMs'] < 200 : null,
    queryP99Under05ms: Math.max(p99('municipalityTimeSeries'), p99('ranking49'), p99('ranking49Derived')) < 0.5,
    healthzP99Under100msDuring60MiBImport: probe?.p99Ms === undefined ? null : probe.p99Ms < 100 && probe.failed === 0,
    import200MbPeakRssUnder500Mb: huge200 === null ? null : huge200['refused'] === undefined && typeof huge200['peakRssMb'] === 'number' && huge200['peakRssMb'] < 500,
  };
  process.stdout.write(`${JSON.stringify({ indicators: { ...base, corpus, import60MiB: large60, import200MB: huge200, aims } }, null, 2)}\n`);
}
