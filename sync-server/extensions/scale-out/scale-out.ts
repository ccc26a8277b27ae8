import type { Logger } from '../../../shared/log.js';
import type { DocStore } from '../../persistence.js';
import type { RoomObserver } from './extension.js';
import { openPgDocStore, redact } from './pg-store.js';
import { connectRedisBus } from './redis-bus.js';

/** Where the documents of a scaled-out deployment live. */
export interface ScaleOutOptions {
  /** PostgreSQL URL: documents are stored there instead of in SQLite. */
  postgresUrl: string;
  /** Redis URL: several instances share loaded documents through it. Needs postgresUrl. */
  redisUrl?: string;
  /** Table of the update log (default fokuswerk_doc_updates). */
  table?: string;
  logger: Logger;
}

/** What createSyncServer needs for a scaled-out deployment (options docStore and roomObserver). */
export interface ScaleOut {
  docStore: DocStore;
  roomObserver?: RoomObserver;
  /** Closes the Redis connections (the server closes the store). */
  close(): Promise<void>;
}

/**
 * Opens the PostgreSQL store and, with a Redis URL, the pub/sub bus between instances.
 * Throws with a clear message (German/English) if either cannot be reached.
 */
export async function startScaleOut(options: ScaleOutOptions): Promise<ScaleOut> {
  const pgStore = openPgDocStore({ url: options.postgresUrl, ...(options.table === undefined ? {} : { table: options.table }) });
  options.logger.info('documents stored in PostgreSQL', { postgres: redact(options.postgresUrl) });
  if (options.redisUrl === undefined) {
    return { docStore: pgStore, close: () => Promise.resolve() };
  }
  let bus;
  try {
    bus = await connectRedisBus(options.redisUrl, pgStore, options.logger.child({ component: 'redis-bus' }));
  } catch (error: unknown) {
    await pgStore.close();
    throw error;
  }
  options.logger.info('documents shared with other instances through Redis', { redis: redact(options.redisUrl) });
  return { docStore: bus.publishingStore(pgStore), roomObserver: bus.rooms, close: () => bus.close() };
}
