/** Resource limits of the sync server; every value can be overridden per server instance. */
export interface Limits {
  /** Largest accepted WebSocket frame in bytes; larger frames close the connection (TooLarge). */
  maxMessageBytes: number;
  /** Largest stored size of one document (sum of its stored update log) in bytes. */
  maxDocumentBytes: number;
  /** Sustained messages per second one connection may send. */
  messagesPerSecond: number;
  /** Messages a connection may send in a burst above the sustained rate. */
  messageBurst: number;
  /**
   * Interval of keepalive pings; a connection that missed one pong is dropped, and its presence
   * with it, at most two intervals after it was lost (the first hour: within 10 s).
   */
  pingIntervalMs: number;
  /** A document's update log is compacted into one snapshot once it holds more rows than this. */
  compactAfterUpdates: number;
  /** How long a document stays in memory after its last client left. */
  unloadAfterMs: number;
  /** Open connections one account may have at once (all documents and devices together). */
  maxConnectionsPerUser: number;
  /**
   * Unsent bytes a connection may have queued (ws bufferedAmount) before more is queued; a client
   * over it does not read and is closed (SlowReader). One frame may exceed it when nothing is queued.
   */
  maxBufferedBytes: number;
  /** Sustained sync step 1 requests (each answered with everything the client lacks) per second. */
  syncRequestsPerSecond: number;
  /** Sync step 1 requests a connection may send in a burst. */
  syncRequestBurst: number;
  /** Awareness entries in one frame (a stock client re-sends the presence list it received). */
  maxAwarenessEntries: number;
  /** Characters of one awareness state's JSON. */
  maxAwarenessStateChars: number;
  /** Nesting depth of one awareness state. */
  maxAwarenessDepth: number;
  /** How long close() waits for clients to acknowledge the close frame before cutting them off. */
  closeTimeoutMs: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxMessageBytes: 8 * 1024 * 1024,
  maxDocumentBytes: 64 * 1024 * 1024,
  messagesPerSecond: 100,
  messageBurst: 300,
  pingIntervalMs: 4_000,
  compactAfterUpdates: 500,
  unloadAfterMs: 30_000,
  closeTimeoutMs: 2_000,
  maxConnectionsPerUser: 64,
  maxBufferedBytes: 16 * 1024 * 1024,
  syncRequestsPerSecond: 0.5,
  syncRequestBurst: 10,
  maxAwarenessEntries: 1_000,
  maxAwarenessStateChars: 16 * 1024,
  maxAwarenessDepth: 16,
});

/** Fills unspecified limits with the defaults and rejects nonsensical values. */
export function resolveLimits(overrides: Partial<Limits> = {}): Limits {
  const limits: Limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof Limits)[]) {
    const value = overrides[key];
    if (value === undefined) {
      continue;
    }
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`Ungültiges Limit ${key}: ${String(value)} / invalid limit`);
    }
    limits[key] = value;
  }
  return limits;
}
