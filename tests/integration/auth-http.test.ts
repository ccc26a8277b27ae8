import { mkdirSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/log.js';
import { startWebHost } from '../../src-main/web/host.js';
import { AuthPath, AuthResponse } from '../../shared/sync/auth-api.js';
import { ADDRESS_BURST } from '../../sync-server/auth/sign-in-limits.js';
import { createSyncServer } from '../../sync-server/server.js';
import { connectClient, memoryLogger, startAuthServer, tempDir, type AuthTestServer } from '../../sync-server/test-support.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

async function start(options: { trustProxy?: boolean } = {}): Promise<AuthTestServer> {
  const fixture = await startAuthServer({
    ...options,
    accounts: [
      { login: 'anke', name: 'Anke Meier', role: 'member', groups: [{ id: 'wohnen', lead: true }], password: 'richtig-geheim' },
      { login: 'neu', name: 'Nora Neu', role: 'stabsstelle' },
    ],
    groups: [{ id: 'wohnen', name: 'Wohnen' }],
    corsOrigins: ['https://app.example'],
  });
  cleanups.push(() => fixture.close());
  return fixture;
}

function post(fixture: AuthTestServer, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${fixture.httpUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function signedIn(response: Response): Promise<AuthResponse> {
  expect(response.status).toBe(200);
  return AuthResponse.parse(await response.json());
}

describe('auth HTTP API', () => {
  it('signs in, and the token opens a sync connection; refresh and me work with it', async () => {
    const fixture = await start();
    expect(await (await fetch(`${fixture.httpUrl}${AuthPath.config}`)).json()).toEqual({ auth: true });
    const login = await signedIn(await post(fixture, AuthPath.login, { login: 'Anke', password: 'richtig-geheim' }));
    expect(login.account).toEqual({ login: 'anke', name: 'Anke Meier', role: 'member', groups: [{ id: 'wohnen', name: 'Wohnen', lead: true }] });
    expect(Date.parse(login.expiresAt)).toBeGreaterThan(Date.now() + 60 * 60 * 1000);

    const c = connectClient(fixture.url, 'group/wohnen/index', { token: login.token });
    cleanups.push(() => c.destroy());
    await c.synced;

    const refreshed = await signedIn(await post(fixture, AuthPath.refresh, {}, { authorization: `Bearer ${login.token}` }));
    expect(refreshed.account.login).toBe('anke');
    const me = await fetch(`${fixture.httpUrl}${AuthPath.me}`, { headers: { authorization: `Bearer ${refreshed.token}` } });
    expect(await me.json()).toMatchObject({ login: 'anke', role: 'member' });
    const noToken = await post(fixture, AuthPath.refresh, {});
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('answers wrong passwords with 401 and limits attempts per login and address', async () => {
    const fixture = await start();
    for (let i = 0; i < 5; i++) {
      const wrong = await post(fixture, AuthPath.login, { login: 'anke', password: `falsch-${i}` });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({ error: 'invalid-credentials', message: 'Anmeldename oder Passwort falsch / wrong login or password' });
    }
    const limited = await post(fixture, AuthPath.login, { login: 'anke', password: 'richtig-geheim' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(await limited.json()).toMatchObject({ error: 'rate-limited' });
    // Other logins from the same address are not affected; unknown logins fail like wrong passwords.
    expect((await post(fixture, AuthPath.login, { login: 'niemand', password: 'egal-egal-egal' })).status).toBe(401);
    expect(fixture.server.metrics.render()).toMatch(/fokuswerk_sync_logins_total\{result="rate-limited"\} 1/);
  });

  it('sets the password once with an invitation code, then signs in with it', async () => {
    const fixture = await start();
    const { code } = fixture.server.auth!.store.createInvitation('neu', 60_000);
    const weak = await post(fixture, AuthPath.invitation, { code, password: 'kurz' });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toMatchObject({ error: 'weak-password' });
    const redeemed = await signedIn(await post(fixture, AuthPath.invitation, { code, password: 'ein-langes-passwort' }));
    expect(redeemed.account).toMatchObject({ login: 'neu', role: 'stabsstelle' });
    const again = await post(fixture, AuthPath.invitation, { code, password: 'noch-ein-passwort' });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid-invitation' });
    await signedIn(await post(fixture, AuthPath.login, { login: 'neu', password: 'ein-langes-passwort' }));
    const expired = fixture.server.auth!.store.createInvitation('neu', -1);
    expect((await post(fixture, AuthPath.invitation, { code: expired.code, password: 'ein-langes-passwort' })).status).toBe(400);
  });

  it('rejects bad requests clearly and allows CORS only for configured origins', async () => {
    const fixture = await start();
    const notJson = await fetch(`${fixture.httpUrl}${AuthPath.login}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: 'bad-request' });
    expect((await post(fixture, AuthPath.login, { login: 'anke' })).status).toBe(400);
    expect((await fetch(`${fixture.httpUrl}${AuthPath.login}`)).status).toBe(405);
    expect((await fetch(`${fixture.httpUrl}/auth/unbekannt`)).status).toBe(404);

    const preflight = await fetch(`${fixture.httpUrl}${AuthPath.login}`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const foreign = await post(fixture, AuthPath.login, { login: 'anke', password: 'x' }, { origin: 'https://evil.example' });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('says plainly when the server runs without accounts', async () => {
    const { dir, remove } = tempDir();
    const server = createSyncServer({ dataDir: dir, logger: memoryLogger().logger });
    cleanups.push(remove, () => server.close());
    const { url } = await server.listen(0);
    const base = url.replace(/^ws/, 'http');
    expect(await (await fetch(`${base}${AuthPath.config}`)).json()).toEqual({ auth: false });
    const login = await fetch(`${base}${AuthPath.login}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(login.status).toBe(404);
    expect(await login.json()).toMatchObject({ error: 'auth-disabled' });
  });

  it('counts only wrong invitation codes, so a room full of people can redeem theirs at once', async () => {
    const fixture = await start();
    const store = fixture.server.auth!.store;
    for (let i = 0; i < 8; i++) {
      store.createAccount({ login: `teilnehmer${i}`, name: `Teilnehmer ${i}`, role: 'member', passwordHash: null });
      const { code } = store.createInvitation(`teilnehmer${i}`, 60_000);
      // Too weak first (does not count), then properly.
      expect((await post(fixture, AuthPath.invitation, { code, password: 'kurz' })).status).toBe(400);
      await signedIn(await post(fixture, AuthPath.invitation, { code, password: `workshop-passwort-${i}` }));
    }
    for (let i = 0; i < 5; i++) {
      const wrong = await post(fixture, AuthPath.invitation, { code: `falsch-${i}-0000`, password: 'workshop-passwort' });
      expect(await wrong.json()).toMatchObject({ error: 'invalid-invitation' });
    }
    expect((await post(fixture, AuthPath.invitation, { code: 'falsch-5-0000', password: 'workshop-passwort' })).status).toBe(429);
  });

  it('limits per device behind a trusted local proxy, and ignores the header otherwise', async () => {
    const wrongFrom = (fixture: AuthTestServer, device: string): Promise<Response> =>
      post(fixture, AuthPath.login, { login: 'anke', password: 'falsch-falsch' }, { 'x-forwarded-for': `198.51.100.99, ${device}` });
    const trusting = await start({ trustProxy: true });
    for (let i = 0; i < 5; i++) {
      expect((await wrongFrom(trusting, '10.0.0.1')).status).toBe(401);
    }
    expect((await wrongFrom(trusting, '10.0.0.1')).status).toBe(429);
    expect((await wrongFrom(trusting, '10.0.0.2')).status).toBe(401);

    // Without trustProxy, anyone could claim any address: the header changes nothing.
    const plain = await start();
    for (let i = 0; i < 5; i++) {
      expect((await wrongFrom(plain, `10.0.1.${i}`)).status).toBe(401);
    }
    expect((await wrongFrom(plain, '10.0.1.9')).status).toBe(429);
  });

  it('counts a spray from fresh IPv6 addresses of one /64 as one address', async () => {
    const trusting = await start({ trustProxy: true });
    const guess = (address: string, login: string): Promise<Response> =>
      post(trusting, AuthPath.login, { login, password: 'Sommer2026!' }, { 'x-forwarded-for': address });
    // A new address of the same /64 for every guess, one guess per login: only the per-address limit can stop it.
    for (let i = 0; i < ADDRESS_BURST; i++) {
      expect((await guess(`2001:db8:7:7::${(i + 1).toString(16)}`, `person-${i}`)).status).toBe(401);
    }
    expect((await guess('2001:db8:7:7:ffff:ffff:ffff:fffe', 'person-x')).status).toBe(429);
    expect((await guess('2001:db8:7:8::1', 'person-y')).status).toBe(401);
  }, 60_000);
});

describe('sign-in through the browser-mode host', () => {
  it('passes each device’s address on, so one device’s wrong codes do not lock out the others', async () => {
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((address) => address?.family === 'IPv4' && !address.internal)?.address;
    const fixture = await start({ trustProxy: true });
    const { dir, remove } = tempDir('fokuswerk-host-auth-');
    cleanups.push(remove);
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Fokuswerk</title>');
    const host = await startWebHost({ port: 0, host: '0.0.0.0', dataDir: join(dir, 'data'), syncUrl: fixture.url, rendererDir, logger: createLogger(() => undefined) });
    cleanups.push(() => host.close());
    const port = new URL(host.url).port;
    const redeem = (address: string, code: string): Promise<Response> =>
      fetch(`http://${address}:${port}/api/auth.invitation`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code, password: 'workshop-passwort' }),
      });

    for (let i = 0; i < 5; i++) {
      expect(await (await redeem('127.0.0.1', `falsch-${i}-0000`)).json()).toMatchObject({ code: 'bad-request', message: /Einladung ungültig/ });
    }
    expect(await (await redeem('127.0.0.1', 'falsch-5-0000')).json()).toMatchObject({ code: 'rate-limited' });
    if (lan !== undefined) {
      // Another device on the network is not affected and redeems its invitation.
      expect(await (await redeem(lan, 'falsch-6-0000')).json()).toMatchObject({ code: 'bad-request' });
      const { code } = fixture.server.auth!.store.createInvitation('neu', 60_000);
      const response = await redeem(lan, code);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ account: { login: 'neu' } });
    }
  });
});
