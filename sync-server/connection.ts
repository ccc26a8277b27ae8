import type { RawData, WebSocket } from 'ws';
import type { Logger } from '../shared/log.js';
import { CloseCode } from '../shared/sync/protocol.js';
import type { Access } from './authorize.js';
import { closeReasons, fitCloseReason } from './close-reasons.js';
import { parseClientFrame } from './frames.js';
import type { Limits } from './limits.js';
import { RateLimiter } from './rate-limiter.js';
import type { Room, RoomPeer } from './room.js';

/** Callbacks from a connection to the server that owns it. */
export interface ConnectionHooks {
  /** The socket closed (for any reason). */
  onClosed(connection: Connection): void;
  /** Applying an update threw: the room's in-memory document can no longer be trusted. */
  onBrokenRoom(room: Room): void;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) {
    return Buffer.concat(data);
  }
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/**
 * One client socket: enforces limits, decodes and validates frames, and hands them to its room.
 * Frames that arrive while authorization is pending are buffered and handled once attached.
 */
export class Connection implements RoomPeer {
  private room: Room | null = null;
  private access: Access = 'read-only';
  private buffered: Uint8Array[] = [];
  private alive = true;
  private closing = false;
  private readonly limiter: RateLimiter;
  /** Updates dropped because the connection is read-only (for logs and tests). */
  droppedUpdates = 0;

  constructor(
    readonly id: number,
    private readonly ws: WebSocket,
    readonly wantsStoredAcks: boolean,
    private readonly limits: Limits,
    private readonly logger: Logger,
    private readonly hooks: ConnectionHooks,
  ) {
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

  /** Joins `room` with `access` and handles the frames buffered so far. */
  attach(room: Room, access: Access): void {
    if (this.closing) {
      return;
    }
    this.room = room;
    this.access = access;
    room.addPeer(this);
    const buffered = this.buffered;
    this.buffered = [];
    for (const frame of buffered) {
      this.handle(frame);
    }
  }

  send(frame: Uint8Array): void {
    if (this.ws.readyState === this.ws.OPEN) {
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
    if (this.closing || room === null) {
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
        if (this.access !== 'read-write') {
          this.droppedUpdates += 1;
          this.logger.debug('update from read-only connection dropped');
          return;
        }
        const result = room.applyUpdate(this, message.update);
        if (result === 'too-large') {
          this.reject(CloseCode.TooLarge, closeReasons.documentTooLarge(this.limits.maxDocumentBytes));
        } else if (result === 'failed') {
          this.reject(CloseCode.MalformedMessage, closeReasons.malformed('update could not be applied'));
          this.hooks.onBrokenRoom(room);
        }
        return;
      }
      case 'awareness':
        room.applyAwareness(this, message.update, message.clientIds);
        return;
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
