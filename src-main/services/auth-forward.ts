import type { z } from 'zod';
import type { ApiError, Caller, Handlers } from '../../shared/contract';
import { AuthConfig, AuthError, AuthPath, AuthResponse } from '../../shared/sync/auth-api';
import { HostApiError } from './host-error';

const CODES: Record<AuthError['error'], ApiError['code']> = {
  'auth-disabled': 'not-found',
  'bad-request': 'bad-request',
  'invalid-credentials': 'unauthorized',
  'invalid-invitation': 'bad-request',
  'weak-password': 'bad-request',
  unauthorized: 'unauthorized',
  'rate-limited': 'rate-limited',
  'not-found': 'not-found',
  'method-not-allowed': 'bad-request',
};

/**
 * The contract's `auth` calls, forwarded to the sync server that owns the accounts. Going through
 * the host keeps the renderer on its one channel (no cross-origin calls, no CORS to configure).
 * `syncHttpBase` is the sync server's HTTP address including its path prefix.
 */
export function authHandlers(syncHttpBase: () => string): Handlers['auth'] {
  async function call<T extends z.ZodType>(path: string, init: RequestInit, schema: T): Promise<z.infer<T>> {
    let response: Response;
    try {
      response = await fetch(`${syncHttpBase()}${path}`, { ...init, signal: AbortSignal.timeout(15_000) });
    } catch {
      throw new HostApiError('unavailable', 'Der Sync-Server ist nicht erreichbar. / The sync server cannot be reached.');
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const error = AuthError.safeParse(body);
      throw error.success
        ? new HostApiError(CODES[error.data.error], error.data.message)
        : new HostApiError('internal', `Sync-Server antwortete mit HTTP ${response.status} / sync server answered HTTP ${response.status}`);
    }
    return schema.parse(body);
  }
  // The caller's address goes along, so the sync server limits sign-in attempts per device and
  // not for everyone behind this host at once (it trusts the header only from its own machine).
  const post = (body: unknown, caller: Caller, token?: string): RequestInit => ({
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(caller.address ? { 'x-forwarded-for': caller.address } : {}),
    },
    body: JSON.stringify(body),
  });
  return {
    config: () => call(AuthPath.config, { method: 'GET' }, AuthConfig),
    login: (input, caller) => call(AuthPath.login, post(input, caller), AuthResponse),
    invitation: (input, caller) => call(AuthPath.invitation, post(input, caller), AuthResponse),
    refresh: ({ token }, caller) => call(AuthPath.refresh, post({}, caller, token), AuthResponse),
  };
}
