import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { Logger } from '../shared/log.js';
import { encodeStoredMessage } from '../shared/sync/stored-message.js';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate } from './frames.js';
import { applyAwarenessEntries } from './awareness-apply.js';
import { encodeAwarenessEntries, type AwarenessEntry } from './awareness-stamp.js';
import type { Limits } from './limits.js';
import type { Metrics } from './metrics.js';
import type { CommitSource, CommitWrite, GroupCommit } from './group-commit.js';
import { injectDocFault } from './guards/fault-injection.js';
import type { DocStore, StoredDoc } from './persistence.js';
import { StoredState } from './stored-state.js';

/** The side of a client connection a room talks to. */
export interface RoomPeer {
  readonly id: number;
  /** True if the client asked for MESSAGE_STORED acknowledgements. */
  readonly wantsStoredAcks: boolean;
  send(frame: Uint8Array): void;
  /**
   * Called for every awareness frame sent to this peer: the stock y-websocket client sends each
   * awareness change it receives straight back, so such a frame may come back once and must not
   * count against the peer's message rate (in a room of 40 the echoes alone passed the limit).
   */
  allowEcho?(): void;
}

/**
 * Result of applying a client's update. 'refused': Yjs threw while applying it; the room rebuilt
 * its document without it (nothing stored or forwarded), so only the sender must go. 'broken':
 * rebuilding failed too (the store could not be read): the room must be reset.
 */
export type ApplyResult = 'applied' | 'too-large' | 'refused' | 'broken';

/** Origin of updates that are already in the database (seeds); they are broadcast but not stored again. */
const STORED_ORIGIN = Symbol('stored');
/**
 * Peers whose own edits were just committed get the acknowledgement at once ("Gespeichert" for
 * what they typed); the others get the newest one at most this often. Everyone's local state
 * holds the others' edits, so everyone needs acknowledgements, but sending one per commit to
 * every peer made acknowledgements outnumber the forwarded updates in a busy room, and each one
 * costs every device a decode and a local write. Half a second keeps "Gespeichert" prompt for
 * someone who only watches, and is one acknowledgement in ten forwarded frames for 40 people
 * typing in one workshop document.
 */
const ACK_OTHERS_EVERY_MS = 500;
/** Origin of changes the server makes itself (captured, stored and broadcast like a client's). */
const SERVER_ORIGIN = Symbol('server');

/**
 * One loaded document: its Y.Doc, its awareness, the connected peers, and the queue of updates not
 * yet written. A validated update is applied and forwarded to the peers at once; it is written by
 * the server's group commit (group-commit.ts) off the event loop, and peers that asked for it get
 * the stored state (stored-state.ts) after each commit.
 */
