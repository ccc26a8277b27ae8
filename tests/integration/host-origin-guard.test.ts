import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import NodeWebSocket from 'ws';
import { startWebHost, type WebHost } from '../../src-main/web/host';
import { createLogger } from '../../shared/log';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** One raw HTTP request with exactly the headers given (Host included); resolves with the status. */
function rawRequest(port: number, options: { method: string; path: string; headers: Record<string, string>; body?: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: options.method, path: options.path, headers: options.headers, setHost: false });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const upgradeHeaders = (host: string, origin?: string): Record<string, string> => ({
  host,
  connection: 'Upgrade',
  upgrade: 'websocket',
  'sec-websocket-version': '13',
  'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
  ...(origin ? { origin } : {}),
});

const beginImport = JSON.stringify({ fileName: 'angriff.csv', size: 1000 });

/**
 * Issue 8, item 2: the browser-mode host against web pages on other origins (real Chromium) and
 * DNS rebinding (foreign Host headers), over real sockets.
 */
describe('browser-mode host refuses foreign origins and host names', () => {
  let host: WebHost;
  let port: number;
  let attacker: http.Server;
  let attackerPort: number;
  let browser: Browser;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fokuswerk-origin-'));

  beforeAll(async () => {
    const rendererDir = path.join(dir, 'renderer');
    mkdirSync(rendererDir, { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Fokuswerk</title>');
    host = await startWebHost({
      port: 0,
      dataDir: path.join(dir, 'data'),
      rendererDir,
      reportYear: 2026,
      allowedHosts: ['fokuswerk.kreis.test'],
      logger: createLogger(() => undefined),
    });
    port = Number(new URL(host.url).port);
    // The attacker's site: another origin on this machine, serving an empty page.
    attacker = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>Gewinnspiel</title>'));
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', () => resolve()));
    attackerPort = (attacker.address() as AddressInfo).port;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', `--host-resolver-rules=MAP evil.test 127.0.0.1, MAP fokuswerk.kreis.test 127.0.0.1`],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => attacker?.close(() => resolve()));
    await host?.close();
  });

  it('a page on another origin can neither open the sync socket nor use up import slots', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`http://127.0.0.1:${attackerPort}/`);
      const before = await host.sync!.getDocState('group/wohnen/index');
      const result = await page.evaluate(
        async ({ target, body }) => {
          // Simple requests (text/plain, no preflight): the browser sends them and hides the answer.
          for (let i = 0; i < 12; i++) {
            await fetch(`${target}/api/indicators.importBegin`, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body }).catch(() => undefined);
          }
          const preflighted = await fetch(`${target}/api/indicators.importBegin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
            .then((r) => `status ${r.status}`)
            .catch(() => 'blocked');
          const socket = await new Promise<{ opened: boolean; messages: number }>((resolve) => {
            const ws = new WebSocket(`${target.replace('http', 'ws')}/sync/group/wohnen/index`);
            let opened = false;
            let messages = 0;
            ws.onopen = () => {
              opened = true;
            };
            ws.onmessage = () => {
              messages += 1;
            };
            ws.onclose = () => resolve({ opened, messages });
            setTimeout(() => resolve({ opened, messages }), 3000);
          });
          return { preflighted, socket };
        },
        { target: `http://127.0.0.1:${port}`, body: beginImport },
      );
      expect(result.preflighted).toBe('blocked');
      expect(result.socket).toEqual({ opened: false, messages: 0 });
      expect(await host.sync!.getDocState('group/wohnen/index')).toEqual(before);
      // All import slots are still free for the user's own app.
      for (let i = 0; i < 8; i++) {
        const own = await fetch(`${host.url}/api/indicators.importBegin`, { method: 'POST', headers: { 'content-type': 'application/json', origin: host.url }, body: beginImport });
        expect(own.status).toBe(200);
      }
    } finally {
      await page.close();
    }
  });

  it('a page whose name resolves to this machine (DNS rebinding) gets nothing', async () => {
    const page = await browser.newPage();
    try {
      const response = await page.goto(`http://evil.test:${port}/`);
      expect(response?.status()).toBe(421);
      const api = await page.evaluate(async () => {
        const r = await fetch('/api/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        return r.status;
      });
      expect(api).toBe(421);
    } finally {
      await page.close();
    }
  });

  it('the app on its own origin, and under a name given with --allowed-host, works', async () => {
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://fokuswerk.kreis.test:${port}`]) {
      const page = await browser.newPage();
      try {
        const response = await page.goto(`${origin}/`);
        expect(response?.status()).toBe(200);
        const result = await page.evaluate(async (own) => {
          const api = await fetch('/api/app.info', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
          const synced = await new Promise<boolean>((resolve) => {
            const ws = new WebSocket(`${own.replace('http', 'ws')}/sync/workspace`);
            ws.onmessage = () => {
              ws.close();
              resolve(true);
            };
            ws.onclose = () => resolve(false);
          });
          return { api: api.status, synced };
        }, origin);
        expect(result, origin).toEqual({ api: 200, synced: true });
      } finally {
        await page.close();
      }
    }
  });

  it('raw requests with a foreign Host or Origin are refused before any route', async () => {
    const own = `127.0.0.1:${port}`;
    const json = { 'content-type': 'application/json' };
    expect(await rawRequest(port, { method: 'GET', path: '/', headers: { host: `evil.test:${port}` } })).toBe(421);
    expect(await rawRequest(port, { method: 'POST', path: '/api/indicators.importBegin', headers: { host: `evil.test:${port}`, ...json }, body: beginImport })).toBe(421);
    expect(await rawRequest(port, { method: 'POST', path: '/api/app.info', headers: { host: own, ...json, origin: 'http://evil.test' }, body: '{}' })).toBe(403);
    expect(await rawRequest(port, { method: 'POST', path: '/api/app.info', headers: { host: own, ...json, origin: 'null' }, body: '{}' })).toBe(403);
    // Same host name, other port: another origin.
    expect(await rawRequest(port, { method: 'POST', path: '/api/app.info', headers: { host: own, ...json, origin: `http://127.0.0.1:${attackerPort}` }, body: '{}' })).toBe(403);
    expect(await rawRequest(port, { method: 'POST', path: '/sync/auth/login', headers: { host: own, ...json, origin: 'http://evil.test' }, body: '{}' })).toBe(403);
    expect(await rawRequest(port, { method: 'POST', path: '/api/app.info', headers: { host: own, 'content-type': 'text/plain' }, body: '{}' })).toBe(415);
    expect(await rawRequest(port, { method: 'POST', path: '/api/app.info', headers: { host: own }, body: '{}' })).toBe(415);
    expect(await rawRequest(port, { method: 'POST', path: '/api/app.info', headers: { host: own, ...json, origin: `http://${own}` }, body: '{}' })).toBe(200);
    expect(await rawRequest(port, { method: 'GET', path: '/sync/workspace', headers: upgradeHeaders(`evil.test:${port}`) })).toBe(421);
    expect(await rawRequest(port, { method: 'GET', path: '/sync/workspace', headers: upgradeHeaders(own, 'http://evil.test') })).toBe(403);
    expect(await rawRequest(port, { method: 'GET', path: '/sync/workspace', headers: upgradeHeaders(own, `http://${own}`) })).toBe(101);
    // Programs (the y-websocket client, scripts) send no Origin and keep working.
    expect(await rawRequest(port, { method: 'GET', path: '/sync/workspace', headers: upgradeHeaders(own) })).toBe(101);
    const ws = new NodeWebSocket(`ws://${own}/sync/workspace`);
    await new Promise<void>((resolve, reject) => {
      ws.once('message', () => resolve());
      ws.once('error', reject);
    });
    ws.close();
  });
});
