import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/sync/protocol.js';
import { hashPassword } from '../auth/password.js';
import { closeReasons } from '../close-reasons.js';
import { openRawSocket } from '../test-support.js';
import { useFixture } from './test-fixture.js';

const fixture = useFixture();

describe('accounts extension', () => {
  it('without accounts: says so on /auth/config, answers the other /auth/* with auth-disabled, lets everyone in', async () => {
    const { url, httpUrl } = await fixture.start();
    expect(await (await fetch(`${httpUrl}/auth/config`)).json()).toEqual({ auth: false });
    const login = await fetch(`${httpUrl}/auth/login`, { method: 'POST', body: JSON.stringify({ login: 'a', password: 'b' }) });
    expect(login.status).toBe(404);
    expect(((await login.json()) as { error: string }).error).toBe('auth-disabled');
    const c = fixture.client(url, 'report/2025');
    await c.synced;
  });

  it('with accounts: signs in over HTTP, and decides every connection from the token and the shared rules', async () => {
    const { server, url, httpUrl } = await fixture.start({ auth: true });
    const store = server.auth?.store;
    if (store === undefined) {
      throw new Error('accounts expected');
    }
    store.createGroup('wohnen', 'Wohnen');
    store.createAccount({ login: 'mia', name: 'Mia Mitglied', role: 'member', passwordHash: await hashPassword('ein langes Passwort 7') });
    store.addMember('wohnen', 'mia', false);
    expect(await (await fetch(`${httpUrl}/auth/config`)).json()).toEqual({ auth: true });

    const response = await fetch(`${httpUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'mia', password: 'ein langes Passwort 7' }),
    });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };

    expect(await openRawSocket(`${url}/workspace`).closed).toEqual({ code: CloseCode.Unauthorized, reason: closeReasons.unauthorized });
    expect(await openRawSocket(`${url}/group/armut/index?token=${token}`).closed).toEqual({
      code: CloseCode.Forbidden,
      reason: closeReasons.forbidden,
    });
    const own = fixture.client(url, 'group/wohnen/index', { token });
    await own.synced;
  });
});
