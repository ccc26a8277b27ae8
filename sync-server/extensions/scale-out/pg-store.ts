import { packWrites } from '../../doc-log.js';
import type { ClientIdBindings } from '../../guards/client-ids.js';
import type { DocStore, PendingWrite, StoredDoc } from '../../persistence.js';
import type { PgWorkerConfig } from './pg-worker.js';
import { SyncCallWorker } from '../../worker-call.js';

/** Options of the PostgreSQL document store. */
export interface PgStoreOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Table of the update log; created if missing. Default `fokuswerk_doc_updates`. */
  table?: string;
  /** Longest a single operation may block the server before it fails (and is retried). */
  timeoutMs?: number;
}

const DEFAULT_TABLE = 'fokuswerk_doc_updates';

/** The PostgreSQL DocStore, with the client-id bindings of the whole cluster on the same connection. */
export interface PgDocStore extends DocStore {
  readonly clientIdBindings: ClientIdBindings;
  /** Every binding as [doc, client, owner] (cluster backup). */
  clientIdRows(): [string, number, string][];
  /** Adds bindings from a backup; existing ones stay. */
  importClientIds(rows: readonly [string, number, string][]): void;
}
const CONNECT_TIMEOUT_MS = 15_000;

/**
 * The sync server's DocStore on PostgreSQL, for several server instances sharing documents.
 * Same contract as the SQLite store: append() resolves only after COMMIT with
 * synchronous_commit=on (the WAL record is on disk), so an acknowledgement never precedes
 * durability. The connection lives in a worker thread (pg-worker.ts): appends and compactions
 * run there while the event loop goes on; reads (loading a document) wait for their answer.
 * Rows have a global BIGSERIAL id, so instances appending to the same document never collide;
 * compaction is serialised per document with an advisory lock.
 * Throws with a clear message if the database cannot be reached or prepared.
 */
export function openPgDocStore(options: PgStoreOptions): PgDocStore {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const config: PgWorkerConfig = { url: options.url, table: options.table ?? DEFAULT_TABLE };
  const worker = new SyncCallWorker(new URL('./pg-worker.ts', import.meta.url), config);
  try {
    worker.call('migrate', [], CONNECT_TIMEOUT_MS);
  } catch (error: unknown) {
    void worker.terminate();
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`PostgreSQL nicht nutzbar / PostgreSQL not usable (${redact(options.url)}): ${detail}`, { cause: error });
  }
  let closing: Promise<void> | null = null;
  const inFlight = new Set<Promise<unknown>>();
  const assertOpen = (): void => {
    if (closing !== null) {
      throw new Error('PostgreSQL-Speicher ist geschlossen / PostgreSQL store is closed');
    }
  };
  const call = <T>(op: string, args: unknown[]): T => {
    assertOpen();
    return worker.call<T>(op, args, timeoutMs);
  };
  const callAsync = <T>(op: string, args: unknown[], transfer: ArrayBuffer[] = []): Promise<T> => {
    assertOpen();
    const promise = worker.callAsync<T>(op, args, timeoutMs, transfer);
    inFlight.add(promise);
    const done = (): void => {
      inFlight.delete(promise);
    };
    promise.then(done, done);
    return promise;
  };

  return {
    clientIdBindings: {
      lookup: (doc, client) => call<string | null>('clientIdOwner', [doc, client]) ?? undefined,
      claim: (doc, client, owner) => call<string>('claimClientId', [doc, client, owner]),
    },
    clientIdRows: () => call('clientIdRows', []),
    importClientIds(rows) {
      if (rows.length > 0) {
        call('importClientIds', [rows.map(([doc]) => doc), rows.map(([, client]) => client), rows.map(([, , owner]) => owner)]);
      }
    },
    load(doc): StoredDoc {
      const updates = call<Uint8Array[]>('load', [doc]);
      return { updates, count: updates.length, bytes: updates.reduce((sum, update) => sum + update.length, 0) };
    },
    async append(writes: readonly PendingWrite[]) {
      if (writes.length > 0) {
        const { docs, lengths, buffer } = packWrites(writes);
        await callAsync('append', [docs, lengths, buffer], [buffer]);
      }
    },
    compact: (doc) => callAsync('compact', [doc]),
    count: (doc) => call('count', [doc]),
    documents: () => call('documents', []),
    seedIfEmpty(docs) {
      return call('seedIfEmpty', [[...docs.keys()], [...docs.values()]]);
    },
    // The connection was made (and the table prepared) when the store opened.
    ready: () => Promise.resolve(),
    close() {
      closing ??= (async () => {
        await Promise.allSettled([...inFlight]);
        try {
          await worker.callAsync('close', [], 2_000);
        } catch {
          // the worker is terminated below either way
        }
        await worker.terminate();
      })();
      return closing;
    },
  };
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') {
      parsed.password = '***';
    }
    return parsed.toString();
  } catch {
    return '(ungültige URL / invalid URL)';
  }
}
