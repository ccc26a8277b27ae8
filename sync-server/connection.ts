import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import type { Logger } from '../shared/log.js';
import { encodeAccessMessage } from '../shared/sync/access-message.js';
import { CloseCode } from '../shared/sync/protocol.js';
import type { Access, AuthorizeResult, Grant, Identity } from './authorize.js';
import { stampIdentity } from './awareness-stamp.js';
import { closeReasons, fitCloseReason } from './close-reasons.js';
import { parseClientFrame, type ClientMessage } from './frames.js';
import { awarenessProblem, OwnAwareness } from './guards/awareness-guard.js';
import { accountOwner, connectionOwner, type ClientIdRegistry } from './guards/client-ids.js';
import { injectFault } from './guards/fault-injection.js';
import { checkClocks, updateContentProblem } from './guards/update-guard.js';
import type { Limits } from './limits.js';
import type { Metrics } from './metrics.js';
import { RateLimiter } from './rate-limiter.js';
import type { Room, RoomPeer } from './room.js';

/** Callbacks from a connection to the server that owns it. */
export interface ConnectionHooks {
  /** The socket closed (for any reason). */
  onClosed(connection: Connection): void;
  /** Applying an update threw and the room could not rebuild its document: it can no longer be trusted. */
  onBrokenRoom(room: Room): void;
  /** The extensions' veto against a client update (see SyncExtension.onUpdate). */
  vetoUpdate?(room: Room, update: Uint8Array): { code: number; reason: string } | undefined;
  /** Charges an update to the storage quotas (quota/storage-quota.ts); a reason refuses it. */
  chargeQuota?(room: Room, login: string | null, bytes: number): string | null;
}

/** Optional protocol features the client asked for in its URL. */
export interface ConnectionCaps {
  wantsStoredAcks: boolean;
  wantsAccessMessages: boolean;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) {
    return Buffer.concat(data);
  }
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/**
 * One client socket: enforces limits and its grant (access, identity, token expiry) on every
 * frame, decodes and validates frames, and hands them to its room. Frames that arrive while
 * authorization is pending are buffered and handled once attached.
 */
export class Connection implements RoomPeer {
  private room: Room | null = null;
  private access: Access = 'read-only';
  private grant: Grant | null = null;
  private buffered: Uint8Array[] = [];
  private alive = true;
  private closing = false;
  private corked = false;
  private readonly limiter: RateLimiter;
  private readonly syncRequests: RateLimiter;
  private readonly ownAwareness = new OwnAwareness();
  /** True once the client id of this connection's presence was bound to its account. */
  private awarenessIdBound = false;
  readonly wantsStoredAcks: boolean;
  /** Updates dropped because the connection is read-only (for logs and tests). */
  droppedUpdates = 0;

  constructor(
    readonly id: number,
    private readonly ws: WebSocket,
    private readonly caps: ConnectionCaps,
    private readonly limits: Limits,
    private readonly logger: Logger,
    private readonly hooks: ConnectionHooks,
    private readonly metrics: Metrics,
    private readonly clientIds: ClientIdRegistry,
    /** The socket under `ws`: corked while one turn of the event loop sends to it (see send). */
    private readonly socket: Pick<Duplex, 'cork' | 'uncork'>,
  ) {
    this.wantsStoredAcks = caps.wantsStoredAcks;
    this.limiter = new RateLimiter(limits.messagesPerSecond, limits.messageBurst);
    this.syncRequests = new RateLimiter(limits.syncRequestsPerSecond, limits.syncRequestBurst);
    ws.on('message', (data, isBinary) => this.guard(() => this.receive(data, isBinary)));
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('error', (error) => this.logger.warn('socket error', { error }));
    ws.on('close', (code, reason) => {
      this.logger.debug('connection closed', { code, reason: reason.toString() });
      this.guard(() => this.detach());
      this.clientIds.release(connectionOwner(this.id));
      this.hooks.onClosed(this);
    });
  }

