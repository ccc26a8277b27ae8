import type { Logger } from '../../../shared/log.js';
import type { AttemptBucketsFactory } from '../../auth/sign-in-limits.js';
import type { ClientIdBindings } from '../../guards/client-ids.js';
import type { DocStore } from '../../persistence.js';
import type { RoomObserver } from './extension.js';
import { openPgAuthStore, type PgAuthStore } from './pg-auth-store.js';
import { openPgDocStore, redact, type PgDocStore } from './pg-store.js';
import { connectRedisBus } from './redis-bus.js';
import { connectRedisSignInBuckets } from './redis-sign-in-buckets.js';

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
  /** Accounts, groups, invitations and the signing key of the whole cluster (PostgreSQL). */
  accounts: { store: PgAuthStore; key: Buffer };
  /** Client ids bound to accounts, enforced on every instance (PostgreSQL). */
  clientIdBindings: ClientIdBindings;
  /** Sign-in attempts counted across the instances (Redis); absent without Redis. */
  signInBuckets?: AttemptBucketsFactory;
  /** Closes the Redis connections and the account store (the server closes the document store). */
  close(): Promise<void>;
}

/**
 * Opens the PostgreSQL store and, with a Redis URL, the pub/sub bus between instances.
 * Throws with a clear message (German/English) if either cannot be reached.
 */
export async function startScaleOut(options: ScaleOutOptions): Promise<ScaleOut> {
  const authStore = openPgAuthStore(options.postgresUrl);
  let pgStore: PgDocStore;
  let key: Buffer;
  try {
    key = authStore.tokenKey();
    pgStore = openPgDocStore({ url: options.postgresUrl, ...(options.table === undefined ? {} : { table: options.table }) });
  } catch (error: unknown) {
    authStore.close();
    throw error;
  }
  const accounts = { store: authStore, key };
  options.logger.info('documents and accounts stored in PostgreSQL', { postgres: redact(options.postgresUrl) });
  if (options.redisUrl === undefined) {
    return { docStore: pgStore, accounts, clientIdBindings: pgStore.clientIdBindings, close: () => Promise.resolve(authStore.close()) };
  }
  let bus;
  let signIn;
  try {
    bus = await connectRedisBus(options.redisUrl, pgStore, options.logger.child({ component: 'redis-bus' }));
    try {
      signIn = await connectRedisSignInBuckets(options.redisUrl, options.logger.child({ component: 'sign-in-limits' }));
    } catch (error: unknown) {
      await bus.close();
      throw error;
    }
  } catch (error: unknown) {
    await pgStore.close();
    authStore.close();
    throw error;
  }
  options.logger.info('documents and sign-in limits shared with other instances through Redis', { redis: redact(options.redisUrl) });
  return {
    docStore: bus.publishingStore(pgStore),
    roomObserver: bus.rooms,
    accounts,
    clientIdBindings: pgStore.clientIdBindings,
    signInBuckets: signIn.buckets,
    async close() {
      await Promise.allSettled([bus.close(), signIn.close()]);
      authStore.close();
    },
  };
}
