import { readFile } from 'node:fs/promises';
import type { Session } from 'electron';
import type { Logger } from '../../shared/log';
import { APP_SCHEME } from './origin';
import { mimeTypeOf, resolveRendererFile } from './renderer-files';

/** Serves the built renderer (dist/renderer) as app://fokuswerk/…, every response with the CSP. */
export function serveRenderer(session: Session, rendererDir: string, csp: string, logger: Logger): void {
  const headers = (contentType: string): Record<string, string> => ({
    'Content-Type': contentType,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: headers('text/plain; charset=utf-8') });
    }
    const file = resolveRendererFile(rendererDir, request.url);
    if (!file) {
      return new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });
    }
    try {
      return new Response(await readFile(file), { status: 200, headers: headers(mimeTypeOf(file)) });
    } catch (error: unknown) {
      logger.debug('renderer file not found', { url: request.url, error });
      return new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });
    }
  });
}
