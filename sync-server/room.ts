import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from '../shared/log.js';
import { encodeStoredAck } from '../shared/sync/stored.js';
import { encodeStoredMessage } from '../shared/sync/stored-message.js';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from './frames.js';
import { encodeAwarenessEntries, type AwarenessEntry } from './awareness-stamp.js';
import type { Limits } from './limits.js';
import type { Metrics } from './metrics.js';
import type { DocStore, PendingWrite, StoredDoc } from './persistence.js';

/** The side of a client connection a room talks to. */
export interface RoomPeer {
  readonly id: number;
  /** True if the client asked for MESSAGE_STORED acknowledgements. */
  readonly wantsStoredAcks: boolean;
  send(frame: Uint8Array): void;
}

/** A room's queued updates taken out for writing; see Room.takeWrite. */
export interface RoomWrite {
  writes: PendingWrite[];
  /** The writes are committed: count them and acknowledge the stored state. */
  stored(): void;
  /** The commit failed: put the writes back and retry later. */
  failed(error: unknown): void;
}

/** Result of applying a client's update. */
export type ApplyResult = 'applied' | 'too-large' | 'failed';

/** Origin of updates that are already in the database (seeds); they are broadcast but not stored again. */
const STORED_ORIGIN = Symbol('stored');
/** Origin of changes the server makes itself (captured, stored and broadcast like a client's). */
const SERVER_ORIGIN = Symbol('server');

const FLUSH_RETRY_MS = 1_000;

