import type Database from 'better-sqlite3';
import { openDatabase } from './database.js';
import { packWrites, sqliteDocLog, type PendingWrite, type StoredDoc } from './doc-log.js';
import type { DocWriterConfig } from './doc-writer-worker.js';
import { SyncCallWorker } from './worker-call.js';

export { DATABASE_FILE } from './database.js';
export type { PendingWrite, StoredDoc } from './doc-log.js';

/**
 * Durable, append-only store of Yjs updates per document, with snapshot compaction. Writes run
 * off the event loop: append() and compact() return promises; append() resolves only once the
 * writes are durable, so an acknowledgement sent after it never precedes the disk.
 */
export interface DocStore {
  /** Reads a document's whole log in order (empty for an unknown document); sees only committed writes. */
  load(doc: string): StoredDoc;
  /** Appends all writes in one transaction; resolves once durable, rejects (storing nothing) on failure. */
  append(writes: readonly PendingWrite[]): Promise<void>;
  /** Replaces a document's log by one merged update, atomically, after the appends asked before it. */
  compact(doc: string): Promise<{ count: number; bytes: number }>;
  /**
   * Stores an account's client-id binding (guards/client-ids.ts), durably before any append asked
   * after it. Optional: without it the server writes bindings to its own database.
   */
  bindClientId?(doc: string, client: number, owner: string): Promise<void>;
  /** Number of rows in a document's log. */
  count(doc: string): number;
  /** Names of all stored documents. */
  documents(): string[];
  /** Stores `docs` only if no document exists at all, in one transaction; true if it did. */
  seedIfEmpty(docs: ReadonlyMap<string, Uint8Array>): boolean;
  /** Resolves once the store can write without delay (e.g. its writer thread has started). */
  ready(): Promise<void>;
  /** Waits for the writes asked so far, then closes. Idempotent. */
  close(): Promise<void>;
}

/** Longest a commit may take before it counts as failed (and is retried). */
const WRITE_TIMEOUT_MS = 30_000;

/**
 * The writer worker's module: the TypeScript source when this file runs from source (tsx, vitest),
 * the bundled `doc-writer-worker.cjs` next to the Electron main bundle (src-main/electron/build.ts).
 */
function writerWorkerUrl(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './doc-writer-worker.ts' : './doc-writer-worker.cjs', import.meta.url);
}

/** Opens (creating or migrating) the database in `dataDir` as a DocStore that owns the connection. */
export function openDocStore(dataDir: string, nativeBinding?: string): DocStore {
  return createDocStore(openDatabase(dataDir, nativeBinding), nativeBinding);
}

/**
 * A DocStore over an open, migrated database (see database.ts): reads on `db`, writes in a worker
 * thread with its own connection to the same file. close() closes `db` too.
 */
export function createDocStore(db: Database.Database, nativeBinding?: string): DocStore {
  const log = sqliteDocLog(db);
  const config: DocWriterConfig = { file: db.name, ...(nativeBinding ? { nativeBinding } : {}) };
  const worker = new SyncCallWorker(writerWorkerUrl(), config);
  const inFlight = new Set<Promise<unknown>>();
  let closing: Promise<void> | null = null;
  // Starting the thread (and, from source, its TypeScript loader) takes a moment: begin at once.
  const started = worker.callAsync<null>('ping', [], WRITE_TIMEOUT_MS).then(() => undefined);
  started.catch(() => {}); // a failed start also fails every write; ready() reports it

  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    const done = (): void => {
      inFlight.delete(promise);
    };
    promise.then(done, done);
    return promise;
  };
  const writable = (): void => {
    if (closing !== null) {
      throw new Error('Dokumentspeicher ist geschlossen / document store is closed');
    }
  };

  return {
    load: (doc) => log.load(doc),
    append(writes) {
      writable();
      if (writes.length === 0) {
        return Promise.resolve();
      }
      const { docs, lengths, buffer } = packWrites(writes);
      return track(worker.callAsync<null>('append', [docs, lengths, buffer], WRITE_TIMEOUT_MS, [buffer]).then(() => undefined));
    },
    compact(doc) {
      writable();
      return track(worker.callAsync<{ count: number; bytes: number }>('compact', [doc], WRITE_TIMEOUT_MS));
    },
    bindClientId(doc, client, owner) {
      writable();
      return track(worker.callAsync<null>('bindClientId', [doc, client, owner], WRITE_TIMEOUT_MS).then(() => undefined));
    },
    count: (doc) => log.count(doc),
    documents: () => log.documents(),
    seedIfEmpty: (docs) => log.seedIfEmpty(docs),
    ready: () => started,
    close() {
      closing ??= (async () => {
        await Promise.allSettled([...inFlight]);
        try {
          await worker.callAsync('close', [], 5_000);
        } catch {
          // the worker is terminated below either way
        }
        await worker.terminate();
        if (db.open) {
          db.close();
        }
      })();
      return closing;
    },
  };
}
