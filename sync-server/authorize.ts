import type { IncomingMessage } from 'node:http';

/** What a connection may do with its document. */
export type Access = 'read-write' | 'read-only';

/** Outcome of an authorization check. */
export type AuthorizeResult = { access: Access } | { deny: 'unauthorized' | 'forbidden'; reason?: string };

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

/** Default until accounts exist: everyone may read and write. */
export const allowAll: Authorize = () => ({ access: 'read-write' });
