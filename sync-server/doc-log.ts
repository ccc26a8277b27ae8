import type Database from 'better-sqlite3';
import * as Y from 'yjs';

/** The stored update log of one document. */
export interface StoredDoc {
  updates: Uint8Array[];
  /** Number of rows in the log. */
  count: number;
  /** Sum of the stored blob sizes. */
  bytes: number;
}

/** One update to append to a document's log. */
export interface PendingWrite {
  doc: string;
  update: Uint8Array;
}

/**
 * The update log's statements on one SQLite connection, all synchronous. The server's main thread
 * uses them to read (WAL: readers never wait for the writer), the writer worker (doc-writer-worker.ts)
 * to append and compact on its own connection.
 */
export interface DocLog {
  load(doc: string): StoredDoc;
  /** Appends all writes in one IMMEDIATE transaction; nothing is stored if it throws. */
  append(writes: readonly PendingWrite[]): void;
  compact(doc: string): { count: number; bytes: number };
  count(doc: string): number;
  documents(): string[];
  seedIfEmpty(docs: ReadonlyMap<string, Uint8Array>): boolean;
}

/** Prepares the log's statements on `db` (which must be migrated, see database.ts). */
export function sqliteDocLog(db: Database.Database): DocLog {
  const selectLog = db.prepare<[string], { seq: number; data: Buffer }>(
    'SELECT seq, data FROM doc_updates WHERE doc = ? ORDER BY seq',
  );
  const selectMaxSeq = db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM doc_updates WHERE doc = ?');
  const selectCount = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM doc_updates WHERE doc = ?');
  const insert = db.prepare<[string, number, Uint8Array]>('INSERT INTO doc_updates (doc, seq, data) VALUES (?, ?, ?)');
  const deleteUpTo = db.prepare<[string, number]>('DELETE FROM doc_updates WHERE doc = ? AND seq <= ?');
  const selectDocs = db.prepare<[], { doc: string }>('SELECT DISTINCT doc FROM doc_updates ORDER BY doc');
  const selectAny = db.prepare<[], { one: number }>('SELECT 1 AS one FROM doc_updates LIMIT 1');

  const nextSeq = (doc: string): number => (selectMaxSeq.get(doc)?.seq ?? 0) + 1;

  const appendTx = db.transaction((writes: readonly PendingWrite[]) => {
    const seqs = new Map<string, number>();
    for (const { doc, update } of writes) {
      const seq = seqs.get(doc) ?? nextSeq(doc);
      insert.run(doc, seq, update);
      seqs.set(doc, seq + 1);
    }
  });

  const compactTx = db.transaction((doc: string) => {
    const rows = selectLog.all(doc);
    const last = rows[rows.length - 1];
    if (last === undefined || rows.length === 1) {
      return { count: rows.length, bytes: last?.data.length ?? 0 };
    }
    const merged = Y.mergeUpdates(rows.map((row) => row.data));
    deleteUpTo.run(doc, last.seq);
    insert.run(doc, last.seq, merged);
    return { count: 1, bytes: merged.length };
  });

  const seedTx = db.transaction((docs: ReadonlyMap<string, Uint8Array>) => {
    if (selectAny.get() !== undefined) {
      return false;
    }
    for (const [doc, update] of docs) {
      insert.run(doc, 1, update);
    }
    return true;
  });

  return {
    load(doc) {
      const rows = selectLog.all(doc);
      return {
        updates: rows.map((row) => new Uint8Array(row.data)),
        count: rows.length,
        bytes: rows.reduce((sum, row) => sum + row.data.length, 0),
      };
    },
    append(writes) {
      if (writes.length > 0) {
        appendTx.immediate(writes);
      }
    },
    compact: (doc) => compactTx.immediate(doc),
    count: (doc) => selectCount.get(doc)?.n ?? 0,
    documents: () => selectDocs.all().map((row) => row.doc),
    seedIfEmpty: (docs) => seedTx.immediate(docs),
  };
}

/** Packs the writes' updates into one buffer (handed to a worker without copying again). */
export function packWrites(writes: readonly PendingWrite[]): { docs: string[]; lengths: number[]; buffer: ArrayBuffer } {
  const total = writes.reduce((sum, write) => sum + write.update.length, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const { update } of writes) {
    bytes.set(update, offset);
    offset += update.length;
  }
  return { docs: writes.map((write) => write.doc), lengths: writes.map((write) => write.update.length), buffer: bytes.buffer };
}

/** The inverse of packWrites (views into `buffer`, no copies). */
export function unpackWrites(docs: readonly string[], lengths: readonly number[], buffer: ArrayBuffer): PendingWrite[] {
  const writes: PendingWrite[] = [];
  let offset = 0;
  docs.forEach((doc, i) => {
    const length = lengths[i] ?? 0;
    writes.push({ doc, update: new Uint8Array(buffer, offset, length) });
    offset += length;
  });
  return writes;
}
