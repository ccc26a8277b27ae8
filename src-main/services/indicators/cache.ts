import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MAX_IMPORT_BYTES, type ImportProgress, type ImportSummary } from '../../../shared/indicators/import';
import type { Indicator, IndicatorQuery, IndicatorSeries, Region } from '../../../shared/indicators/types';
import { processLogger, type Logger } from '../../../shared/log';
import { defaultBundledDataDir, genesisFilesIn } from './bundled-data';
import { migrate } from './cache-schema';
import { valuesWhere, vintageFor, type ValueFilter, type ValueRow, type Vintage } from './cache-read';
import { writeTable } from './cache-write';
import { streamClassicCsv, type Written } from './import-stream';
import { bufferSource, fileSource, scanFile, tooLarge, type ByteSource, type ScannedFile } from './import-source';
import { failFor, type Fail } from './genesis-error';
import { looksLikeFlatFile, parseGenesisFlatFile } from './genesis-ffcsv';
import { loadCatalog, type Catalog } from './catalog-file';
import { disclosureThresholdFromEnv } from './disclosure';
import { IndicatorEngine } from './indicator-query';

/** How to open the indicator cache. */
export interface IndicatorCacheOptions {
  /** SQLite file; its folder is created if missing. */
  dbPath: string;
  /** Path to a better_sqlite3.node built for the running ABI (Electron); passed to better-sqlite3. */
  nativeBinding?: string;
  /** GENESIS files an empty cache is built from; default src-main/data/genesis; null: start empty. */
  bundledDataDir?: string | null;
  /** Counts of persons below this are secret ("."); default FOKUSWERK_DISCLOSURE_THRESHOLD or 3; 0: off. */
  disclosureThreshold?: number;
  /** Indicator definitions and the Kreis structure; default src-main/data/catalog. */
  catalog?: Catalog;
  logger?: Logger;
}

/** Options of one import. */
export interface ImportOptions {
  /** Aborting rolls the import back completely. */
  signal?: AbortSignal;
  /** Stand for formats without one (GENESIS flat file); ISO date or date-time. */
  stand?: string;
}

/** Largest flat file (ffcsv): it is parsed in memory, unlike the classic CSV. */
const MAX_FLAT_FILE_BYTES = 64 * 1024 * 1024;

/** SQLite page cache during an import (negative: KiB): 64 MiB. */
const IMPORT_CACHE_KIB = -64 * 1024;

/** Reports import progress. Throwing from it aborts the import and rolls it back. */
export type ProgressListener = (p: ImportProgress) => void;

/**
 * The local indicator cache: GENESIS tables imported into SQLite, answering the contract's
 * `indicators` calls. Every import is one transaction; older vintages of a table stay queryable.
 */
export class IndicatorCache {
  private readonly engine: IndicatorEngine;

  private constructor(
    private readonly db: Database.Database,
    private readonly log: Logger,
    catalog: Catalog,
    threshold: number,
  ) {
    this.engine = new IndicatorEngine(db, catalog, threshold);
  }

