import type { RawData, WebSocket } from 'ws';
import type { Logger } from '../shared/log.js';
import { encodeAccessMessage } from '../shared/sync/access-message.js';
import { CloseCode } from '../shared/sync/protocol.js';
import type { Access, AuthorizeResult, Grant, Identity } from './authorize.js';
import { stampIdentity } from './awareness-stamp.js';
import { closeReasons, fitCloseReason } from './close-reasons.js';
import { parseClientFrame } from './frames.js';
import type { Limits } from './limits.js';
import type { Metrics } from './metrics.js';
import { RateLimiter } from './rate-limiter.js';
import type { Room, RoomPeer } from './room.js';

/** Callbacks from a connection to the server that owns it. */
export interface ConnectionHooks {
  /** The socket closed (for any reason). */
  onClosed(connection: Connection): void;
  /** Applying an update threw: the room's in-memory document can no longer be trusted. */
  onBrokenRoom(room: Room): void;
  /** The extensions' veto against a client update (see SyncExtension.onUpdate). */
  vetoUpdate?(room: Room, update: Uint8Array): { code: number; reason: string } | undefined;
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
  private readonly limiter: RateLimiter;
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
  ) {
    this.wantsStoredAcks = caps.wantsStoredAcks;
    this.limiter = new RateLimiter(limits.messagesPerSecond, limits.messageBurst);
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('error', (error) => this.logger.warn('socket error', { error }));
    ws.on('close', (code, reason) => {
      this.logger.debug('connection closed', { code, reason: reason.toString() });
      this.detach();
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
      this.handle(frame);
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
    if (this.ws.readyState === this.ws.OPEN) {
      this.metrics.bytesOut.inc(undefined, frame.length);
      this.ws.send(frame, (error) => {
        if (error) {
          this.logger.debug('send failed', { error });
        }
      });
    }
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
        const veto = this.hooks.vetoUpdate?.(room, message.update);
        if (veto !== undefined) {
          this.reject(veto.code, veto.reason);
          return;
        }
        const result = room.applyUpdate(this, message.update);
        if (result === 'applied') {
          this.metrics.updatesIn.inc();
        } else if (result === 'too-large') {
          this.reject(CloseCode.TooLarge, closeReasons.documentTooLarge(this.limits.maxDocumentBytes));
        } else {
          this.reject(CloseCode.MalformedMessage, closeReasons.malformed('update could not be applied'));
          this.hooks.onBrokenRoom(room);
        }
        return;
      }
      case 'awareness': {
        const identity = this.identity;
        room.applyAwareness(this, identity === null ? message.entries : stampIdentity(message.entries, identity));
        return;
      }
      case 'query-awareness':
        room.sendAwarenessTo(this);
        return;
    }
  }

  private reject(code: number, reason: string): void {
    this.logger.warn('closing connection', { code, reason });
    this.close(code, reason);
  }
}
