import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isForwarded, isLoopback } from './client-address.js';

/** Environment variable with the token that lets monitoring read /metrics from elsewhere. */
export const METRICS_TOKEN_ENV = 'FOKUSWERK_METRICS_TOKEN';

/**
 * Who may read `/metrics`: requests made on this machine that did not pass through a proxy, and
 * anyone presenting the metrics token as `Authorization: Bearer <token>` when one is configured.
 * The figures are aggregate counts, but they still tell an outsider when and how much the working
 * groups write, and the endpoint is reachable wherever the app's host is (e.g. `/sync/metrics`).
 */
export function mayReadMetrics(req: IncomingMessage, token: string | undefined): boolean {
  const authorization = req.headers.authorization;
  if (token && authorization?.startsWith('Bearer ')) {
    return sameSecret(authorization.slice('Bearer '.length), token);
  }
  return !isForwarded(req) && isLoopback(req.socket.remoteAddress);
}

/** Compares digests, so neither the content nor the length of the token leaks through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
