import type { z } from 'zod';
import type { ApiError, Caller } from '../../shared/contract';
import { HostApiError } from './host-error';

/** What one forwarded call sends: the method, an optional JSON body and the caller's token. */
export interface ForwardRequest {
  method: 'GET' | 'POST';
  body?: unknown;
  /** The signed-in person's sync token, passed on as `Authorization: Bearer`. */
  token?: string;
  /** Without accounts: the display name the sync server records, sent as `X-Fokuswerk-Name`. */
  name?: string;
  caller: Caller;
}

/** The contract error code of each HTTP status a sync-server route answers with. */
function codeOfStatus(status: number): ApiError['code'] {
  switch (status) {
    case 400:
    case 413:
    case 422:
      return 'bad-request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 409:
      return 'conflict';
    case 429:
      return 'rate-limited';
    case 503:
      return 'unavailable';
    default:
      return 'internal';
  }
}

/**
 * Calls one JSON route of the sync server for a contract handler (sign-in, workshops, the
 * proposal lifecycle). Going through the host keeps the renderer on its one channel: no
 * cross-origin calls, no CORS to configure. The sync server's `{ error, message }` answer becomes
 * a HostApiError with the code for its HTTP status and the server's message; `codeOf` may map the
 * route's own error codes more precisely. `syncHttpBase` is the sync server's HTTP address
 * including its path prefix.
 */
export function syncForward(syncHttpBase: () => string, codeOf?: (error: string) => ApiError['code'] | undefined) {
  return async function forward<T extends z.ZodType>(path: string, request: ForwardRequest, schema: T): Promise<z.infer<T>> {
    const headers: Record<string, string> = {};
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    if (request.token) {
      headers.authorization = `Bearer ${request.token}`;
    }
    if (request.name) {
      // Header values are Latin-1: characters beyond it (rare in names here) become '?'.
      headers['x-fokuswerk-name'] = request.name.replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
    }
    // The caller's address goes along, so the sync server limits attempts per device and not for
    // everyone behind this host at once (it trusts the header only from its own machine).
    if (request.caller.address) {
      headers['x-forwarded-for'] = request.caller.address;
    }
    let response: Response;
    try {
      response = await fetch(`${syncHttpBase()}${path}`, {
        method: request.method,
        headers,
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      throw new HostApiError('unavailable', 'Der Sync-Server ist nicht erreichbar. / The sync server cannot be reached.');
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      if (isErrorBody(body)) {
        throw new HostApiError(codeOf?.(body.error) ?? codeOfStatus(response.status), body.message);
      }
      throw new HostApiError('internal', `Sync-Server antwortete mit HTTP ${response.status} / sync server answered HTTP ${response.status}`);
    }
    return schema.parse(body);
  };
}

function isErrorBody(body: unknown): body is { error: string; message: string } {
  return (
    typeof body === 'object' &&
    body !== null &&
    'error' in body &&
    typeof body.error === 'string' &&
    'message' in body &&
    typeof body.message === 'string'
  );
}
