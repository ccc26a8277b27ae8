import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { startServerProcess, tempDir, waitFor } from '../../sync-server/test-support.js';

const cleanups: (() => void | Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A self-signed certificate for 127.0.0.1, made now. */
function selfSignedCertificate(dir: string): { certFile: string; keyFile: string; cert: Buffer } {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile,
  ], { stdio: 'ignore' });
  return { certFile, keyFile, cert: readFileSync(certFile) };
}

function httpsGet(url: string, ca: Buffer): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { ca }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    }).on('error', reject);
  });
}

function metric(text: string, name: string): number {
  const match = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  if (match?.[1] === undefined) {
    throw new Error(`metric ${name} missing:\n${text}`);
  }
  return Number(match[1]);
}

describe('TLS and metrics (real process)', () => {
  it.skipIf(!hasOpenssl())('serves wss:// with the given certificate and Prometheus metrics over https', async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const { certFile, keyFile, cert } = selfSignedCertificate(dir);
    const server = await startServerProcess(['--port', '0', '--data', join(dir, 'data'), '--tls-cert', certFile, '--tls-key', keyFile]);
    cleanups.push(() => server.stop('SIGKILL'));
    expect(server.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/);

    // A client that trusts exactly this certificate; one that does not must fail.
    class TrustingWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { ca: cert });
      }
    }
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(server.url, 'report/2026', doc, {
      WebSocketPolyfill: TrustingWebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    cleanups.push(() => provider.destroy());
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
    doc.getText('t').insert(0, 'verschlüsselt');
    const reader = new Y.Doc();
    const readerProvider = new WebsocketProvider(server.url, 'report/2026', reader, {
      WebSocketPolyfill: TrustingWebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    cleanups.push(() => readerProvider.destroy());
    await waitFor(() => reader.getText('t').toString() === 'verschlüsselt', 'edit over wss');

    const untrusting = new WebSocket(`${server.url}/report/2026`);
    const error = await new Promise<Error>((resolve) => untrusting.once('error', resolve));
    expect(error.message).toMatch(/self.signed|certificate/i);

    const base = server.url.replace(/^wss/, 'https');
    expect((await httpsGet(`${base}/healthz`, cert)).status).toBe(200);
    const scraped = await httpsGet(`${base}/metrics`, cert);
    expect(scraped.status).toBe(200);
    expect(scraped.type).toContain('text/plain; version=0.0.4');
    const text = scraped.body;
    expect(metric(text, 'fokuswerk_sync_connections')).toBe(2);
    expect(metric(text, 'fokuswerk_sync_documents_loaded')).toBe(1);
    expect(metric(text, 'fokuswerk_sync_connections_opened_total')).toBeGreaterThanOrEqual(2);
    expect(metric(text, 'fokuswerk_sync_updates_received_total')).toBeGreaterThanOrEqual(1);
    expect(metric(text, 'fokuswerk_sync_updates_sent_total')).toBeGreaterThanOrEqual(1);
    expect(metric(text, 'fokuswerk_sync_bytes_received_total')).toBeGreaterThan(0);
    expect(metric(text, 'fokuswerk_sync_bytes_sent_total')).toBeGreaterThan(0);
    expect(metric(text, 'fokuswerk_sync_durable_write_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^# TYPE fokuswerk_sync_durable_write_seconds histogram$/m);
    expect(text).toMatch(/^fokuswerk_sync_durable_write_seconds_bucket\{le="\+Inf"\} \d+$/m);
    expect(await server.stop('SIGTERM')).toBe(0);
  });
});

/** An IPv4 address of this machine other than loopback, to make a request that is not local. */
function lanAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
}

describe('who may read /metrics (real process)', () => {
  it('answers this machine and holders of the metrics token, refuses proxied and remote requests', async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const token = 'monitoring-7f3a';
    const server = await startServerProcess(['--port', '0', '--host', '0.0.0.0', '--data', join(dir, 'data')], { FOKUSWERK_METRICS_TOKEN: token });
    cleanups.push(() => server.stop('SIGKILL'));
    const port = new URL(server.url).port;
    const scrape = async (address: string, headers: Record<string, string> = {}): Promise<number> =>
      (await fetch(`http://${address}:${port}/metrics`, { headers })).status;

    expect(await scrape('127.0.0.1')).toBe(200);
    // Through a reverse proxy on the same machine, the request is not local any more.
    const refused = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('metrics only from this machine or with the metrics token');
    expect(await scrape('127.0.0.1', { 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer falsch' })).toBe(403);
    expect(await scrape('127.0.0.1', { 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${token}` })).toBe(200);
    const lan = lanAddress();
    if (lan !== undefined) {
      expect(await scrape(lan)).toBe(403);
      expect(await scrape(lan, { authorization: `Bearer ${token}` })).toBe(200);
    }
    // Health checks stay open to everyone.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(200);
    expect(await server.stop('SIGTERM')).toBe(0);
  });
});
