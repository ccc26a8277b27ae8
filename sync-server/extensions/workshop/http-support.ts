import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import type { WorkshopError } from '../../../shared/docs/workshop/index.js';
import { readJsonBody } from '../../http-json.js';

/** Bodies of actions and joins are small; a session bundle (import) may be large. */
export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_BUNDLE_BYTES = 8 * 1024 * 1024;

/** A refusal with its HTTP status and the body `{ error, message, detail? }`. */
export class WorkshopHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: WorkshopError,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

export const httpErrors = {
  notFound: () => new WorkshopHttpError(404, { error: 'not-found', message: 'Nicht gefunden / not found' }),
  method: (allow: string) => new WorkshopHttpError(405, { error: 'method-not-allowed', message: `Nur ${allow} / ${allow} only` }, { allow }),
  badRequest: (detail: string) =>
    new WorkshopHttpError(400, { error: 'bad-request', message: 'Ungültige Anfrage / bad request', detail: detail.slice(0, 500) }),
  unauthorized: () =>
    new WorkshopHttpError(401, { error: 'unauthorized', message: 'Anmeldung oder Sitzungsschlüssel fehlt oder ist abgelaufen / sign-in or session token missing or expired' }, { 'www-authenticate': 'Bearer' }),
  forbidden: (message = 'Nicht erlaubt / not allowed') => new WorkshopHttpError(403, { error: 'forbidden', message }),
  guestsNotAllowed: () =>
    new WorkshopHttpError(403, { error: 'guests-not-allowed', message: 'Diese Sitzung lässt keine Gäste zu; bitte anmelden / this session admits no guests, please sign in' }),
  unknownCode: () => new WorkshopHttpError(404, { error: 'unknown-code', message: 'Unbekannter oder abgelaufener Code / unknown or expired code' }),
  rateLimited: (seconds: number) =>
    new WorkshopHttpError(
      429,
      { error: 'rate-limited', message: `Zu viele Versuche, bitte in ${seconds} Sekunden erneut / too many attempts` },
      { 'retry-after': String(seconds) },
    ),
  conflict: (error: string, message: string, detail?: string) =>
    new WorkshopHttpError(409, detail === undefined ? { error, message } : { error, message, detail }),
};

export function requireMethod(req: IncomingMessage, method: 'GET' | 'POST'): void {
  if (req.method !== method) {
    throw httpErrors.method(method);
  }
}

/** The bearer token of the request, or null. */
export function bearer(req: IncomingMessage): string | null {
  const match = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1] ?? null;
}

export function readJson<T extends z.ZodType>(req: IncomingMessage, schema: T, maxBytes = MAX_BODY_BYTES): Promise<z.infer<T>> {
  return readJsonBody(req, schema, maxBytes, httpErrors.badRequest);
}


/**
 * Counts wrong join codes per device address: `max` in `windowMs`, then 429 before any code is
 * looked at. Right codes cost nothing, so a room of 40 behind one address is never slowed down.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly max = 20,
    private readonly windowMs = 10 * 60_000,
  ) {}

  blocked(key: string, now: number): boolean {
    const entry = this.failures.get(key);
    if (entry === undefined || now - entry.since > this.windowMs) {
      this.failures.delete(key);
      return false;
    }
    return entry.count >= this.max;
  }

  fail(key: string, now: number): void {
    if (this.failures.size > 10_000) {
      this.failures.clear();
    }
    const entry = this.failures.get(key);
    if (entry === undefined || now - entry.since > this.windowMs) {
      this.failures.set(key, { count: 1, since: now });
    } else {
      entry.count += 1;
    }
  }

  get retryAfterSeconds(): number {
    return Math.ceil(this.windowMs / 1000);
  }
}