export class Room implements CommitSource {
  private current = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.current);
  /** Called with the document now and with each one that replaces it (see observeDoc). */
  private readonly docWatchers: ((doc: Y.Doc) => void)[] = [];
  /** Batches taken out by the group commit and not yet stored (for rebuilding the document). */
  private readonly inFlight = new Set<Uint8Array[]>();
  /** The encoded entries being applied right now (see encodeAwarenessChange). */
  private appliedAwareness: Uint8Array | null = null;
  /** Peer → awareness client ids it controls. */
  private readonly peers = new Map<RoomPeer, Set<number>>();
  private queue: Uint8Array[] = [];
  /** Bytes taken out for a commit that has not finished yet. */
  private inFlightBytes = 0;
  private inFlightWrites = 0;
  /** What is durably stored (acknowledged to peers), updated per committed update. */
  private stored: StoredState;
  private logCount: number;
  private logBytes: number;
  /** While a client update is applied, the doc's own update events are collected here. */
  private capture: Uint8Array[] | null = null;
  /** Peers whose edits are in the queue. */
  private queueAuthors = new Set<RoomPeer>();
  /** The acknowledgement payload each peer got last (payloads are cached: same object = same state). */
  private readonly lastAck = new Map<RoomPeer, Uint8Array>();
  private ackTimer: NodeJS.Timeout | null = null;
  /** The MESSAGE_STORED frame of the newest payload (framed once for every peer). */
  private ackFrame: { payload: Uint8Array; frame: Uint8Array } | null = null;
  private compacting = false;
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
    /** Writes this room's queue together with other rooms' in one transaction. */
    private readonly commits: GroupCommit,
  ) {
    let stored: StoredDoc;
    try {
      stored = store.load(name);
      this.current.transact(() => {
        for (const update of stored.updates) {
          Y.applyUpdate(this.current, update);
        }
      }, STORED_ORIGIN);
    } catch (error: unknown) {
      this.awareness.destroy();
      this.current.destroy();
      throw error;
    }
    this.logCount = stored.count;
    this.logBytes = stored.bytes;
    // Once per load: the loaded document is exactly what is stored.
    this.stored = StoredState.of(this.doc);
    this.awareness.setLocalState(null);
    this.listen(this.current);
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const frame = encodeAwareness(this.encodeAwarenessChange([...added, ...updated, ...removed]));
        for (const peer of this.peers.keys()) {
          if (peer !== origin) {
            peer.send(frame);
            peer.allowEcho?.();
          }
        }
      },
    );
    logger.debug('document loaded', { updates: stored.count, bytes: stored.bytes });
    if (this.logCount > limits.compactAfterUpdates) {
      this.compact();
    }
  }

  /** The document as it is in memory (replaced when an update that made Yjs throw is undone). */
  get doc(): Y.Doc {
    return this.current;
  }

  /**
   * Runs `watch` with the document now and again with every document that replaces it (see
   * applyUpdate), for observers of the document's types.
   */
  observeDoc(watch: (doc: Y.Doc) => void): void {
    this.docWatchers.push(watch);
    watch(this.current);
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
    this.lastAck.delete(peer);
    if (clientIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...clientIds], peer);
    }
    if (this.peers.size === 0) {
      this.clearUnloadTimer();
      this.unloadTimer = setTimeout(() => this.onIdle(this), this.limits.unloadAfterMs);
      this.unloadTimer.unref();
    }
  }

  /**
   * Answers a client's sync step 1 with what it is missing and, if asked, what is stored now
   * (what is still being written is acknowledged after its commit, like every peer's).
   */
  handleSyncStep1(peer: RoomPeer, stateVector: Uint8Array): void {
    peer.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)));
    this.metrics.updatesOut.inc();
    if (peer.wantsStoredAcks) {
      // Always answer a sync step 1 (a client may ask again after a reconnect of its provider).
      const payload = this.stored.encode();
      this.lastAck.set(peer, payload);
      peer.send(encodeStoredMessage(payload));
    }
  }

  /** True when nothing of this room is queued or being written. */
  get settled(): boolean {
    return this.queue.length === 0 && this.inFlightWrites === 0;
  }

  /**
   * Applies a validated client update, queues it for writing and forwards the resulting change.
   * If Yjs throws while applying it, the in-memory document may hold part of it (nothing of it
   * was stored or forwarded): the room then rebuilds its document from what is stored, being
   * written and queued — everything it accepted before — and the peers stay (see ApplyResult).
   */
  applyUpdate(peer: RoomPeer, update: Uint8Array): ApplyResult {
    if (this.logBytes + this.inFlightBytes + this.queuedBytes() + update.length > this.limits.maxDocumentBytes) {
      return 'too-large';
    }
    const pendingBefore = this.current.store.pendingStructs?.update ?? null;
    const pendingDsBefore = this.current.store.pendingDs;
    try {
      this.captureChanges(peer, () => Y.applyUpdate(this.current, update, peer));
    } catch (error: unknown) {
      this.logger.error('applying a validated update failed; rebuilding the document without it', { peer: peer.id, error });
      try {
        this.rebuild([pendingBefore, pendingDsBefore]);
      } catch (rebuildError: unknown) {
        this.logger.error('rebuilding the document failed', { error: rebuildError });
        return 'broken';
      }
      this.metrics.documentsRebuilt.inc();
      return 'refused';
    }
    return 'applied';
  }

  /**
   * Replaces the in-memory document with one built from what this room accepted: the stored log,
   * the batches being written and the queue (updates are idempotent, so overlaps do no harm).
   * Structs that were waiting for their dependencies before (`pending`) wait again in the new
   * document. Peers keep their connections: they never received anything the old one had extra.
   */
  private rebuild(pending: readonly (Uint8Array | null)[]): void {
    const stored = this.store.load(this.name);
    const fresh = new Y.Doc({ gc: this.current.gc });
    fresh.clientID = this.current.clientID;
    fresh.transact(() => {
      for (const update of [...stored.updates, ...[...this.inFlight].flat(), ...this.queue]) {
        Y.applyUpdate(fresh, update);
      }
    }, STORED_ORIGIN);
    const old = this.current;
    old.off('update', this.onDocUpdate);
    // The old document is left to the garbage collector, not destroyed: the awareness (kept with
    // every presence state) would be destroyed with it.
    this.current = fresh;
    this.listen(fresh);
    for (const watch of this.docWatchers) {
      watch(fresh);
    }
    for (const update of pending) {
      if (update !== null) {
        this.captureChanges(null, () => Y.applyUpdate(fresh, update, STORED_ORIGIN));
      }
    }
  }

  /** The document's update events: collected while a change is captured, else forwarded (seeds, other instances). */
  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.capture !== null) {
      this.capture.push(update);
    } else {
      if (origin === STORED_ORIGIN) {
        this.stored.add(update);
      }
      this.broadcast(encodeSyncUpdate(update), origin);
    }
  };

  private listen(doc: Y.Doc): void {
    doc.on('update', this.onDocUpdate);
    injectDocFault(doc);
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
    this.applyAwarenessEntries(own, peer);
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
   * The awareness update announcing `changed` client ids, for listeners of the awareness 'update'
   * event: while a client's entries are applied, the encoding of exactly the applied entries
   * (made once), otherwise encoded from the current states.
   */
  encodeAwarenessChange(changed: readonly number[]): Uint8Array {
    return this.appliedAwareness ?? awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...changed]);
  }

  /** Applies entries (see applyAwarenessEntries) and emits the events y-protocols would. */
  private applyAwarenessEntries(entries: readonly AwarenessEntry[], origin: RoomPeer): void {
    const { applied, added, updated, changedState, removed } = applyAwarenessEntries(this.awareness, entries);
    if (added.length + changedState.length + removed.length > 0) {
      this.awareness.emit('change', [{ added, updated: changedState, removed }, origin]);
    }
    if (added.length + updated.length + removed.length > 0) {
      this.appliedAwareness = encodeAwarenessEntries(applied);
      try {
        this.awareness.emit('update', [{ added, updated, removed }, origin]);
      } finally {
        this.appliedAwareness = null;
      }
    }
  }

  /**
   * Makes a change on the server's behalf (e.g. listing a new working group in the workspace):
   * stored and sent to every peer like a client's update.
   */
  applyServerChange(change: (doc: Y.Doc) => void): void {
    this.captureChanges(null, () => this.current.transact(() => change(this.current), SERVER_ORIGIN));
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
    if (origin !== null && produced.length > 0) {
      this.queueAuthors.add(origin);
    }
    if (produced.length > 0) {
      this.commits.request(this);
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

  /**
   * Applies an update that is already in the database (a seed, or another instance's commit) and
   * forwards it to the peers; it counts as stored at once.
   */
  applyStoredUpdate(update: Uint8Array): void {
    Y.applyUpdate(this.current, update, STORED_ORIGIN);
    this.logCount += 1;
    this.logBytes += update.length;
  }

  /**
   * Takes the queued updates out for the group commit (group-commit.ts); null if nothing is
   * queued. Exactly one of stored() / failed() follows once the commit has finished.
   */
  takeWrite(): CommitWrite | null {
    if (this.queue.length === 0) {
      return null;
    }
    const batch = this.queue;
    const authors = this.queueAuthors;
    this.queue = [];
    this.queueAuthors = new Set();
    const bytes = batch.reduce((sum, update) => sum + update.length, 0);
    this.inFlightBytes += bytes;
    this.inFlightWrites += 1;
    this.inFlight.add(batch);
    return {
      writes: batch.map((update) => ({ doc: this.name, update })),
      stored: () => {
        this.inFlightBytes -= bytes;
        this.inFlightWrites -= 1;
        this.inFlight.delete(batch);
        this.logCount += batch.length;
        this.logBytes += bytes;
        if (this.destroyed) {
          return;
        }
        for (const update of batch) {
          this.stored.add(update);
        }
        this.acknowledge(authors);
        if (this.logCount > this.limits.compactAfterUpdates) {
          this.compact();
        }
      },
      failed: (error) => {
        this.inFlightBytes -= bytes;
        this.inFlightWrites -= 1;
        this.inFlight.delete(batch);
        this.logger.error('writing updates failed; will retry', { updates: batch.length, error });
        this.queue = batch.concat(this.queue);
        for (const author of authors) {
          this.queueAuthors.add(author);
        }
      },
    };
  }

  /**
   * Merges the stored log into one snapshot, in the store's writer after the appends asked so far
   * (appends asked later follow it); the log is unchanged if it fails.
   */
  compact(): void {
    if (this.destroyed || this.compacting) {
      return;
    }
    this.compacting = true;
    const before = this.logCount;
    this.store.compact(this.name).then(
      (after) => {
        this.compacting = false;
        // The writer answers in order, so `after` includes every append asked before the
        // compaction; the counts only steer compaction and the size limit, close is enough.
        this.logCount = after.count;
        this.logBytes = after.bytes;
        this.logger.info('document compacted', { updatesBefore: before, bytesAfter: after.bytes });
      },
      (error: unknown) => {
        this.compacting = false;
        this.logger.error('compaction failed; the log is unchanged', { error });
      },
    );
  }

  /**
   * Frees the document; the room must not be used afterwards. What is queued is still written by
   * the group commit (the server waits for it before closing the store).
   */
  destroy(): void {
    if (this.destroyed) {
      return;
    }
    this.destroyed = true;
    for (const timer of [this.unloadTimer, this.ackTimer]) {
      if (timer !== null) {
        clearTimeout(timer);
      }
    }
    this.peers.clear();
    this.lastAck.clear();
    this.awareness.destroy();
    this.current.destroy();
  }

  /** Sends the stored state to `authors` now and to the other peers that asked within ACK_OTHERS_EVERY_MS. */
  private acknowledge(authors: ReadonlySet<RoomPeer>): void {
    let othersDue = false;
    for (const peer of this.peers.keys()) {
      if (!peer.wantsStoredAcks) {
        continue;
      }
      if (authors.has(peer)) {
        this.sendAck(peer);
      } else {
        othersDue = true;
      }
    }
    if (othersDue && this.ackTimer === null) {
      this.ackTimer = setTimeout(() => {
        this.ackTimer = null;
        if (this.destroyed) {
          return;
        }
        for (const peer of this.peers.keys()) {
          if (peer.wantsStoredAcks) {
            this.sendAck(peer);
          }
        }
      }, ACK_OTHERS_EVERY_MS);
      this.ackTimer.unref();
    }
  }

  /** Sends the current stored state to `peer` unless it has it already. */
  private sendAck(peer: RoomPeer): void {
    const payload = this.stored.encode();
    if (this.lastAck.get(peer) !== payload) {
      if (this.ackFrame?.payload !== payload) {
        this.ackFrame = { payload, frame: encodeStoredMessage(payload) };
      }
      this.lastAck.set(peer, payload);
      peer.send(this.ackFrame.frame);
    }
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

  private clearUnloadTimer(): void {
    if (this.unloadTimer !== null) {
      clearTimeout(this.unloadTimer);
      this.unloadTimer = null;
    }
  }
}
