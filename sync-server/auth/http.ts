import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import {
  AuthPath,
  InvitationRequest,
  LoginRequest,
  type AuthConfig,
  type AuthError,
  type AuthResponse,
} from '../../shared/sync/auth-api.js';
import type { Logger } from '../../shared/log.js';
import type { Metrics } from '../metrics.js';
import { addressForLimits, clientAddress } from '../client-address.js';
import { HashPoolBusy } from './hash-pool.js';
import { hashPassword, passwordProblem } from './password.js';
import { INVITATION_BURST, INVITATION_REFILL_SECONDS, localBuckets, SignInLimits, type AttemptBucketsFactory } from './sign-in-limits.js';
import type { AuthService, Session } from './service.js';
import type { Account, AuthStore } from './store.js';
import { corsHeaders as corsHeadersFor } from '../cors.js';
import { jsonRoutes, readJsonBody } from '../http-json.js';

const MAX_BODY_BYTES = 16 * 1024;

/** Options of the auth HTTP API. */
export interface AuthHttpOptions {
  /** null: the server runs without accounts; every endpoint but /auth/config answers 404. */
  auth: { service: AuthService; store: AuthStore } | null;
  /** Browser origins allowed to call the API cross-origin (CORS); same-origin needs none. */
  corsOrigins: readonly string[];
  logger: Logger;
  metrics: Metrics;
  /** Believe X-Forwarded-For from this machine (browser-mode host, local reverse proxy); see client-address.ts. */
  trustProxy: boolean;
  /** Where sign-in attempts are counted; default this process's memory (a cluster: Redis). */
  signInBuckets?: AttemptBucketsFactory;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: AuthError,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

const errors = {
  disabled: () =>
    new HttpError(404, { error: 'auth-disabled', message: 'Anmeldung ist auf diesem Server nicht eingeschaltet / sign-in is not enabled on this server' }),
  notFound: () => new HttpError(404, { error: 'not-found', message: 'Nicht gefunden / not found' }),
  method: (allow: string) =>
    new HttpError(405, { error: 'method-not-allowed', message: `Nur ${allow} / ${allow} only` }, { allow }),
  badRequest: (detail: string) => new HttpError(400, { error: 'bad-request', message: `Ungültige Anfrage: ${detail} / bad request` }),
  credentials: () =>
    new HttpError(401, { error: 'invalid-credentials', message: 'Anmeldename oder Passwort falsch / wrong login or password' }),
  unauthorized: (message: string) => new HttpError(401, { error: 'unauthorized', message }, { 'www-authenticate': 'Bearer' }),
  invitation: () =>
    new HttpError(400, {
      error: 'invalid-invitation',
      message: 'Einladung ungültig, abgelaufen oder schon benutzt / invitation invalid, expired or used',
    }),
  weakPassword: (message: string) => new HttpError(400, { error: 'weak-password', message }),
  rateLimited: (seconds: number) =>
    new HttpError(
      429,
      { error: 'rate-limited', message: `Zu viele Versuche, bitte in ${seconds} Sekunden erneut / too many attempts, retry later` },
      { 'retry-after': String(seconds) },
    ),
};

/** Serves /auth/* (paths relative to the sync server's prefix). */
export function createAuthHttp(options: AuthHttpOptions): (req: IncomingMessage, res: ServerResponse, path: string) => void {
  const buckets = options.signInBuckets ?? localBuckets();
  const signInLimits = new SignInLimits(buckets);
  // Guesses of invitation codes per address, counted like sign-ins: across a cluster's instances.
  const invitationAttempts = buckets('invitation', INVITATION_BURST, INVITATION_REFILL_SECONDS);
  const { logger, metrics } = options;

  const respond = async (req: IncomingMessage, path: string): Promise<{ status: number; body: unknown }> => {
    if (path === AuthPath.config) {
      requireMethod(req, 'GET');
      return { status: 200, body: { auth: options.auth !== null } satisfies AuthConfig };
    }
    if (!(Object.values(AuthPath) as string[]).includes(path)) {
      throw errors.notFound();
    }
    const auth = options.auth;
    if (auth === null) {
      throw errors.disabled();
    }
    const { service, store } = auth;
    const signedIn = (account: Account, sessionId?: string): AuthResponse => {
      const { token, expiresAt } = service.issueToken(account, { sessionId });
      return { token, expiresAt: new Date(expiresAt).toISOString(), account: service.accountInfo(account) };
    };
    const client = clientAddress(req, options.trustProxy);
    const limitKey = addressForLimits(client);
    switch (path) {
      case AuthPath.login: {
        requireMethod(req, 'POST');
        const { login, password } = await readJson(req, LoginRequest);
        const attempt = await signInLimits.begin(login, limitKey);
        if (!('succeeded' in attempt)) {
          metrics.logins.inc({ result: 'rate-limited' });
          throw errors.rateLimited(attempt.retryAfterSeconds);
        }
        let account: Account | null;
        try {
          account = await service.login(login, password, attempt.priority);
        } catch (error: unknown) {
          attempt.failed();
          throw error;
        }
        if (account === null) {
          attempt.failed();
          metrics.logins.inc({ result: 'failed' });
          logger.info('sign-in failed', { login, client });
          throw errors.credentials();
        }
        attempt.succeeded();
        metrics.logins.inc({ result: 'ok' });
        logger.info('signed in', { login: account.login, client });
        return { status: 200, body: signedIn(account) };
      }
      case AuthPath.refresh: {
        requireMethod(req, 'POST');
        const { session } = requireSession(req, service);
        return { status: 200, body: signedIn(session.account, session.claims.sid) };
      }
      case AuthPath.me: {
        requireMethod(req, 'GET');
        return { status: 200, body: service.accountInfo(requireSession(req, service).session.account) };
      }
      case AuthPath.invitation: {
        requireMethod(req, 'POST');
        const { code, password } = await readJson(req, InvitationRequest);
        // A too-weak password says nothing about the code, so it does not count as an attempt.
        const problem = passwordProblem(password);
        if (problem !== null) {
          throw errors.weakPassword(problem);
        }
        if (!(await invitationAttempts.take(limitKey))) {
          throw errors.rateLimited(INVITATION_REFILL_SECONDS);
        }
        const account = store.redeemInvitation(code, await hashPassword(password, signInLimits.failures.score(limitKey)));
        if (account === null) {
          signInLimits.failures.add(limitKey);
          throw errors.invitation();
        }
        // Only wrong codes use up attempts: a workshop full of people redeeming theirs at once must not.
        invitationAttempts.reset(limitKey);
        logger.info('invitation redeemed', { login: account.login, client });
        return { status: 200, body: signedIn(account) };
      }
      default:
        throw errors.notFound();
    }
  };

  return jsonRoutes(respond, {
    corsHeaders: (req) => corsHeadersFor(req, options.corsOrigins),
    refusalOf: (error) => {
      const refusal = error instanceof HashPoolBusy ? errors.rateLimited(1) : error;
      return refusal instanceof HttpError ? refusal : undefined;
    },
    onUnexpected: (path, error) => logger.error('auth request failed', { path, error }),
  });
}

function requireMethod(req: IncomingMessage, method: 'GET' | 'POST'): void {
  if (req.method !== method) {
    throw errors.method(method);
  }
}

function requireSession(req: IncomingMessage, service: AuthService): { session: Session } {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer (\S+)$/i.exec(header);
  if (match?.[1] === undefined) {
    throw errors.unauthorized('Token fehlt (Authorization: Bearer …) / token missing');
  }
  const result = service.session(match[1]);
  if (!result.ok) {
    throw errors.unauthorized(result.reason);
  }
  return { session: result.session };
}

function readJson<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.infer<T>> {
  return readJsonBody(req, schema, MAX_BODY_BYTES, errors.badRequest);
}