  /** Name of the document this connection is attached to, if any. */
  get roomName(): string | null {
    return this.room?.name ?? null;
  }

  /** The signed-in user, if the server runs with accounts. */
  get identity(): Identity | null {
    return this.grant?.identity ?? null;
  }

  get isClosing(): boolean {
    return this.closing;
  }

  /** Joins `room` with `grant` and handles the frames buffered so far. */
  attach(room: Room, grant: Grant): void {
    if (this.closing) {
      return;
    }
    this.room = room;
    this.grant = grant;
    this.access = grant.access;
    if (this.caps.wantsAccessMessages) {
      this.send(encodeAccessMessage(grant.access));
    }
    room.addPeer(this);
    const buffered = this.buffered;
    this.buffered = [];
    for (const frame of buffered) {
      this.guard(() => this.handle(frame));
    }
  }

  /**
   * Re-checks the grant (after accounts or groups changed, and on the server's tick): closes with
   * 4401/4403 when it is gone or its token expired, or switches between read-write and read-only.
   */
  recheck(now = Date.now()): void {
    if (this.closing || this.grant === null || this.closeIfExpired(now)) {
      return;
    }
    const result: AuthorizeResult | undefined = this.grant.recheck?.();
    if (result === undefined) {
      return;
    }
    if ('deny' in result) {
      const reason = result.deny === 'forbidden' ? closeReasons.accessRevoked : (result.reason ?? closeReasons.unauthorized);
      this.logger.info('access revoked on an open connection', { deny: result.deny, reason });
      this.close(result.deny === 'unauthorized' ? CloseCode.Unauthorized : CloseCode.Forbidden, reason);
      return;
    }
    this.grant = result;
    if (result.access !== this.access) {
      this.logger.info('access changed on an open connection', { from: this.access, to: result.access });
      this.access = result.access;
      if (this.caps.wantsAccessMessages) {
        this.send(encodeAccessMessage(result.access));
      }
    }
  }

