import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../src-main/web/host';
import { listGroups } from '../../shared/docs/workspace';
import { createLogger } from '../../shared/log';

/** The browser-mode host over real HTTP and WebSockets, with its embedded sync server. */
describe('browser-mode host', () => {
  let host: WebHost;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'fokuswerk-webhost-'));

  beforeAll(async () => {
    const rendererDir = path.join(dir, 'renderer');
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Fokuswerk</title>');
    writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(dir, 'secret.txt'), 'geheim');
    host = await startWebHost({ port: 0, dataDir: path.join(dir, 'data'), rendererDir, reportYear: 2026, logger: createLogger(() => undefined) });
  });

  afterAll(async () => {
    await host.close();
  });

  const call = (channel: string, body: unknown) =>
    fetch(`${host.url}/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('answers the contract with the embedded sync path and the report year', async () => {
    const response = await call('app.info', {});
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ syncUrl: '/sync', host: 'browser', reportYear: 2026 });
  });

  it('serves indicator figures from the bundled data', async () => {
    const response = await call('indicators.query', { indicatorId: 'bevoelkerung-insgesamt', regions: ['01056015'], periods: ['2015-12-31'] });
    const series = (await response.json()) as { values: { value: number }[]; source: { tableCode: string; attribution: string } };
    expect(series.values[0]?.value).toBe(48684);
    expect(series.source.tableCode).toBe('12411-01-01-5');
    expect(series.source.attribution).toContain('dl-de/by-2-0');
  });

  it('rejects bad input, unknown calls and wrong methods with a clear message', async () => {
    const bad = await call('indicators.query', { indicatorId: '', regions: [], periods: ['x'] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/Ungültige Eingabe \/ invalid input/);
    const unknownIndicator = await call('indicators.query', { indicatorId: 'gibt-es-nicht', regions: ['01056'], periods: ['2015-12-31'] });
    expect(unknownIndicator.status).toBe(404);
    const unknown = await call('admin.dropEverything', {});
    expect(unknown.status).toBe(404);
    const prototype = await call('app.__proto__', {});
    expect(prototype.status).toBe(404);
    const notJson = await fetch(`${host.url}/api/app.info`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(notJson.status).toBe(400);
    const undeclared = await fetch(`${host.url}/api/app.info`, { method: 'POST', body: '{}' });
    expect(undeclared.status).toBe(415);
    expect((await fetch(`${host.url}/api/app.info`)).status).toBe(405);
  });

  it('serves the renderer with a strict CSP and never files outside it', async () => {
    const index = await fetch(`${host.url}/group/wohnen`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(index.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect((await fetch(`${host.url}/assets/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${host.url}/..%2fsecret.txt`)).status).toBe(404);
    expect((await fetch(`${host.url}/%2e%2e/secret.txt`)).status).toBe(404);
  });

  it('runs an embedded sync server under /sync, seeded with the demo workspace', async () => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${host.url.replace('http', 'ws')}/sync`, 'workspace', doc, { WebSocketPolyfill: WebSocket as never, disableBc: true });
    try {
      await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
      expect(listGroups(doc).map((g) => g.id)).toContain('wohnen');
    } finally {
      provider.destroy();
    }
  });
});
