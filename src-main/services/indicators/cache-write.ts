import Database from 'better-sqlite3';
import type { ImportProgress, ImportStatus } from '../../../shared/indicators/import';
import type { RegionLevel } from '../../../shared/indicators/types';
import { duplicateMessage } from './genesis-body';
import type { GenesisRegion, GenesisRow, GenesisTable } from './genesis-csv';
import type { Fail } from './genesis-error';
import type { GenesisColumn } from './genesis-header';
import type { GenesisEncoding, LineEnding } from './genesis-text';
import { regionLevelOf } from './region-level';

/** Facts about the file a table came from. */
export interface SourceFile {
  fileName: string;
  hash: string;
  encoding: GenesisEncoding;
  lineEnding: LineEnding;
}

/** What a table says about itself (title block and footer). */
export interface TableFacts {
  tableCode: string;
  title: string;
  stand: string;
  attribution: string;
  licence: string;
  notes: readonly string[];
}

/** What the writer stored. */
export interface WriteResult {
  status: Exclude<ImportStatus, 'unchanged'>;
  regions: number;
  values: number;
  missing: number;
}

/** Options for the writer. */
export interface WriteOptions {
  onProgress?: ((p: ImportProgress) => void) | undefined;
  /** Checked with each progress report; aborting rolls the whole import back. */
  signal?: AbortSignal | undefined;
}

/** Values per INSERT statement (6 parameters each, well below SQLite's limit of 32766). */
const BATCH = 200;
/** Marks the provisional vintage a merge is written into first. */
const MERGING = '\u0000merging';

/**
 * Writes one table into the cache row by row, as the parser reads it, so a file of any size needs
 * memory for one batch only. Must run inside a transaction (the caller's), so any throw —
 * including one from onProgress or an aborted signal — leaves the database unchanged.
 *
 * The values go into a vintage of their own first, with plain INSERTs (no conflict handling, no
 * set of rows seen in memory): a row that appears twice in the file then fails the primary key,
 * and is reported with its line. A table with the same code and Stand as a stored one is merged
 * into that vintage at the end. Regions are collected in a temporary table and stored at the end,
 * when the Stand decides whether their names replace the stored ones.
 */
