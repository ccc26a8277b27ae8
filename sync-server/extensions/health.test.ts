import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createSyncServer } from '../server.js';
import { memoryLogger, tempDir } from '../test-support.js';
import { useFixture } from './test-fixture.js';

const fixture = useFixture();

describe('health extension', () => {
  it('answers GET /healthz with 200 and status ok, other methods and paths not', async () => {
    const { httpUrl } = await fixture.start();
    const health = await fetch(`${httpUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toBe('application/json');
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${httpUrl}/healthz`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${httpUrl}/healthz/more`)).status).toBe(404);
  });

  it('answers below the path prefix when a host mounts the server, and leaves other paths to the host', async () => {
    const { dir, remove } = tempDir('fokuswerk-ext-');
    fixture.later(remove);
    const sync = createSyncServer({ dataDir: dir, logger: memoryLogger().logger, pathPrefix: '/sync' });
    fixture.later(() => sync.close());
    const host = createServer((req, res) => {
      if (!sync.handleHttp(req, res)) {
        res.writeHead(418).end('host');
      }
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    fixture.later(() => new Promise<void>((resolve) => host.close(() => resolve())));
    const base = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    expect((await fetch(`${base}/sync/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/healthz`)).status).toBe(418);
  });
});