  /** Opens (and creates) the cache; an empty cache is built from the bundled sample data first. */
  static open(options: IndicatorCacheOptions): IndicatorCache {
    const log = options.logger ?? processLogger(process, { service: 'indicators' });
    if (options.dbPath !== ':memory:') {
      mkdirSync(path.dirname(options.dbPath), { recursive: true });
    }
    const db = new Database(options.dbPath, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    try {
      migrate(db);
      const threshold = options.disclosureThreshold ?? disclosureThresholdFromEnv();
      const cache = new IndicatorCache(db, log, options.catalog ?? loadCatalog(), threshold);
      const dir = options.bundledDataDir === undefined ? defaultBundledDataDir() : options.bundledDataDir;
      if (dir !== null && cache.isEmpty()) {
        cache.seed(dir);
      }
      return cache;
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /** Indicators with data in the cache, base and derived (contract: indicators.list). */
  list(): Indicator[] {
    return this.engine.list();
  }

  /** Regions: Germany, Schleswig-Holstein, Kreis Pinneberg, its Ämter and municipalities (contract: indicators.regions). */
  regions(): Region[] {
    return this.engine.regions();
  }

  /**
   * Figures for regions × periods from the newest vintages, or from `q.stands` / `options.stand`
   * (one table), after disclosure control (contract: indicators.query).
   */
  query(q: IndicatorQuery, options: { stand?: string } = {}): IndicatorSeries {
    if (options.stand === undefined) {
      return this.engine.query(q);
    }
    const table = this.list().find((i) => i.id === q.indicatorId)?.tableCode ?? '';
    return this.engine.query({ ...q, stands: { ...q.stands, [table]: options.stand } });
  }

  /**
   * The stored figures of one table with their variable paths (current vintage unless `stand` is
   * given), after disclosure control – for the Kreis's regions the same as queries show.
   */
  values(filter: ValueFilter): ValueRow[] {
    const vintage = vintageFor(this.db, filter.tableCode, filter.stand);
    return valuesWhere(this.db, filter).map((row) => {
      const cell = this.engine.storedCell(vintage, row.variable, row.region, row.period);
      return cell?.suppressed ? { ...row, value: null, flag: 'secret' } : row;
    });
  }

  /** Stored vintages of a table, newest first (contract: indicators.vintages). */
  vintages(tableCode: string): Vintage[] {
    return this.engine.vintages(tableCode);
  }

  /** SHA-256 (hex) of every file imported into this cache, so published files are fetched only once. */
  importedFileHashes(): string[] {
    return this.db
      .prepare<[], { hash: string }>('SELECT hash FROM source_files ORDER BY hash')
      .all()
      .map((r) => r.hash);
  }

  /** The disclosure threshold in force (0: off). */
  get disclosureThreshold(): number {
    return this.engine.threshold;
  }

  /**
   * Imports a GENESIS file (classic CSV or flat file) in one transaction; resolves after commit.
   * Same file twice: "unchanged". The file is read in chunks, twice (check, then parse and write),
   * so memory stays small whatever its size; refuses files over MAX_IMPORT_BYTES and input that
   * never ends (a pipe, a device) after reading at most that much.
   */
  importFile(filePath: string, onProgress?: ProgressListener, options: ImportOptions = {}, fileName = path.basename(filePath)): Promise<ImportSummary> {
    // The executor's throw becomes the rejection.
    return new Promise((resolve) => {
      onProgress?.({ phase: 'read', done: 0, total: 0 });
      const source = fileSource(filePath);
      try {
        resolve(this.importSource(source, fileName, onProgress, options));
      } finally {
        source.close();
      }
    });
  }

  /** Forgets what was computed from the tables, after another connection (the import worker) changed them. */
  refresh(): void {
    this.engine.invalidate();
  }

  /** Imports the bytes of a GENESIS file, classic CSV or flat file (synchronously, one transaction). */
  importBytes(bytes: Uint8Array, fileName: string, onProgress?: ProgressListener, options: ImportOptions = {}): ImportSummary {
    return this.importSource(bufferSource(bytes), fileName, onProgress, options);
  }

  private importSource(source: ByteSource, fileName: string, onProgress: ProgressListener | undefined, options: ImportOptions): ImportSummary {
    const started = performance.now();
    const fail = failFor(fileName);
    const scanned = scanFile(source, MAX_IMPORT_BYTES, fail);
    const hash = scanned.hash;
    const known = this.db
      .prepare(
        `SELECT t.code, t.title, t.stand, f.value_count FROM source_files f JOIN source_tables t ON t.id = f.table_id WHERE f.hash = ?`,
      )
      .get(hash) as { code: string; title: string; stand: string; value_count: number } | undefined;
    if (known) {
      this.log.info('import skipped: file already imported', { fileName, hash, tableCode: known.code });
      onProgress?.({ phase: 'done', done: 0, total: 0 });
      return {
        status: 'unchanged',
        fileName,
        fileHash: hash,
        tableCode: known.code,
        tableTitle: known.title,
        stand: known.stand,
        current: this.isCurrent(known.code, known.stand),
        regions: 0,
        values: 0,
        missing: 0,
        periods: [],
        durationMs: Math.round(performance.now() - started),
      };
    }
    onProgress?.({ phase: 'parse', done: 0, total: 0 });
    // The writer inserts the referenced rows itself, so the per-row foreign-key lookups only cost
    // time (a third of the import); they are off for the write and back on after. (No effect when
    // called inside an outer transaction, e.g. seeding: SQLite ignores the pragma there.)
    const fk = this.db.inTransaction ? null : (this.db.pragma('foreign_keys', { simple: true }) as number);
    if (fk) {
      this.db.pragma('foreign_keys = OFF');
    }
    // A large page cache for the write: the value index of a big table then stays in memory
    // instead of being spilled to the WAL page by page in the middle of the transaction.
    const cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
    this.db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
    let written: Written;
    try {
      written = this.db.transaction(() =>
        looksLikeFlatFile(scanned.head)
          ? this.writeFlatFile(source, scanned, fileName, fail, onProgress, options)
          : streamClassicCsv(this.db, source, scanned, fileName, fail, { onProgress, signal: options.signal }),
      )();
    } finally {
      this.db.pragma(`cache_size = ${cacheSize}`);
      if (fk) {
        this.db.pragma('foreign_keys = ON');
      }
    }
    this.engine.invalidate();
    const { result, facts, periods } = written;
    onProgress?.({ phase: 'done', done: result.values, total: result.values });
    const summary: ImportSummary = {
      status: result.status,
      fileName,
      fileHash: hash,
      tableCode: facts.tableCode,
      tableTitle: facts.title,
      stand: facts.stand,
      current: this.isCurrent(facts.tableCode, facts.stand),
      regions: result.regions,
      values: result.values,
      missing: result.missing,
      periods,
      durationMs: Math.round(performance.now() - started),
    };
    this.log.info('import done', { ...summary, periods: undefined });
    return summary;
  }

  /** A flat file is parsed in memory (it is refused above MAX_FLAT_FILE_BYTES), then written. */
  private writeFlatFile(source: ByteSource, scanned: ScannedFile, fileName: string, fail: Fail, onProgress: ProgressListener | undefined, options: ImportOptions): Written {
    if (scanned.size > MAX_FLAT_FILE_BYTES) {
      throw tooLarge(MAX_FLAT_FILE_BYTES);
    }
    const bytes = Buffer.alloc(scanned.size);
    source.readAt(bytes, 0);
    const table = parseGenesisFlatFile(bytes, { fileName, ...(options.stand ? { stand: options.stand } : {}) });
    const result = writeTable(this.db, table, { fileName, hash: scanned.hash, encoding: table.encoding, lineEnding: table.lineEnding }, fail, { onProgress, signal: options.signal });
    return { result, facts: table, periods: table.periods };
  }

  /** Closes the database. */
  close(): void {
    this.db.close();
  }

  private isEmpty(): boolean {
    return this.db.prepare('SELECT 1 FROM source_tables LIMIT 1').get() === undefined;
  }

  private isCurrent(tableCode: string, stand: string): boolean {
    return this.vintages(tableCode)[0]?.stand === stand;
  }

  /** Builds an empty cache from a folder of GENESIS files, all in one transaction. */
  private seed(dir: string): void {
    const files = genesisFilesIn(dir);
    if (files.length === 0) {
      throw new Error(`Keine Beispieldaten in ${dir} / no sample data in ${dir}`);
    }
    this.db.transaction(() => {
      for (const file of files) {
        this.importBytes(readFileSync(file), path.basename(file));
      }
    })();
    this.log.info('indicator cache built from bundled data', { dir, files: files.length });
  }
}

/** Opens the indicator cache; see IndicatorCache.open. */
export function openIndicatorCache(options: IndicatorCacheOptions): IndicatorCache {
  return IndicatorCache.open(options);
}