export class TableWriter {
  private readonly tableId: number;
  private readonly existingId: number | null;
  private readonly now = new Date().toISOString();
  private readonly insertBatch: Database.Statement;
  private readonly insertOne: Database.Statement;
  private readonly insertRegion: Database.Statement;
  private readonly levelOf: Database.Statement;
  private readonly insertVariable: Database.Statement;
  private readonly selectVariable: Database.Statement;
  /** Variable ids of the columns (for rows without dimensions or a unit of their own). */
  private readonly columnIds: number[];
  /** Variable ids of the columns per row dimensions + unit. */
  private readonly rowIds = new Map<string, number[]>();
  private readonly pending: unknown[] = [];
  private readonly pendingRows: GenesisRow[] = [];
  private readonly stack: { key: string; level: RegionLevel | null }[] = [];
  /** Per set of variable ids (a row's), the row periods seen (null: the columns' periods). */
  private readonly periodsSeen = new Map<number[], Set<string | null>>();
  private regionSeq = 0;
  values = 0;
  missing = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly facts: TableFacts,
    private readonly columns: readonly GenesisColumn[],
    private readonly fail: Fail,
  ) {
    // Regions are stored at the end (when all are known); checking references then is enough.
    db.pragma('defer_foreign_keys = ON');
    const existing = db.prepare('SELECT id FROM source_tables WHERE code = ? AND stand = ?').get(facts.tableCode, facts.stand) as { id: number } | undefined;
    this.existingId = existing?.id ?? null;
    this.tableId = Number(
      db
        .prepare('INSERT INTO source_tables (code, title, stand, attribution, licence, notes, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(facts.tableCode, facts.title, existing ? facts.stand + MERGING : facts.stand, facts.attribution, facts.licence, facts.notes.join('\n\n'), this.now).lastInsertRowid,
    );
    const insert = (rows: number): string =>
      `INSERT INTO data_values (table_id, variable_id, ags, period, value, flag) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}`;
    this.insertBatch = db.prepare(insert(BATCH));
    this.insertOne = db.prepare(insert(1));
    db.exec('CREATE TEMP TABLE IF NOT EXISTS import_regions (ags TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT, parent TEXT, seq INTEGER NOT NULL)');
    db.exec('DELETE FROM temp.import_regions');
    this.insertRegion = db.prepare('INSERT OR IGNORE INTO temp.import_regions (ags, name, level, parent, seq) VALUES (?, ?, ?, ?, ?)');
    this.levelOf = db.prepare('SELECT level FROM temp.import_regions WHERE ags = ?').pluck();
    this.insertVariable = db.prepare('INSERT OR IGNORE INTO variables (table_code, path, unit) VALUES (?, ?, ?)');
    this.selectVariable = db.prepare('SELECT id FROM variables WHERE table_code = ? AND path = ? AND unit = ?').pluck();
    this.columnIds = columns.map((c) => this.variableId(c.variable, c.unit));
  }

  /** A region of the table, as the parser enters it (repeats are ignored; the first name counts). */
  region(r: GenesisRegion): void {
    const stack = this.stack;
    while (stack.length > 0 && stack[stack.length - 1]?.key !== r.parentKey) {
      stack.pop();
    }
    let parentLevel: RegionLevel | null = stack[stack.length - 1]?.level ?? null;
    if (r.parentKey !== null && stack.length === 0) {
      parentLevel = (this.levelOf.get(r.parentKey) as RegionLevel | null | undefined) ?? null;
    }
    const level = regionLevelOf(r.key, parentLevel);
    stack.push({ key: r.key, level });
    this.insertRegion.run(r.key, r.name, level, r.parentKey, this.regionSeq++);
  }

  /** One data row: a value per column. */
  row(row: GenesisRow): void {
    const ids = (row.dims?.length ?? 0) > 0 || (row.unit ?? null) !== null ? this.idsFor(row) : this.columnIds;
    let seen = this.periodsSeen.get(ids);
    if (!seen) {
      seen = new Set();
      this.periodsSeen.set(ids, seen);
    }
    seen.add(row.period);
    const pending = this.pending;
    const cells = row.cells;
    const columns = this.columns;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (!cell) {
        continue;
      }
      pending.push(this.tableId, ids[i], row.regionKey, row.period ?? columns[i]?.period, cell.value, cell.flag);
      this.pendingRows.push(row);
      if (cell.flag !== null) {
        this.missing++;
      }
      this.values++;
      if (pending.length === BATCH * 6) {
        this.flush();
      }
    }
  }

  /** Writes the values held back; reports a row that appears twice with its line. */
  flush(): void {
    const pending = this.pending;
    if (pending.length === 0) {
      return;
    }
    try {
      if (pending.length === BATCH * 6) {
        this.insertBatch.run(pending);
      } else {
        this.insertEach(0);
      }
    } catch (e: unknown) {
      if (!(e instanceof Database.SqliteError) || e.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw e;
      }
      // The statement left nothing behind; find the row that collides.
      this.insertEach(0);
    } finally {
      pending.length = 0;
      this.pendingRows.length = 0;
    }
  }

  /**
   * After the last row: stores the regions and the file, merges into a stored vintage of the
   * same Stand, and keeps the catalogue summary current.
   */
  finish(file: SourceFile): WriteResult {
    this.flush();
    const db = this.db;
    const stand = this.facts.stand;
    db.prepare(
      `INSERT INTO regions (ags, name, level, parent, stand) SELECT ags, name, level, parent, ? FROM temp.import_regions WHERE true ORDER BY seq
       ON CONFLICT (ags) DO UPDATE SET name = excluded.name, level = excluded.level, parent = excluded.parent, stand = excluded.stand
       WHERE excluded.stand >= regions.stand`,
    ).run(stand);
    const regions = db.prepare('SELECT COUNT(*) FROM temp.import_regions').pluck().get() as number;
    db.exec('DELETE FROM temp.import_regions');
    let tableId = this.tableId;
    if (this.existingId !== null) {
      tableId = this.existingId;
      db.prepare(
        `INSERT INTO data_values (table_id, variable_id, ags, period, value, flag)
         SELECT ?, variable_id, ags, period, value, flag FROM data_values WHERE table_id = ?
         ON CONFLICT DO UPDATE SET value = excluded.value, flag = excluded.flag`,
      ).run(tableId, this.tableId);
      db.prepare('DELETE FROM data_values WHERE table_id = ?').run(this.tableId);
      db.prepare('DELETE FROM source_tables WHERE id = ?').run(this.tableId);
    }
    db.prepare(
      'INSERT INTO source_files (hash, table_id, file_name, encoding, line_ending, value_count, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(file.hash, tableId, file.fileName, file.encoding, file.lineEnding, this.values, this.now);
    // The catalogue summary: which variable has figures for which periods.
    const period = db.prepare('INSERT OR IGNORE INTO variable_periods (table_id, variable_id, period) VALUES (?, ?, ?)');
    for (const [ids, periods] of this.periodsSeen) {
      for (const p of periods) {
        ids.forEach((id, i) => {
          const at = p ?? this.columns[i]?.period;
          if (at) {
            period.run(tableId, id, at);
          }
        });
      }
    }
    return { status: this.existingId !== null ? 'merged' : 'imported', regions, values: this.values, missing: this.missing };
  }

  private insertEach(from: number): void {
    const pending = this.pending;
    for (let i = from; i < pending.length; i += 6) {
      try {
        this.insertOne.run(pending.slice(i, i + 6));
      } catch (e: unknown) {
        const row = this.pendingRows[i / 6];
        if (row && e instanceof Database.SqliteError && e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
          const m = duplicateMessage(row.regionKey, row.dims ?? []);
          this.fail(row.line, 'duplicate', m.de, m.en);
        }
        throw e;
      }
    }
  }

  private idsFor(row: GenesisRow): number[] {
    const dims = row.dims ?? [];
    const key = `${row.unit ?? ''}\u0000${dims.join('\u0000')}`;
    let ids = this.rowIds.get(key);
    if (!ids) {
      ids = this.columns.map((c) => this.variableId(dims.length > 0 ? [...c.variable, ...dims] : c.variable, row.unit ?? c.unit));
      this.rowIds.set(key, ids);
    }
    return ids;
  }

  private variableId(path: readonly string[], unit: string): number {
    const json = JSON.stringify(path);
    this.insertVariable.run(this.facts.tableCode, json, unit);
    return this.selectVariable.get(this.facts.tableCode, json, unit) as number;
  }
}

/** Writes a table parsed in memory (a flat file); see TableWriter. */
export function writeTable(db: Database.Database, table: GenesisTable, file: SourceFile, fail: Fail, options: WriteOptions = {}): WriteResult {
  const writer = new TableWriter(db, table, table.columns, fail);
  for (const r of table.regions) {
    writer.region(r);
  }
  const total = table.rows.length * table.columns.length;
  const every = Math.max(1, Math.ceil(table.rows.length / 20));
  table.rows.forEach((row, i) => {
    writer.row(row);
    if ((i + 1) % every === 0) {
      options.signal?.throwIfAborted();
      options.onProgress?.({ phase: 'write', done: writer.values, total });
    }
  });
  options.signal?.throwIfAborted();
  return writer.finish(file);
}
