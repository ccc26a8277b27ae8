import type { IncomingMessage } from 'node:http';

/** What a connection may do with its document. */
export type Access = 'read-write' | 'read-only';

/** Who is behind a connection; the server stamps it into every awareness state the connection sends. */
export interface Identity {
  login: string;
  name: string;
  /** Caret/avatar colour used when the client does not send a valid `#rrggbb` colour itself. */
  color: string;
}

/** A refusal: 'unauthorized' closes with 4401 (sign in again), 'forbidden' with 4403. */
export interface Deny {
  deny: 'unauthorized' | 'forbidden';
  reason?: string;
}

/** Permission to open the document. */
export interface Grant {
  access: Access;
  /** The signed-in user, if any (also the key for the connections-per-user limit). */
  identity?: Identity;
  /** Unix time in ms at which the connection is closed with 4401 (its token expires). */
  expiresAt?: number;
  /** Decides again for the same connection; the server calls it when accounts or groups changed. */
  recheck?: () => AuthorizeResult;
}

/** Outcome of an authorization check. */
export type AuthorizeResult = Grant | Deny;

/** What the server knows about a connection attempt when it asks for authorization. */
export interface AuthorizeRequest {
  req: IncomingMessage;
  /** The validated document name. */
  docName: string;
  /** The `token` URL parameter, or null if absent. */
  token: string | null;
}

/** Decides whether a connection may open a document, and with which access. */
export type Authorize = (request: AuthorizeRequest) => AuthorizeResult | Promise<AuthorizeResult>;

/** Without accounts (demo, embedded server): everyone may read and write. */
export const allowAll: Authorize = () => ({ access: 'read-write' });
