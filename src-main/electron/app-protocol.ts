import { readFile } from 'node:fs/promises';
import type { Session } from 'electron';
import type { Logger } from '../../shared/log';
import { mimeTypeOf, resolveAssetPath } from '../services/renderer-assets';
import { APP_HOST, APP_SCHEME } from './origin';

/** Serves the built renderer (dist/renderer) as app://fokuswerk/…, every response with the CSP. */
export function serveRenderer(session: Session, rendererDir: string, csp: string, logger: Logger): void {
  session.protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, csp, request, logger));
}

/** Answers one app:// request from the files below `rendererDir`; only GET/HEAD on our host. */
export async function rendererResponse(
  rendererDir: string,
  csp: string,
  request: { method: string; url: string },
  logger: Logger,
): Promise<Response> {
  const headers = (contentType: string): Record<string, string> => ({
    'Content-Type': contentType,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
  const text = (status: number, body: string): Response =>
    new Response(body, { status, headers: headers('text/plain; charset=utf-8') });

  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return text(405, 'Method not allowed');
  }
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return text(400, 'Bad request');
  }
  const file = url.hostname === APP_HOST ? resolveAssetPath(rendererDir, url.pathname) : undefined;
  if (!file) {
    return text(404, 'Not found');
  }
  try {
    const body = await readFile(file);
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: headers(mimeTypeOf(file)) });
  } catch (error: unknown) {
    logger.debug('renderer file not found', { url: request.url, error });
    return text(404, 'Not found');
  }
}
