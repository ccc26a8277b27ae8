import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/sync/protocol.js';
import type { Authorize } from '../authorize.js';
import { closeReasons } from '../close-reasons.js';
import { openRawSocket } from '../test-support.js';
import { connectionLimitExtension } from './connection-limit.js';
import { useFixture } from './test-fixture.js';

const fixture = useFixture();

/** Opens sockets to `url` until one stays open for 200 ms (admitted) or `ms` passed. */
async function admittedWithin(url: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const socket = openRawSocket(url);
    fixture.later(() => socket.ws.terminate());
    const outcome = await Promise.race([
      socket.closed.then(() => 'closed' as const),
      new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), 200)),
    ]);
    if (outcome === 'open') {
      return true;
    }
  }
  return false;
}

/** Token = login; `anon` connects without an identity. */
const byToken: Authorize = ({ token }) =>
  token === 'anon' || token === null ? { access: 'read-write' } : { access: 'read-write', identity: { login: token, name: token, color: '#1f77b4' } };

describe('connection limit extension', () => {
  it('refuses one connection too many per account, and admits again once one closed', async () => {
    const { url } = await fixture.start({ authorize: byToken, limits: { maxConnectionsPerUser: 2 } });
    const a = fixture.client(url, 'workspace', { token: 'anke' });
    const b = fixture.client(url, 'report/2025', { token: 'anke' });
    await Promise.all([a.synced, b.synced]);

    const third = openRawSocket(`${url}/datasets?token=anke`);
    expect(await third.closed).toEqual({ code: CloseCode.TooManyConnections, reason: closeReasons.tooManyConnections(2) });

    const other = fixture.client(url, 'workspace', { token: 'bernd' });
    await other.synced;

    a.destroy();
    // The freed slot is counted back on disconnect: a new connection of the same account is admitted.
    expect(await admittedWithin(`${url}/datasets?token=anke`, 3_000)).toBe(true);
  });

  it('does not count connections without an identity (server without accounts)', async () => {
    const { url } = await fixture.start({ authorize: byToken, limits: { maxConnectionsPerUser: 1 } });
    const clients = [1, 2, 3].map(() => fixture.client(url, 'workspace', { token: 'anon' }));
    await Promise.all(clients.map((c) => c.synced));
  });

  it('counts per login through its hooks alone', () => {
    const limit = connectionLimitExtension(1);
    const anke = { login: 'anke', name: 'Anke', color: '#1f77b4' };
    expect(limit.onConnect?.({ id: 1, docName: 'workspace', identity: anke })).toBeUndefined();
    limit.onConnected?.({ id: 1, docName: 'workspace', identity: anke });
    expect(limit.onConnect?.({ id: 2, docName: 'workspace', identity: anke })?.code).toBe(CloseCode.TooManyConnections);
    expect(limit.onConnect?.({ id: 3, docName: 'workspace', identity: { ...anke, login: 'bernd' } })).toBeUndefined();
    limit.onDisconnect?.({ id: 1, docName: 'workspace', identity: anke });
    expect(limit.onConnect?.({ id: 2, docName: 'workspace', identity: anke })).toBeUndefined();
  });
});