  send(frame: Uint8Array): void {
    if (this.ws.readyState === this.ws.OPEN && !this.closing) {
      // Backpressure: a client that does not read must not make the server hold its answers.
      if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
        this.closeSlowReader();
        return;
      }
      this.metrics.bytesOut.inc(undefined, frame.length);
      this.corkUntilTurnEnds();
      this.ws.send(frame, (error) => {
        if (error) {
          this.logger.debug('send failed', { error });
        }
      });
    }
  }

  /**
   * Holds this turn's frames back and writes them in one system call once the turn's synchronous
   * work is done. A client's update and its cursor move usually arrive in one TCP segment and are
   * handled in one turn, so every peer gets both forwarded frames in one write instead of two: on
   * a busy room, socket writes were the server's largest cost.
   */
  private corkUntilTurnEnds(): void {
    if (this.corked) {
      return;
    }
    this.corked = true;
    this.socket.cork();
    queueMicrotask(() => {
      this.corked = false;
      this.socket.uncork();
    });
  }

  allowEcho(): void {
    this.limiter.refund();
  }

  /** Closes with `code`; the connection stops handling frames and leaves its room at once. */
  close(code: number, reason: string): void {
    if (this.closing) {
      return;
    }
    this.closing = true;
    this.detach();
    if (code !== CloseCode.GoingAway) {
      this.metrics.connectionsRefused.inc({ code: String(code) });
    }
    this.ws.close(code, fitCloseReason(reason));
  }

  /**
   * Runs `step` (handling one event of this socket) so that nothing it throws leaves the
   * connection: the error is logged and only this connection is closed (1011). Without it, an
   * exception in a ws listener would end the whole process.
   */
  private guard(step: () => void): void {
    try {
      step();
    } catch (error: unknown) {
      this.logger.error('handling a frame failed; closing this connection', { error });
      try {
        this.close(CloseCode.InternalError, closeReasons.internalError);
      } catch (closeError: unknown) {
        this.logger.error('closing after a failure failed', { error: closeError });
        this.ws.terminate();
      }
    }
  }

  /** Closes a connection that does not read; its queued data is dropped with the socket soon after. */
  private closeSlowReader(): void {
    this.logger.warn('closing connection', { code: CloseCode.SlowReader, bufferedBytes: this.ws.bufferedAmount });
    this.close(CloseCode.SlowReader, closeReasons.slowReader);
    // The close frame waits behind the unread data; cut the socket so its buffers are freed.
    setTimeout(() => this.ws.terminate(), this.limits.closeTimeoutMs).unref();
  }

  /** Called once per ping interval: drops the socket if the last ping went unanswered. */
  heartbeat(): void {
    if (!this.alive) {
      this.logger.info('connection timed out');
      this.closing = true;
      this.detach();
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.ws.ping();
  }

  /** Closes with 4401 if the token behind the grant has expired; true if it did. */
  closeIfExpired(now: number): boolean {
    const expiresAt = this.grant?.expiresAt;
    if (expiresAt === undefined || now < expiresAt) {
      return false;
    }
    this.logger.info('token expired on an open connection');
    this.close(CloseCode.Unauthorized, closeReasons.tokenExpired);
    return true;
  }

  private detach(): void {
    this.room?.removePeer(this);
    this.room = null;
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.closing) {
      return;
    }
    this.alive = true;
    if (!isBinary) {
      this.reject(CloseCode.MalformedMessage, closeReasons.malformed('text frame'));
      return;
    }
    const frame = toBytes(data);
    this.metrics.bytesIn.inc(undefined, frame.length);
    if (frame.length > this.limits.maxMessageBytes) {
      this.reject(CloseCode.TooLarge, closeReasons.messageTooLarge(this.limits.maxMessageBytes));
      return;
    }
    if (!this.limiter.take()) {
      this.reject(CloseCode.RateLimited, closeReasons.rateLimited);
      return;
    }
    if (this.room === null) {
      this.buffered.push(frame);
      return;
    }
    this.handle(frame);
  }

  private handle(frame: Uint8Array): void {
    const room = this.room;
    if (this.closing || room === null || this.closeIfExpired(Date.now())) {
      return;
    }
    const parsed = parseClientFrame(frame);
    if (!parsed.ok) {
      this.reject(CloseCode.MalformedMessage, closeReasons.malformed(parsed.reason));
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case 'sync-step1':
        if (!this.syncRequests.take()) {
          this.reject(CloseCode.RateLimited, closeReasons.syncRequestsLimited);
          return;
        }
        room.handleSyncStep1(this, message.stateVector);
        return;
      case 'sync-step2':
      case 'sync-update': {
        // Both carry document content (step 2 is the client's answer to the server's step 1):
        // a read-only connection's are never applied, stored or forwarded.
        if (this.access !== 'read-write') {
          this.droppedUpdates += 1;
          this.metrics.updatesDropped.inc();
          this.logger.debug('update from read-only connection dropped', { type: message.type });
          return;
        }
        if (!this.admitUpdate(room, message)) {
          return;
        }
        const veto = this.hooks.vetoUpdate?.(room, message.update);
        if (veto !== undefined) {
          this.reject(veto.code, veto.reason);
          return;
        }
        const overQuota = this.hooks.chargeQuota?.(room, this.identity?.login ?? null, message.update.length) ?? null;
        if (overQuota !== null) {
          this.reject(CloseCode.QuotaExceeded, overQuota);
          return;
        }
        const result = room.applyUpdate(this, message.update);
        if (result === 'applied') {
          this.metrics.updatesIn.inc();
        } else if (result === 'too-large') {
          this.reject(CloseCode.TooLarge, closeReasons.documentTooLarge(this.limits.maxDocumentBytes));
        } else {
          this.metrics.updatesDropped.inc();
          // Refused like the guards' refusals (protocol.ts: "an update Yjs could not apply"); nothing of it was stored.
          this.reject(CloseCode.UpdateRefused, closeReasons.updateRefused('nicht anwendbar / could not be applied'));
          if (result === 'broken') {
            this.hooks.onBrokenRoom(room);
          }
        }
        return;
      }
      case 'awareness': {
        const problem = awarenessProblem(message.entries, {
          maxEntries: this.limits.maxAwarenessEntries,
          maxStateChars: this.limits.maxAwarenessStateChars,
          maxDepth: this.limits.maxAwarenessDepth,
        });
        if (problem !== null) {
          this.reject(CloseCode.AwarenessRejected, closeReasons.awarenessRejected(problem));
          return;
        }
        const states = room.awareness.getStates();
        const own = this.ownAwareness.filter(message.entries, (clientId) => states.has(clientId));
        if (own.length === 0) {
          return;
        }
        for (const entry of own) {
          injectFault(entry.state);
        }
        const identity = this.identity;
        if (identity !== null && !this.awarenessIdBound) {
          // The presence shows this client id to everyone before its first edit: bind it to the
          // account now, so nobody who saw it can claim it first (see guards/client-ids.ts).
          this.awarenessIdBound = true;
          const clientId = own[0]?.clientId;
          if (clientId !== undefined) {
            this.clientIds.bind(room.name, clientId, accountOwner(identity.login));
          }
        }
        room.applyAwareness(this, identity === null ? own : stampIdentity(own, identity));
        return;
      }
      case 'query-awareness':
        room.sendAwarenessTo(this);
        return;
    }
  }

  /**
   * The guards an update passes before it may touch the room's document (see guards/): content the
   * app and the editor schema allow, and clocks only under client ids of this account (or, without
   * accounts, this connection) without gaps. Closes the connection and returns false if refused;
   * an update with a gap is dropped without closing (see checkClocks).
   */
  private admitUpdate(room: Room, message: Extract<ClientMessage, { summary: unknown }>): boolean {
    const problem = updateContentProblem(message.summary);
    if (problem !== null) {
      this.metrics.updatesDropped.inc();
      this.reject(CloseCode.UpdateRefused, closeReasons.updateRefused(problem));
      return false;
    }
    const login = this.identity?.login;
    const owner = login === undefined ? connectionOwner(this.id) : accountOwner(login);
    const verdict = checkClocks(room.doc, room.name, message.summary, owner, this.clientIds);
    if (verdict.kind === 'taken') {
      this.metrics.updatesDropped.inc();
      this.logger.warn('update under a client id bound to someone else', { client: verdict.client });
      this.refuseClientId(login);
      return false;
    }
    if (verdict.kind === 'gap') {
      // A client's own edits typed while it reconnects can arrive before its sync step 2, which
      // carries them again; from anyone else a gap would claim clocks ahead of the real client.
      this.metrics.updatesDropped.inc();
      this.logger.info('update with a gap before it dropped', { client: verdict.client, type: message.type });
      return false;
    }
    for (const client of verdict.bind) {
      // Atomic across the instances of a cluster: whoever binds first keeps the id.
      if (this.clientIds.bind(room.name, client, owner) !== owner) {
        this.metrics.updatesDropped.inc();
        this.logger.warn('client id bound to someone else meanwhile', { client });
        this.refuseClientId(login);
        return false;
      }
    }
    return true;
  }

  /** Closes a connection that wrote under a client id bound to another account (or connection). */
  private refuseClientId(login: string | undefined): void {
    if (login === undefined) {
      this.reject(CloseCode.ClientIdBusy, closeReasons.clientIdBusy);
    } else {
      this.reject(CloseCode.ClientIdTaken, closeReasons.clientIdTaken);
    }
  }

  private reject(code: number, reason: string): void {
    this.logger.warn('closing connection', { code, reason });
    this.close(code, reason);
  }
}