/**
 * One loaded document: its Y.Doc, its awareness, the connected peers, and the queue of updates not
 * yet written. Updates are written in one transaction per event-loop tick; peers that asked for it
 * get a snapshot of the stored state after each commit.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Peer → awareness client ids it controls. */
  private readonly peers = new Map<RoomPeer, Set<number>>();
  private queue: Uint8Array[] = [];
  /** Encoded snapshot of the stored state; null = not computed yet (then the doc equals storage once flushed). */
  private storedAck: Uint8Array | null = null;
  private logCount: number;
  private logBytes: number;
  /** While a client update is applied, the doc's own update events are collected here. */
  private capture: Uint8Array[] | null = null;
  private flushHandle: NodeJS.Immediate | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private compactHandle: NodeJS.Immediate | null = null;
  private unloadTimer: NodeJS.Timeout | null = null;
  private destroyed = false;

  /** Loads document `name` from `store`; throws if the stored log cannot be read or applied. */
  constructor(
    readonly name: string,
    private readonly store: DocStore,
    private readonly limits: Limits,
    private readonly logger: Logger,
    private readonly onIdle: (room: Room) => void,
    private readonly metrics: Metrics,
    /** Writes this room's queue together with other rooms' in one transaction; default: its own per tick. */
    private readonly groupCommit?: (room: Room) => void,
  ) {
    let stored: StoredDoc;
    try {
      stored = store.load(name);
      this.doc.transact(() => {
        for (const update of stored.updates) {
          Y.applyUpdate(this.doc, update);
        }
      }, STORED_ORIGIN);
    } catch (error: unknown) {
      this.awareness.destroy();
      this.doc.destroy();
      throw error;
    }
    this.logCount = stored.count;
    this.logBytes = stored.bytes;
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (this.capture !== null) {
        this.capture.push(update);
      } else {
        this.broadcast(encodeSyncUpdate(update), origin);
      }
    });
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const changed = [...added, ...updated, ...removed];
        this.broadcast(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)), origin);
      },
    );
    logger.debug('document loaded', { updates: stored.count, bytes: stored.bytes });
    if (this.logCount > limits.compactAfterUpdates) {
      this.scheduleCompaction();
    }
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /** Bytes stored and queued for this document (for storage quotas). */
  get storedBytes(): number {
    return this.logBytes + this.queuedBytes();
  }

  /** Adds a peer and starts the sync handshake with it. */
  addPeer(peer: RoomPeer): void {
    this.clearUnloadTimer();
    this.peers.set(peer, new Set());
    peer.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    if (this.awareness.getStates().size > 0) {
      this.sendAwarenessTo(peer);
    }
  }

  /** Removes a peer, clears the awareness states it controlled, and schedules unloading when empty. */
  removePeer(peer: RoomPeer): void {
    const clientIds = this.peers.get(peer);
    if (clientIds === undefined || this.destroyed) {
      return;
    }
    this.peers.delete(peer);
    if (clientIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...clientIds], peer);
    }
    if (this.peers.size === 0) {
      this.clearUnloadTimer();
      this.unloadTimer = setTimeout(() => this.onIdle(this), this.limits.unloadAfterMs);
      this.unloadTimer.unref();
    }
  }

  /** Answers a client's sync step 1 with what it is missing (and the stored state, if asked). */
  handleSyncStep1(peer: RoomPeer, stateVector: Uint8Array): void {
    peer.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)));
    this.metrics.updatesOut.inc();
    if (peer.wantsStoredAcks) {
      const ack = this.currentStoredAck();
      if (ack !== null) {
        peer.send(encodeStoredMessage(ack));
      }
    }
  }

  /**
   * Applies a validated client update, queues it for writing and forwards the resulting change.
   * 'failed' means Yjs threw while applying: the in-memory doc may be inconsistent, nothing was
   * stored or forwarded, and the caller must reset the room.
   */
  applyUpdate(peer: RoomPeer, update: Uint8Array): ApplyResult {
    if (this.logBytes + this.queuedBytes() + update.length > this.limits.maxDocumentBytes) {
      return 'too-large';
    }
    try {
      this.captureChanges(peer, () => Y.applyUpdate(this.doc, update, peer));
    } catch (error: unknown) {
      this.logger.error('applying a validated update failed', { peer: peer.id, error });
      return 'failed';
    }
    return 'applied';
  }

  /**
   * Applies a client's awareness entries and remembers which client ids the peer speaks for. Entries
   * for client ids another peer of this room speaks for are dropped: nobody can change or remove
   * someone else's presence.
   */
  applyAwareness(peer: RoomPeer, entries: readonly AwarenessEntry[]): void {
    const owned = this.peers.get(peer);
    if (owned === undefined) {
      return;
    }
    const own = entries.filter((entry) => owned.has(entry.clientId) || !this.ownedByOther(peer, entry.clientId));
    if (own.length === 0) {
      return;
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(own), peer);
    const states = this.awareness.getStates();
    for (const { clientId } of own) {
      if (states.has(clientId)) {
        owned.add(clientId);
      } else {
        owned.delete(clientId);
      }
    }
  }

  /**
   * Makes a change on the server's behalf (e.g. listing a new working group in the workspace):
   * stored and sent to every peer like a client's update.
   */
  applyServerChange(change: (doc: Y.Doc) => void): void {
    this.captureChanges(null, () => this.doc.transact(() => change(this.doc), SERVER_ORIGIN));
  }

  /**
   * Runs `apply` while collecting the document's update events, then queues those changes for
   * storage and forwards them to every peer but `origin`. Nothing is queued or forwarded if `apply`
   * throws.
   *
   * What is stored is what Yjs integrated, never a client's raw frame: the database then holds
   * exactly the live document, even when a client sends other content under ids that already exist
   * (ignored live, but it could win on reload). Parts of an update that wait for missing
   * dependencies are not stored; they are integrated (and stored) when those arrive, and a client
   * whose parts were lost with a restart sends them again, since the server's state vector lacks them.
   */
  private captureChanges(origin: RoomPeer | null, apply: () => void): void {
    const produced: Uint8Array[] = [];
    this.capture = produced;
    try {
      apply();
    } finally {
      this.capture = null;
    }
    this.queue.push(...produced);
    if (this.queue.length > 0) {
      this.scheduleFlush();
    }
    for (const change of produced) {
      this.metrics.updatesOut.inc(undefined, this.countPeersBut(origin));
      this.broadcast(encodeSyncUpdate(change), origin);
    }
  }

  /** Sends all known awareness states to one peer. */
  sendAwarenessTo(peer: RoomPeer): void {
    const clientIds = [...this.awareness.getStates().keys()];
    peer.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds)));
  }

  /** Applies an update that is already in the database (a seed) and forwards it to the peers. */
  applyStoredUpdate(update: Uint8Array): void {
    this.flush();
    Y.applyUpdate(this.doc, update, STORED_ORIGIN);
    this.logCount += 1;
    this.logBytes += update.length;
    if (this.queue.length === 0) {
      this.storedAck = null;
    }
  }

  /**
   * Writes all queued updates in one transaction, then acknowledges the stored state to the peers
   * that asked. Returns false (and retries later) if the write failed; nothing is acknowledged then.
   */
  flush(): boolean {
    const write = this.takeWrite();
    if (write === null) {
      return true;
    }
    const started = performance.now();
    try {
      this.store.append(write.writes);
    } catch (error: unknown) {
      write.failed(error);
      return false;
    }
    this.metrics.durableWrites.observe((performance.now() - started) / 1000);
    write.stored();
    return true;
  }

  /**
   * Takes the queued updates out for writing (by flush() or a group commit of several rooms, see
   * group-commit.ts); null if nothing is queued. The caller must call exactly one of stored() after
   * the commit or failed() if it threw, before any other code touches this room.
   */
  takeWrite(): RoomWrite | null {
    if (this.flushHandle !== null) {
      clearImmediate(this.flushHandle);
      this.flushHandle = null;
    }
    if (this.queue.length === 0) {
      return null;
    }
    const batch = this.queue;
    this.queue = [];
    // Every applied update is queued in the same call, so the doc now is exactly what this batch
    // makes durable. The snapshot is only computed when someone listens (it walks the whole doc).
    const ack = this.hasStoredAckPeers() ? encodeStoredAck(this.doc) : null;
    return {
      writes: batch.map((update) => ({ doc: this.name, update })),
      stored: () => {
        this.logCount += batch.length;
        this.logBytes += batch.reduce((sum, update) => sum + update.length, 0);
        this.storedAck = ack;
        if (ack !== null) {
          const frame = encodeStoredMessage(ack);
          for (const peer of this.peers.keys()) {
            if (peer.wantsStoredAcks) {
              peer.send(frame);
            }
          }
        }
        if (this.logCount > this.limits.compactAfterUpdates) {
          this.scheduleCompaction();
        }
      },
      failed: (error) => {
        this.logger.error('writing updates failed; will retry', { updates: batch.length, error });
        this.queue = batch.concat(this.queue);
        this.scheduleRetry();
      },
    };
  }

  /** Merges the stored log into one snapshot (after writing the queue); safe to call any time. */
  compact(): void {
    if (this.destroyed || !this.flush()) {
      return;
    }
    const before = this.logCount;
    try {
      const after = this.store.compact(this.name);
      this.logCount = after.count;
      this.logBytes = after.bytes;
      this.logger.info('document compacted', { updatesBefore: before, bytesAfter: after.bytes });
    } catch (error: unknown) {
      this.logger.error('compaction failed; the log is unchanged', { error });
    }
  }

  /** Writes what is queued and frees the document; the room must not be used afterwards. */
  destroy(): boolean {
    if (this.destroyed) {
      return true;
    }
    const flushed = this.flush();
    this.destroyed = true;
    for (const timer of [this.retryTimer, this.unloadTimer]) {
      if (timer !== null) {
        clearTimeout(timer);
      }
    }
    if (this.compactHandle !== null) {
      clearImmediate(this.compactHandle);
    }
    this.peers.clear();
    this.awareness.destroy();
    this.doc.destroy();
    if (!flushed) {
      this.logger.error('document unloaded with unwritten updates', { updates: this.queue.length });
    }
    return flushed;
  }

  /** The stored snapshot, writing the queue first; null if the write failed and none is known. */
  private currentStoredAck(): Uint8Array | null {
    if (this.flush() && this.storedAck === null) {
      this.storedAck = encodeStoredAck(this.doc);
    }
    return this.storedAck;
  }

  private hasStoredAckPeers(): boolean {
    for (const peer of this.peers.keys()) {
      if (peer.wantsStoredAcks) {
        return true;
      }
    }
    return false;
  }

  private ownedByOther(peer: RoomPeer, clientId: number): boolean {
    for (const [other, ids] of this.peers) {
      if (other !== peer && ids.has(clientId)) {
        return true;
      }
    }
    return false;
  }

  private countPeersBut(origin: unknown): number {
    return this.peers.size - (this.peers.has(origin as RoomPeer) ? 1 : 0);
  }

  private broadcast(frame: Uint8Array, origin: unknown): void {
    for (const peer of this.peers.keys()) {
      if (peer !== origin) {
        peer.send(frame);
      }
    }
  }

  private queuedBytes(): number {
    return this.queue.reduce((sum, update) => sum + update.length, 0);
  }

  private scheduleFlush(): void {
    if (this.retryTimer !== null) {
      return;
    }
    if (this.groupCommit !== undefined) {
      this.groupCommit(this);
    } else if (this.flushHandle === null) {
      this.flushHandle = setImmediate(() => {
        this.flushHandle = null;
        this.flush();
      });
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer === null && !this.destroyed) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.flush();
      }, FLUSH_RETRY_MS);
    }
  }

  private scheduleCompaction(): void {
    if (this.compactHandle === null && !this.destroyed) {
      this.compactHandle = setImmediate(() => {
        this.compactHandle = null;
        this.compact();
      });
    }
  }

  private clearUnloadTimer(): void {
    if (this.unloadTimer !== null) {
      clearTimeout(this.unloadTimer);
      this.unloadTimer = null;
    }
  }
}
