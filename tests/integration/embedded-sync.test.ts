import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { startEmbeddedSync, type EmbeddedSync } from '../../src-main/electron/embedded-sync';
import { listGroups } from '../../shared/docs/workspace';
import { createLogger } from '../../shared/log';

/** Status of a WebSocket upgrade to `url`: 101 if it opened, else the HTTP status the server answered. */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

/** Issue 8, item 2: the desktop app's embedded server (no accounts) serves only who knows the per-launch secret. */
describe('embedded desktop sync server', () => {
  let embedded: EmbeddedSync;
  let second: EmbeddedSync | null = null;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fokuswerk-embedded-'));

  beforeAll(async () => {
    embedded = await startEmbeddedSync({ dataDir: path.join(dir, 'sync'), reportYear: 2026, logger: createLogger(() => undefined) });
  });

  afterAll(async () => {
    await second?.server.close();
    await embedded.server.close();
  });

  it('listens on loopback under a long random secret', () => {
    const url = new URL(embedded.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.pathname.slice(1)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses documents and HTTP routes without the secret, or with a wrong one', async () => {
    const url = new URL(embedded.url);
    const root = `ws://127.0.0.1:${url.port}`;
    expect(await upgradeStatus(`${root}/workspace`)).toBe(404);
    expect(await upgradeStatus(`${root}/group/wohnen/index`)).toBe(404);
    const wrong = `${url.pathname.slice(1, -1)}${url.pathname.endsWith('A') ? 'B' : 'A'}`;
    expect(await upgradeStatus(`${root}/${wrong}/workspace`)).toBe(404);
    expect((await fetch(`http://127.0.0.1:${url.port}/healthz`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${url.port}/auth/config`)).status).toBe(404);
  });

  it('serves the demo workspace to the app that knows the address', async () => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(embedded.url, 'workspace', doc, { WebSocketPolyfill: WebSocket as never, disableBc: true });
    try {
      await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
      expect(listGroups(doc).map((g) => g.id)).toContain('wohnen');
    } finally {
      provider.destroy();
    }
  });

  it('picks a new secret at every launch', async () => {
    const first = new URL(embedded.url).pathname;
    await embedded.server.close();
    second = await startEmbeddedSync({ dataDir: path.join(dir, 'sync'), reportYear: 2026, logger: createLogger(() => undefined) });
    expect(new URL(second.url).pathname).not.toBe(first);
    embedded = second;
    second = null;
  });
});
