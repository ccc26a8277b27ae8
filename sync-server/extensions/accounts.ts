import type { Logger } from '../../shared/log.js';
import type { Authorize } from '../authorize.js';
import { createAuthHttp } from '../auth/http.js';
import type { AuthService } from '../auth/service.js';
import type { AttemptBucketsFactory } from '../auth/sign-in-limits.js';
import type { AuthStore } from '../auth/store.js';
import type { SyncExtension } from '../extension.js';
import type { Metrics } from '../metrics.js';

/** Options of accountsExtension. */
export interface AccountsExtensionOptions {
  /** null: the server runs without accounts; /auth/config says so and the other /auth/* answer 404. */
  auth: { service: AuthService; store: AuthStore } | null;
  corsOrigins: readonly string[];
  logger: Logger;
  metrics: Metrics;
  trustProxy: boolean;
  /** Where sign-in attempts are counted (default: in memory; a cluster: Redis). */
  signInBuckets?: AttemptBucketsFactory;
}

/**
 * Accounts: the `/auth/*` HTTP API (sign-in, refresh, invitations, see auth/http.ts) and, when
 * accounts are on, the access decision for every connection (token → account → the rules in
 * shared/access/).
 */
export function accountsExtension(options: AccountsExtensionOptions): SyncExtension {
  const http = createAuthHttp(options);
  const auth = options.auth;
  return {
    name: 'accounts',
    ...(auth === null ? {} : { authorize: auth.service.authorize }),
    onRequest(req, res, path) {
      if (!path.startsWith('/auth/')) {
        return false;
      }
      http(req, res, path);
      return true;
    },
  };
}

/** Decides access with a plain Authorize function (tests, embedders, the demo's allow-all). */
export function authorizeExtension(authorize: Authorize): SyncExtension {
  return { name: 'authorize', authorize };
}
