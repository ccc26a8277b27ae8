/**
 * Worker thread of the SQLite DocStore (persistence.ts): owns its own connection to the database
 * (WAL, synchronous = FULL) and runs appends and compactions there, so the server's event loop
 * keeps delivering updates while a commit waits for fsync. Answers in the order it is asked.
 */
import { workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { sqliteDocLog, unpackWrites } from './doc-log.js';
import { CLIENT_ID_TABLE_DDL, INSERT_CLIENT_ID } from './guards/client-ids.js';
import { serveSyncCalls, type SyncWorkerData } from './worker-call.js';

/** Configuration handed to the worker. */
export interface DocWriterConfig {
  /** The database file (already created and migrated by the main thread). */
  file: string;
  /** better-sqlite3 addon for the running ABI (Electron's differs from Node's). */
  nativeBinding?: string;
}

const data = workerData as SyncWorkerData;
const config = data.config as DocWriterConfig;
const db = new Database(config.file, { timeout: 5_000, ...(config.nativeBinding ? { nativeBinding: config.nativeBinding } : {}) });
db.pragma('journal_mode = WAL');
// Durability: a commit returns only once it is on disk (survives kill -9 and power loss).
db.pragma('synchronous = FULL');
const log = sqliteDocLog(db);
db.exec(CLIENT_ID_TABLE_DDL);
const insertClientId = db.prepare<[string, number, string]>(INSERT_CLIENT_ID);

serveSyncCalls(data, {
  ping() {
    return Promise.resolve(null);
  },
  append(docs: string[], lengths: number[], buffer: ArrayBuffer) {
    log.append(unpackWrites(docs, lengths, buffer));
    return Promise.resolve(null);
  },
  bindClientId(doc: string, client: number, owner: string) {
    insertClientId.run(doc, client, owner);
    return Promise.resolve(null);
  },
  compact(doc: string) {
    return Promise.resolve(log.compact(doc));
  },
  close() {
    db.close();
    return Promise.resolve(null);
  },
});
