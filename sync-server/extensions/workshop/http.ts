import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CreateSessionRequest,
  JoinRequest,
  SessionBundle,
  WorkshopAction,
  type ActionResult,
  type ImportResponse,
  type ServerTime,
} from '../../../shared/docs/workshop/index.js';
import type { Logger } from '../../../shared/log.js';
import { clientAddress } from '../../client-address.js';
import { RateLimiter } from '../../rate-limiter.js';
import { bearer, FailureLimiter, httpErrors, MAX_BUNDLE_BYTES, readJson, requireMethod, WorkshopHttpError } from './http-support.js';
import type { WorkshopService } from './service.js';
import { corsHeaders as corsHeadersFor } from '../../cors.js';
import { jsonRoutes } from '../../http-json.js';

/** Options of the workshop HTTP API. */
export interface WorkshopHttpOptions {
  service: WorkshopService;
  logger: Logger;
  corsOrigins: readonly string[];
  trustProxy: boolean;
  now: () => number;
}

const SESSION_ROUTE = /^\/workshop\/sessions\/([a-z0-9][a-z0-9-]{0,63})\/(me|actions|protocol|bundle)$/;

/** Serves `/workshop/*` (paths relative to the sync server's prefix); see shared/docs/workshop/api.ts. */
export function createWorkshopHttp(options: WorkshopHttpOptions): (req: IncomingMessage, res: ServerResponse, path: string) => void {
  const { service, logger, now } = options;
  const joinFailures = new FailureLimiter();
  /** Per session token: 10 actions a second, 40 at once — far above any person, far below a flood. */
  const actionBuckets = new Map<string, RateLimiter>();
  const takeAction = (token: string): boolean => {
    let bucket = actionBuckets.get(token);
    if (bucket === undefined) {
      if (actionBuckets.size > 10_000) {
        actionBuckets.clear();
      }
      bucket = new RateLimiter(10, 40);
      actionBuckets.set(token, bucket);
    }
    return bucket.take();
  };

  const respond = async (req: IncomingMessage, path: string): Promise<{ status: number; body: unknown }> => {
    if (path === '/workshop/time') {
      requireMethod(req, 'GET');
      return { status: 200, body: { now: now() } satisfies ServerTime };
    }
    if (path === '/workshop/sessions') {
      if (req.method === 'GET') {
        const groupId = new URL(req.url ?? '/', 'http://localhost').searchParams.get('groupId') ?? '';
        if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(groupId)) {
          throw httpErrors.badRequest('groupId');
        }
        return { status: 200, body: { sessions: service.list(service.caller(bearer(req)), groupId) } };
      }
      requireMethod(req, 'POST');
      const caller = service.caller(bearer(req));
      return { status: 201, body: service.create(caller, await readJson(req, CreateSessionRequest)) };
    }
    if (path === '/workshop/join') {
      requireMethod(req, 'POST');
      const client = clientAddress(req, options.trustProxy);
      if (joinFailures.blocked(client, now())) {
        throw httpErrors.rateLimited(joinFailures.retryAfterSeconds);
      }
      const request = await readJson(req, JoinRequest);
      const sessionId = service.sessionIdByCode(request.code);
      if (sessionId === null) {
        joinFailures.fail(client, now());
        throw httpErrors.unknownCode();
      }
      return { status: 200, body: await service.join(service.caller(bearer(req)), request, sessionId) };
    }
    if (path === '/workshop/import') {
      requireMethod(req, 'POST');
      const caller = service.caller(bearer(req));
      const result: ImportResponse = service.import(caller, await readJson(req, SessionBundle, MAX_BUNDLE_BYTES));
      return { status: result.imported ? 201 : 200, body: result };
    }
    const match = SESSION_ROUTE.exec(path);
    if (match === null) {
      throw httpErrors.notFound();
    }
    const [, sessionId = '', what] = match;
    switch (what) {
      case 'me':
        requireMethod(req, 'GET');
        return { status: 200, body: service.me(service.sessionCaller(bearer(req), sessionId)) };
      case 'protocol':
        requireMethod(req, 'GET');
        return { status: 200, body: service.protocol(service.sessionCaller(bearer(req), sessionId)) };
      case 'bundle':
        requireMethod(req, 'GET');
        return { status: 200, body: service.bundle(service.sessionCaller(bearer(req), sessionId)) };
      default: {
        requireMethod(req, 'POST');
        service.sessionCaller(bearer(req), sessionId); // 401/403 before the body is read
        if (!takeAction(bearer(req) ?? '')) {
          throw httpErrors.rateLimited(1);
        }
        const action = await readJson(req, WorkshopAction);
        // Resolved again after the body arrived: other requests may have changed the session meanwhile.
        const result: ActionResult = { ok: true, ...(await service.act(service.sessionCaller(bearer(req), sessionId), action)) };
        return { status: 200, body: result };
      }
    }
  };

  return jsonRoutes(respond, {
    corsHeaders: (req) => corsHeadersFor(req, options.corsOrigins),
    refusalOf: (error) => (error instanceof WorkshopHttpError ? error : undefined),
    onUnexpected: (path, error) => logger.error('workshop request failed', { path, error }),
  });
}
