/**
 * Wire protocol shared by the sync server and every client.
 *
 * The message framing is the y-websocket protocol (lib0 varuint message type, then payload), so the
 * stock `y-websocket` WebsocketProvider works unchanged. Fokuswerk adds one optional message type
 * (MESSAGE_STORED) that is sent only to clients that ask for it with the `caps=stored` URL parameter.
 */

/** Version of the Fokuswerk sync protocol; sent by clients as the `v` URL parameter. */
export const SYNC_PROTOCOL_VERSION = 1;

/** URL query parameter carrying the client's protocol version. Absent means a stock y-websocket client. */
export const PROTOCOL_VERSION_PARAM = 'v';
/** URL query parameter listing optional capabilities, comma separated. */
export const CAPABILITIES_PARAM = 'caps';
/** Capability: the client wants MESSAGE_STORED acknowledgements. */
export const CAPABILITY_STORED = 'stored';
/**
 * Capability: the client wants MESSAGE_ACCESS, which says whether it may write (sent on connect
 * and whenever its rights change while connected).
 */
export const CAPABILITY_ACCESS = 'access';
/** URL query parameter carrying the access token (accounts); handed to the server's authorize hook. */
export const TOKEN_PARAM = 'token';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
// 2 is y-websocket's auth message; Fokuswerk authorises at the upgrade and never sends it.
export const MESSAGE_QUERY_AWARENESS = 3;
/**
 * Server → client: a Yjs snapshot (state vector + delete set, see stored.ts `encodeStoredAck`) of
 * everything the server has durably written for this document. A client compares it with its own
 * state (`snapshotCovers`) to know which of its changes are safe on the server.
 */
export const MESSAGE_STORED = 100;
/**
 * Server → client: the connection's access, a varString 'read-write' or 'read-only' (see
 * access-message.ts). Updates of a read-only connection are dropped by the server.
 */
export const MESSAGE_ACCESS = 101;

/**
 * WebSocket close codes used by the sync server (4000–4999 are free for applications).
 * 4400–4499 are permanent (the y-websocket client stops reconnecting), 4500–4599 transient.
 */
export const CloseCode = {
  /** Server is shutting down; the client should reconnect later. */
  GoingAway: 1001,
  /** Unexpected server-side failure; the client should reconnect (its document is reloaded). */
  InternalError: 1011,
  /** The client speaks a protocol version this server does not support. */
  ProtocolMismatch: 4400,
  /**
   * No, invalid, expired or revoked token, or the account is disabled: sign in (or refresh the
   * token) and reconnect. Also sent to an open connection when its token expires.
   */
  Unauthorized: 4401,
  /** Credentials valid, but no right to this document (also when a membership is revoked). */
  Forbidden: 4403,
  /** The document name is not one Fokuswerk knows. */
  UnknownDocument: 4404,
  /** Another account already writes under a Yjs client id this connection used (see guards/client-ids.ts). */
  ClientIdTaken: 4409,
  /** A frame could not be decoded. */
  MalformedMessage: 4422,
  /** An awareness (presence) state broke a bound: too many entries, too large or nested too deeply. */
  AwarenessRejected: 4423,
  /**
   * An update was refused: content the app never writes (sub-documents, gaps), content the editor
   * schema cannot show, or an update Yjs could not apply. Nothing of it was stored.
   */
  UpdateRefused: 4424,
  /** A frame or the document exceeded a configured limit. */
  TooLarge: 4413,
  /**
   * The update would exceed the storage quota of the document's group or of the account; nothing
   * of it was stored. Permanent (44xx): the app shows the reason and keeps the change locally.
   */
  QuotaExceeded: 4470,
  /** The connection sent more messages than allowed; transient (45xx: clients retry later). */
  RateLimited: 4529,
  /** The account has more open connections than allowed; transient. */
  TooManyConnections: 4530,
  /** The client did not read what the server sent (too much unsent data queued); transient. */
  SlowReader: 4531,
  /**
   * Without accounts: another open connection writes under a Yjs client id this connection used
   * (e.g. a second tab relaying the first one's edits before they arrived); transient, the client
   * reconnects and syncs again.
   */
  ClientIdBusy: 4532,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];
