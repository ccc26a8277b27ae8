import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../../../shared/log.js';
import type { DocStore, PendingWrite } from '../../persistence.js';
import type { Room } from '../../room.js';
import type { RoomObserver } from './extension.js';
import { redact } from './pg-store.js';

/** Redis channel of one document: its committed updates and its awareness changes. */
export const channelOf = (doc: string): string => `fokuswerk:doc:${doc}`;
const CHANNEL_PREFIX = channelOf('');

const KIND_UPDATE = 0;
const KIND_AWARENESS = 1;
/** Origin of changes that came from another instance: applied here, never published again. */
const REMOTE_ORIGIN = Symbol('remote instance');
const CONNECT_TIMEOUT_MS = 10_000;
/** Every instance announces itself here; one that falls silent may have died between commit and publish. */
const INSTANCES_CHANNEL = 'fokuswerk:instances';
const HEARTBEAT_MS = 1_000;
const SILENT_AFTER_MS = 3_500;

/** Shares the loaded documents of several server instances through Redis pub/sub. */
export interface RedisBus {
  /** Wraps the shared store: every committed append is published to the documents' channels. */
  publishingStore(store: DocStore): DocStore;
  /** Subscribes loaded rooms to their channel and forwards their awareness. */
  readonly rooms: RoomObserver;
  close(): Promise<void>;
}

interface LoadedRoom {
  room: Room;
  onAwareness: (changes: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => void;
}

/**
 * Connects to Redis (one connection to publish, one to subscribe). Each instance publishes, per
 * document channel, the updates it has COMMITTED (so a subscriber that missed a message finds it
 * in the shared store) and the awareness changes of its own clients. Each instance applies what
 * others publish to its loaded room, which forwards it to its clients. A room catches up from the
 * store once its subscription is confirmed and after every reconnect to Redis, so nothing
 * published before or during a gap is missed. An instance killed between a commit and its publish
 * leaves the others without that update: each instance therefore sends a heartbeat, and when one
 * falls silent the others catch up every loaded document from the store.
 */
export async function connectRedisBus(url: string, store: DocStore, logger: Logger): Promise<RedisBus> {
  const instanceId = randomBytes(8);
  const options = { lazyConnect: true, connectTimeout: 5_000, maxRetriesPerRequest: null };
  const pub = new Redis(url, { ...options, connectionName: 'fokuswerk-sync-pub' });
  const sub = new Redis(url, { ...options, connectionName: 'fokuswerk-sync-sub' });
  for (const [name, connection] of [['publish', pub], ['subscribe', sub]] as const) {
    connection.on('error', (error: Error) => logger.warn('redis connection error', { connection: name, error: error.message }));
  }
  try {
    await withTimeout(Promise.all([pub.connect(), sub.connect()]), CONNECT_TIMEOUT_MS);
  } catch (error: unknown) {
    pub.disconnect();
    sub.disconnect();
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`Redis nicht erreichbar / Redis unreachable (${redact(url)}): ${detail}`, { cause: error });
  }

  const loaded = new Map<string, LoadedRoom>();

  const publish = (doc: string, kind: number, payload: Uint8Array): void => {
    const message = Buffer.concat([Buffer.from([kind]), instanceId, payload]);
    pub.publish(channelOf(doc), message).catch((error: unknown) => logger.error('redis publish failed', { doc, error }));
  };

  /** Applies everything the shared store has that the room lacks (idempotent). */
  const catchUp = (entry: LoadedRoom): void => {
    const { room } = entry;
    try {
      const stored = store.load(room.name);
      if (stored.updates.length > 0 && loaded.get(room.name) === entry) {
        room.applyStoredUpdate(Y.mergeUpdates(stored.updates));
      }
    } catch (error: unknown) {
      logger.error('catching up from the store failed', { doc: room.name, error });
    }
  };

