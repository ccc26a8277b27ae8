import type { IncomingMessage } from 'node:http';

/** CORS headers for a JSON route: the request's origin is echoed only if it is one of `allowed`. */
export function corsHeaders(req: IncomingMessage, allowed: readonly string[]): Record<string, string> {
  const origin = req.headers.origin;
  return origin !== undefined && allowed.includes(origin)
    ? {
        'access-control-allow-origin': origin,
        'access-control-allow-headers': 'content-type, authorization',
        'access-control-allow-methods': 'GET, POST',
        'access-control-max-age': '600',
        vary: 'Origin',
      }
    : { vary: 'Origin' };
}
