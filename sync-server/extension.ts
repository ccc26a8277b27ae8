import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../shared/log.js';
import type { Authorize, AuthorizeRequest, AuthorizeResult, Deny, Grant, Identity } from './authorize.js';
import type { Limits } from './limits.js';
import type { Metrics } from './metrics.js';
import type { DocStore, PendingWrite } from './persistence.js';
import type { Room } from './room.js';

/**
 * A server concern (accounts, limits, metrics, scale-out, a feature's rules) plugged into the sync
 * server. Every hook is optional; createSyncServer calls the hooks of its extensions in the order
 * they were given. The shape follows Hocuspocus's `Extension`, the protocol stays Fokuswerk's:
 * updates are acknowledged only after they are committed, and extensions cannot change that.
 */
export interface SyncExtension {
  /** For logs and errors, e.g. 'connection-limit'. */
  readonly name: string;
  /**
   * The document store to use instead of the SQLite database in the data directory (scale-out).
   * At most one extension may supply it; the server closes it on close().
   */
  readonly docStore?: DocStore;
  /**
   * Decides who may open which document, and with which access (accounts, or the `authorize`
   * option). Exactly one extension of a server supplies it; without accounts or an `authorize`
   * option the server adds one that lets everyone read and write.
   */
  readonly authorize?: Authorize;
  /** Once, while the server is assembled: gives the extension the server's services. */
  onConfigure?: (host: ExtensionHost) => void;
  /** Once, when the server starts serving (listen() or the first mounted upgrade). */
  onServe?: () => void;
  /**
   * Decides for a token this extension issued itself (a workshop's session token, scoped to one
   * document) instead of `authorize`. Must return undefined for every other token, so account
   * tokens always reach `authorize`; the vetoes below still apply to what it grants.
   */
  authorizeOwnToken?: (request: AuthorizeRequest) => AuthorizeResult | undefined;
  /**
   * A veto after `authorize` granted access (feature rules): return a Deny to refuse the connection
   * anyway (4401/4403), `{ narrow: 'read-only' }` to let it only read, undefined to let it through.
   * Every extension is asked, in order; none can widen the grant. Not asked again when accounts
   * change (the grant's own recheck is, and a narrowing stays).
   */
  onAuthorize?: (request: AuthorizeRequest, grant: Grant) => Veto | undefined | Promise<Veto | undefined>;
  /**
   * After authorization, before the connection joins its document: return a refusal to close it
   * with that code. Runs synchronously right before the join, so counts taken here hold.
   */
  onConnect?: (connection: ConnectionInfo) => Refusal | undefined;
  /** The connection joined its document (all onConnect hooks let it through). */
  onConnected?: (connection: ConnectionInfo) => void;
  /** A connection that had joined its document closed. */
  onDisconnect?: (connection: ConnectionInfo) => void;
  /** A document was loaded into memory (first client, or a server-side change). */
  onRoomLoaded?: (room: Room) => void;
  /** A loaded document left memory (idle, reset after a failure, or server close). */
  onRoomUnloaded?: (room: Room) => void;
  /**
   * Updates were committed to the store (client edits, server changes and seeds) — called after
   * the transaction succeeded, never for a failed one. Must not throw or block.
   */
  onCommitted?: (writes: readonly PendingWrite[]) => void;
  /**
   * Accounts, roles or groups changed in the account database. Called before open connections
   * are re-checked against the new state.
   */
  onAccountsChanged?: () => void;
  /**
   * Answers an HTTP request; `path` is relative to the server's path prefix (e.g. '/healthz').
   * Return true if it answered (then no other extension sees the request).
   */
  onRequest?: (req: IncomingMessage, res: ServerResponse, path: string) => boolean;
  /** The server is closing, after all sockets closed and the store was closed. */
  onClose?: () => void | Promise<void>;
}

/** An extension's answer to a grant: refuse it, or let the connection only read. */
export type Veto = Deny | { narrow: 'read-only' };

/** What an extension learns about a connection. */
export interface ConnectionInfo {
  /** Unique per server process. */
  readonly id: number;
  readonly docName: string;
  /** The signed-in user, null without accounts. */
  readonly identity: Identity | null;
}

/** An extension's veto against a connection: the close code (see shared/sync/protocol.ts) and reason. */
export interface Refusal {
  code: number;
  reason: string;
}

/** The server's services offered to extensions in onConfigure. */
export interface ExtensionHost {
  readonly logger: Logger;
  readonly limits: Limits;
  readonly metrics: Metrics;
  /** Loads a document (or returns the loaded one), e.g. to make a server-side change. */
  openRoom(name: string): Room;
  /** Unloads a document opened with openRoom if no client is connected to it. */
  releaseRoom(room: Room): void;
}
