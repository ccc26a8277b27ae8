import type { ApiError, Handlers } from '../../shared/contract';
import { AuthConfig, AuthError, AuthPath, AuthResponse } from '../../shared/sync/auth-api';
import { syncForward } from './sync-forward';

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

/** The contract's `auth` calls, forwarded to the sync server that owns the accounts. */
export function authHandlers(syncHttpBase: () => string): Handlers['auth'] {
  const forward = syncForward(syncHttpBase, (error) => {
    const parsed = AuthError.shape.error.safeParse(error);
    return parsed.success ? CODES[parsed.data] : undefined;
  });
  return {
    config: (_input, caller) => forward(AuthPath.config, { method: 'GET', caller }, AuthConfig),
    login: (input, caller) => forward(AuthPath.login, { method: 'POST', body: input, caller }, AuthResponse),
    invitation: (input, caller) => forward(AuthPath.invitation, { method: 'POST', body: input, caller }, AuthResponse),
    refresh: ({ token }, caller) => forward(AuthPath.refresh, { method: 'POST', body: {}, token, caller }, AuthResponse),
  };
}
