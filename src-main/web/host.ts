import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { processLogger, type Logger } from '../../shared/log';
import { buildDemoSeed } from '../../shared/demo/seed';
import { createSyncServer, type SyncServer } from '../../sync-server/server';
import { createHostServices } from '../services/host-services';
import { chromiumExportTools } from '../services/export/chromium';
import { contentSecurityPolicy } from '../services/csp';
import { mimeTypeOf, resolveAssetPath } from '../services/renderer-assets';
import { MAX_REPORT_EXPORT_BODY } from '../../shared/export/contract';
import { handleApiCall } from './api-route';
import { createRequestGuard, type GuardRefusal } from './request-guard';

/** Path below which the embedded sync server is mounted. */
export const EMBEDDED_SYNC_PATH = '/sync';
const MAX_API_BODY = 1024 * 1024;
/** Calls that may send more than MAX_API_BODY, each with its own bound. */
const LARGE_API_BODIES: Readonly<Record<string, number>> = { 'export.report': MAX_REPORT_EXPORT_BODY };
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Options of the browser-mode host. */
export interface WebHostOptions {
  port: number;
  /** Interface to listen on; default 127.0.0.1 (use 0.0.0.0 to serve iPads on the LAN). */
  host?: string;
  dataDir: string;
  /** External sync server (ws:// or wss://). Without it, an embedded one is started and seeded with the demo. */
  syncUrl?: string;
  /** Built renderer; default dist/renderer. */
  rendererDir?: string;
  reportYear?: number;
  /** Further host names (besides localhost and the bound address) this host is reached by, e.g. on the LAN. */
  allowedHosts?: readonly string[];
  /** Serve over HTTPS (needed for the offline app shell on LAN devices): certificate and key, PEM. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  logger?: Logger;
}

/** A running browser-mode host. */
export interface WebHost {
  url: string;
  /** The embedded sync server, if this host runs one. */
  sync: SyncServer | null;
  close(): Promise<void>;
}

/**
 * Browser mode: serves the built renderer and the same contract as the desktop app over HTTP, plus
 * (unless an external one is given) an embedded sync server on the same origin under /sync.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const log = options.logger ?? processLogger(process, { service: 'web-host' });
  const reportYear = options.reportYear ?? new Date().getFullYear();
  const rendererDir = path.resolve(options.rendererDir ?? path.join(REPO_ROOT, 'dist/renderer'));
  await assertRendererBuilt(rendererDir);

  let sync: SyncServer | null = null;
  let syncHttpPort = options.port;
  if (!options.syncUrl) {
    sync = createSyncServer({
      dataDir: path.join(options.dataDir, 'sync'),
      pathPrefix: EMBEDDED_SYNC_PATH,
      logger: log.child({ service: 'sync' }),
      // This host forwards sign-ins to it over loopback, with the device's address.
      trustProxy: true,
    });
    await sync.seedIfEmpty(buildDemoSeed(reportYear));
  }
  const services = createHostServices({
    dataDir: options.dataDir,
    exportTools: chromiumExportTools,
    syncUrl: options.syncUrl ?? EMBEDDED_SYNC_PATH,
    // The embedded server answers on this host's own port once it listens.
    syncHttpBase: () => (options.syncUrl ? options.syncUrl.replace(/^ws/, 'http') : `http://127.0.0.1:${syncHttpPort}${EMBEDDED_SYNC_PATH}`),
    host: 'browser',
    reportYear,
    logger: log,
  });
  const csp = contentSecurityPolicy(options.syncUrl ?? null);
  const guard = createRequestGuard({ bindHost: options.host ?? '127.0.0.1', allowedHosts: options.allowedHosts ?? [] });

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    handleRequest(req, res).catch((e: unknown) => {
      log.error('request failed', { url: req.url, error: e });
      if (!res.headersSent) {
        sendJson(res, 500, { code: 'internal', message: 'Interner Fehler / internal error' });
      } else {
        res.destroy();
      }
    });
  };
  const server = options.tls ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, onRequest) : http.createServer(onRequest);

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://host');
    setSecurityHeaders(res, csp);
    const stateChanging = req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
    const refusal = guard.checkHost(req) ?? (stateChanging ? guard.checkOrigin(req) : null);
    if (refusal) {
      refuse(res, refusal);
      return;
    }
    // The embedded sync server's own HTTP routes (/sync/auth/…, /sync/metrics) on the same origin.
    if (sync?.handleHttp(req, res)) {
      return;
    }
    if (url.pathname === '/healthz') {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        sendJson(res, 405, { code: 'bad-request', message: 'Nur POST / POST only' });
        return;
      }
      const notJson = guard.checkJson(req);
      if (notJson) {
        refuse(res, notJson);
        return;
      }
      const method = url.pathname.slice('/api/'.length);
      const limit = LARGE_API_BODIES[method] ?? MAX_API_BODY;
      // A declared length over the limit is refused before anything is read.
      const body = Number(req.headers['content-length'] ?? 0) > limit ? null : await readBody(req, limit);
      if (body === null) {
        res.setHeader('connection', 'close');
        sendJson(res, 413, { code: 'bad-request', message: 'Anfrage zu groß / request too large' });
        return;
      }
      const result = await handleApiCall(services.handlers, method, body, {
        ...(req.socket.remoteAddress ? { address: req.socket.remoteAddress } : {}),
      }, log);
      sendJson(res, result.status, result.body);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    await serveAsset(req, res, rendererDir, url.pathname);
  }

  server.on('upgrade', (req, socket, head) => {
    const refusal = guard.checkHost(req) ?? guard.checkOrigin(req);
    if (refusal) {
      log.warn('upgrade refused', { code: refusal.code, host: req.headers.host, origin: req.headers.origin });
      socket.end(`HTTP/1.1 ${refusal.status} ${refusal.code}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    if (!sync || !sync.handleUpgrade(req, socket, head)) {
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  syncHttpPort = address.port;
  // Over HTTPS (a certificate for the LAN name, not for 127.0.0.1), this host reaches the embedded
  // server's sign-in routes through a plain loopback-only listener instead.
  const loopback = options.tls && sync ? await listenLoopback(sync) : null;
  if (loopback) {
    syncHttpPort = (loopback.address() as AddressInfo).port;
  }
  const shownHost = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  const url = `${options.tls ? 'https' : 'http'}://${shownHost}:${address.port}`;
  log.info('browser host listening', { url, embeddedSync: Boolean(sync) });

  let closing: Promise<void> | null = null;
  return {
    url,
    sync,
    close: () => {
      closing ??= (async () => {
        await sync?.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        if (loopback) {
          await new Promise<void>((resolve) => {
            loopback.close(() => resolve());
            loopback.closeAllConnections();
          });
        }
        services.close();
      })();
      return closing;
    },
  };
}

/** A plain HTTP listener on 127.0.0.1 that answers only the embedded sync server's HTTP routes. */
async function listenLoopback(sync: SyncServer): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (!sync.handleHttp(req, res)) {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return server;
}

async function assertRendererBuilt(dir: string): Promise<void> {
  try {
    await stat(path.join(dir, 'index.html'));
  } catch {
    throw new Error(
      `Die Oberfläche ist nicht gebaut (${dir}/index.html fehlt). Bitte „npm run build:renderer“ ausführen. / ` +
        `The renderer is not built (${dir}/index.html missing). Run "npm run build:renderer".`,
    );
  }
}

function setSecurityHeaders(res: ServerResponse, csp: string): void {
  res.setHeader('content-security-policy', csp);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
}

function refuse(res: ServerResponse, refusal: GuardRefusal): void {
  sendJson(res, refusal.status, { code: 'bad-request', reason: refusal.code, message: refusal.message });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.destroy();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function serveAsset(req: IncomingMessage, res: ServerResponse, root: string, pathname: string): Promise<void> {
  const file = resolveAssetPath(root, pathname);
  const info = file ? await stat(file).catch(() => null) : null;
  if (!file || !info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Nicht gefunden / not found');
    return;
  }
  const immutable = pathname.startsWith('/assets/');
  res.writeHead(200, {
    'content-type': mimeTypeOf(file),
    'content-length': info.size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
