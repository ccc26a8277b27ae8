/**
 * Indicator benchmark, printed as one JSON object:
 * - import of every file in ../shared/data/genesis through the app's importer (parse + write, one
 *   transaction per file) in values/s, against a plain better-sqlite3 bulk insert of the same rows
 *   (already parsed, one prepared statement, one transaction) in the same run, and their ratio;
 * - p50/p99 latency of a municipality's time series and of a ranking of the 49 municipalities
 *   (base and derived indicator). The first list() loads every table into memory with disclosure
 *   control applied (firstListMs); coldMs is each query's first run after that.
 *
 * Run: npm run bench:indicators   (BENCH_QUERIES=2000 by default)
 */
import { readFileSync, rmSync } from 'node:fs';
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
const DATA = path.resolve(ROOT, '../shared/data/genesis');
const QUERIES = Number(process.env['BENCH_QUERIES'] ?? 2000);
const MUNICIPALITIES = Array.from({ length: 51 }, (_, i) => `01056${String(i + 1).padStart(3, '0')}`).filter((k) => k !== '01056007' && k !== '01056012');

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

function latency(run: () => unknown): { coldMs: number; p50Ms: number; p99Ms: number; n: number } {
  const c0 = performance.now();
  run();
  const coldMs = performance.now() - c0;
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

  // The same rows, parsed beforehand, into a plain table with one prepared insert in one transaction.
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
  const plainS = (performance.now() - p0) / 1000;
  plain.close();

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
  const plainRate = Math.round(rows.length / plainS);
  return {
    files: files.length,
    values,
    import: { seconds: Math.round(importS * 1000) / 1000, valuesPerSecond: importRate },
    plainInsert: { rows: rows.length, seconds: Math.round(plainS * 1000) / 1000, valuesPerSecond: plainRate },
    ratio: Math.round((importRate / plainRate) * 1000) / 1000,
    firstListMs,
    note: 'import = parse + write (keys, regions, variables) per file; plain insert = already parsed rows into an unindexed table',
    municipalityTimeSeries: series,
    ranking49: ranking,
    ranking49Derived: derivedRanking,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${JSON.stringify({ indicators: benchIndicators() }, null, 2)}\n`);
}