  const lastSeen = new Map<string, number>();
  const catchUpAll = (): void => {
    for (const entry of loaded.values()) {
      catchUp(entry);
    }
  };

  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const name = channel.toString('utf8');
    if (name === INSTANCES_CHANNEL) {
      if (!message.equals(instanceId)) {
        lastSeen.set(message.toString('hex'), Date.now());
      }
      return;
    }
    const doc = name.slice(CHANNEL_PREFIX.length);
    if (message.length < 9 || message.subarray(1, 9).equals(instanceId)) {
      return;
    }
    // Any message proves its sender is alive: an instance that dies before its first heartbeat
    // reached us must still be noticed when it falls silent.
    lastSeen.set(message.subarray(1, 9).toString('hex'), Date.now());
    const entry = loaded.get(doc);
    if (entry === undefined) {
      return;
    }
    const payload = new Uint8Array(message.subarray(9));
    try {
      if (message[0] === KIND_UPDATE) {
        entry.room.applyStoredUpdate(payload);
      } else if (message[0] === KIND_AWARENESS) {
        awarenessProtocol.applyAwarenessUpdate(entry.room.awareness, payload, REMOTE_ORIGIN);
      }
    } catch (error: unknown) {
      logger.error('applying a message from another instance failed', { doc, error });
    }
  });

  let connectedBefore = false;
  sub.on('ready', () => {
    if (connectedBefore) {
      // ioredis has resubscribed; whatever was published while we were away is in the store.
      logger.info('redis reconnected: catching up loaded documents', { documents: loaded.size });
      catchUpAll();
    }
    connectedBefore = true;
  });
  connectedBefore = sub.status === 'ready';
  await sub.subscribe(INSTANCES_CHANNEL);

  const beat = (): void => {
    pub.publish(INSTANCES_CHANNEL, instanceId).catch(() => {}); // errors are logged by the connection
  };
  beat();
  const heartbeat = setInterval(() => {
    beat();
    const now = Date.now();
    for (const [id, seen] of lastSeen) {
      if (now - seen > SILENT_AFTER_MS) {
        lastSeen.delete(id);
        logger.warn('another instance fell silent: catching up loaded documents', { instance: id, documents: loaded.size });
        catchUpAll();
      }
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  const rooms: RoomObserver = {
    loaded(room) {
      const entry: LoadedRoom = {
        room,
        onAwareness: ({ added, updated, removed }, origin) => {
          if (origin === REMOTE_ORIGIN || origin === 'timeout') {
            return;
          }
          publish(room.name, KIND_AWARENESS, room.encodeAwarenessChange([...added, ...updated, ...removed]));
        },
      };
      loaded.set(room.name, entry);
      room.awareness.on('update', entry.onAwareness);
      sub.subscribe(channelOf(room.name)).then(
        () => {
          if (loaded.get(room.name) === entry) {
            catchUp(entry);
          }
        },
        (error: unknown) => logger.error('redis subscribe failed', { doc: room.name, error }),
      );
    },
    unloaded(room) {
      const entry = loaded.get(room.name);
      if (entry?.room !== room) {
        return;
      }
      loaded.delete(room.name);
      room.awareness.off('update', entry.onAwareness);
      sub.unsubscribe(channelOf(room.name)).catch((error: unknown) => logger.warn('redis unsubscribe failed', { doc: room.name, error }));
    },
  };

  return {
    rooms,
    publishingStore(inner) {
      return {
        ...inner,
        async append(writes: readonly PendingWrite[]) {
          await inner.append(writes);
          for (const write of writes) {
            publish(write.doc, KIND_UPDATE, write.update);
          }
        },
        seedIfEmpty(docs) {
          const seeded = inner.seedIfEmpty(docs);
          if (seeded) {
            for (const [doc, update] of docs) {
              publish(doc, KIND_UPDATE, update);
            }
          }
          return seeded;
        },
      };
    },
    async close() {
      clearInterval(heartbeat);
      loaded.clear();
      await Promise.allSettled([sub.quit(), pub.quit()]);
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`keine Verbindung nach ${ms} ms / no connection after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
