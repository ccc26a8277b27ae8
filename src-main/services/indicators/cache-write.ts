import type Database from 'better-sqlite3';
import type { ImportProgress, ImportStatus } from '../../../shared/indicators/import';
import type { RegionLevel } from '../../../shared/indicators/types';
import { variableOf, type GenesisTable } from './genesis-csv';
import { regionLevelOf } from './region-level';

/** Facts about the file a table came from. */
export interface SourceFile {
  fileName: string;
  hash: string;
}

/** What writeTable stored. */
export interface WriteResult {
  status: Exclude<ImportStatus, 'unchanged'>;
  regions: number;
  values: number;
  missing: number;
}

/** Options for writeTable. */
export interface WriteOptions {
  onProgress?: (p: ImportProgress) => void;
  /** Checked between batches; aborting rolls the whole import back. */
  signal?: AbortSignal;
}

/** About this many progress reports per import. */
const PROGRESS_STEPS = 20;
/** Values per INSERT statement (6 parameters each, well below SQLite's limit of 32766). */
const BATCH = 100;

/**
 * Writes a parsed table into the cache. Must run inside a transaction (the caller's), so any
 * throw — including one from onProgress or an aborted signal — leaves the database unchanged.
 * A table with the same code and Stand as a stored one is merged into that vintage.
 */
export function writeTable(db: Database.Database, table: GenesisTable, file: SourceFile, options: WriteOptions = {}): WriteResult {
  const now = new Date().toISOString();
  const existing = db.prepare('SELECT id FROM source_tables WHERE code = ? AND stand = ?').get(table.tableCode, table.stand) as
    | { id: number }
    | undefined;
  const tableId =
    existing?.id ??
    Number(
      db
        .prepare('INSERT INTO source_tables (code, title, stand, attribution, licence, notes, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(table.tableCode, table.title, table.stand, table.attribution, table.licence, table.notes.join('\n\n'), now).lastInsertRowid,
    );

  const upsertRegion = db.prepare(
    `INSERT INTO regions (ags, name, level, parent, stand) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (ags) DO UPDATE SET name = excluded.name, level = excluded.level, parent = excluded.parent, stand = excluded.stand
     WHERE excluded.stand >= regions.stand`,
  );
  const levels = new Map<string, RegionLevel | null>();
  for (const r of table.regions) {
    const level = regionLevelOf(r.key, r.parentKey ? (levels.get(r.parentKey) ?? null) : null);
    levels.set(r.key, level);
    upsertRegion.run(r.key, r.name, level, r.parentKey, table.stand);
  }

  const insertVariable = db.prepare('INSERT OR IGNORE INTO variables (table_code, path, unit) VALUES (?, ?, ?)');
  const selectVariable = db.prepare('SELECT id FROM variables WHERE table_code = ? AND path = ? AND unit = ?');
  const variableIds = new Map<string, number>();
  const variableId = (path: readonly string[], unit: string): number => {
    const json = JSON.stringify(path);
    const key = `${unit}\u0000${json}`;
    let id = variableIds.get(key);
    if (id === undefined) {
      insertVariable.run(table.tableCode, json, unit);
      id = (selectVariable.get(table.tableCode, json, unit) as { id: number }).id;
      variableIds.set(key, id);
    }
    return id;
  };
  const rowDependent = table.rows.some((r) => (r.dims?.length ?? 0) > 0 || (r.unit ?? null) !== null);

  // Many rows per statement: one call into SQLite per BATCH values instead of one per value.
  const upsert = (rows: number): Database.Statement =>
    db.prepare(
      `INSERT INTO data_values (table_id, variable_id, ags, period, value, flag) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?)').join(', ')}
       ON CONFLICT DO UPDATE SET value = excluded.value, flag = excluded.flag`,
    );
  const insertBatch = upsert(BATCH);
  let insertOne: Database.Statement | null = null;
  const pending: unknown[] = [];
  const flush = (): void => {
    if (pending.length === BATCH * 6) {
      insertBatch.run(pending);
    } else {
      insertOne ??= upsert(1);
      for (let i = 0; i < pending.length; i += 6) {
        insertOne.run(pending.slice(i, i + 6));
      }
    }
    pending.length = 0;
  };
  const total = table.rows.length * table.columns.length;
  const every = Math.max(1, Math.ceil(total / PROGRESS_STEPS));
  let done = 0;
  let missing = 0;
  // Column by column: the primary key (table, variable, region, period) then grows almost in order.
  table.columns.forEach((column, i) => {
    const columnId = rowDependent ? 0 : variableId(column.variable, column.unit);
    for (const row of table.rows) {
      const cell = row.cells[i];
      if (!cell) {
        continue;
      }
      let id = columnId;
      if (rowDependent) {
        const v = variableOf(column, row);
        id = variableId(v.path, v.unit);
      }
      pending.push(tableId, id, row.regionKey, row.period ?? column.period, cell.value, cell.flag);
      if (pending.length === BATCH * 6) {
        flush();
      }
      done++;
      if (cell.flag !== null) {
        missing++;
      }
      if (done % every === 0) {
        options.signal?.throwIfAborted();
        options.onProgress?.({ phase: 'write', done, total });
      }
    }
  });
  flush();
  options.signal?.throwIfAborted();
  db.prepare(
    'INSERT INTO source_files (hash, table_id, file_name, encoding, line_ending, value_count, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(file.hash, tableId, file.fileName, table.encoding, table.lineEnding, done, now);
  return { status: existing ? 'merged' : 'imported', regions: table.regions.length, values: done, missing };
}
