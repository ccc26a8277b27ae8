import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listGroups } from '../../shared/docs/workspace.js';
import { CloseCode, MESSAGE_AWARENESS } from '../../shared/sync/protocol.js';
import { closeReasons } from '../../sync-server/close-reasons.js';
import { encodeSyncStep2, encodeSyncUpdate } from '../../sync-server/frames.js';
import { openDocStore } from '../../sync-server/persistence.js';
import {
  closedWith,
  connectClient,
  openRawSocket,
  recordAccess,
  startAuthServer,
  waitFor,
  type AuthTestServer,
  type TestAccountSpec,
  type TestClient,
} from '../../sync-server/test-support.js';

const ACCOUNTS: TestAccountSpec[] = [
  { login: 'anke', name: 'Anke Meier', role: 'member', groups: [{ id: 'wohnen' }] },
  { login: 'bernd', name: 'Bernd Schulz', role: 'member', groups: [{ id: 'wohnen' }] },
  { login: 'mod', name: 'Moni Moderation', role: 'moderation', groups: [{ id: 'wohnen' }] },
  { login: 'leser', name: 'Lena Leser', role: 'moderation' },
];
const DOC = 'group/wohnen/proposal/p-1';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

async function start(limits: Parameters<typeof startAuthServer>[0]['limits'] = {}): Promise<AuthTestServer> {
  const fixture = await startAuthServer({ accounts: ACCOUNTS, groups: [{ id: 'wohnen', name: 'Wohnen' }], limits });
  cleanups.push(() => fixture.close());
  return fixture;
}

function client(fixture: AuthTestServer, doc: string, token: string | null, caps = ''): TestClient {
  const c = connectClient(fixture.url, doc, token === null ? {} : { token, v: '1', caps });
  cleanups.push(() => c.destroy());
  return c;
}

function awarenessFrame(clientId: number, clock: number, state: unknown): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, 1);
  encoding.writeVarUint(inner, clientId);
  encoding.writeVarUint(inner, clock);
  encoding.writeVarString(inner, JSON.stringify(state));
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

function userOf(observer: TestClient, clientId: number): { name?: string; color?: string; login?: string } | undefined {
  return (observer.provider.awareness.getStates().get(clientId) as { user?: { name?: string; color?: string; login?: string } } | undefined)?.user;
}

describe('tokens', () => {
  it('refuses a missing, forged or expired token with 4401 and a reason', async () => {
    const fixture = await start();
    expect(await openRawSocket(`${fixture.url}/workspace`).closed).toEqual({ code: CloseCode.Unauthorized, reason: closeReasons.unauthorized });
    const good = fixture.token('anke');
    const forged = `${good.slice(0, -3)}${good.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    expect(await openRawSocket(`${fixture.url}/workspace?token=${forged}`).closed).toEqual({
      code: CloseCode.Unauthorized,
      reason: closeReasons.invalidToken,
    });
    expect(await openRawSocket(`${fixture.url}/workspace?token=kaputt`).closed).toMatchObject({ code: CloseCode.Unauthorized });
    const expired = fixture.token('anke', -10);
    expect(await openRawSocket(`${fixture.url}/workspace?token=${expired}`).closed).toEqual({
      code: CloseCode.Unauthorized,
      reason: closeReasons.tokenExpired,
    });
    // The stock client stops reconnecting on 4401 and reports it.
    const stock = client(fixture, 'workspace', null);
    expect((await closedWith(stock)).code).toBe(CloseCode.Unauthorized);
  });

  it('closes an open connection with 4401 when its token expires', async () => {
    const fixture = await start();
    // Expiry is counted in whole seconds from the issuing second, so a 3 s token lives 2–3 s:
    // long enough to be open first (a 1 s token could expire before the upgrade and be refused).
    const c = client(fixture, DOC, fixture.token('anke', 3));
    const closed = closedWith(c);
    await c.synced;
    const started = Date.now();
    expect(await closed).toEqual({ code: CloseCode.Unauthorized, reason: closeReasons.tokenExpired });
    expect(Date.now() - started).toBeLessThan(4_000);
  });
});

describe('revocation on open connections', () => {
  it('closes with 4403 when the membership is removed, and with 4401 when the account is disabled', async () => {
    const fixture = await start();
    const auth = fixture.server.auth!;
    const anke = client(fixture, DOC, fixture.token('anke'));
    const bernd = client(fixture, DOC, fixture.token('bernd'));
    await Promise.all([anke.synced, bernd.synced]);
    const ankeClosed = closedWith(anke);
    auth.store.removeMember('wohnen', 'anke');
    expect(await ankeClosed).toEqual({ code: CloseCode.Forbidden, reason: closeReasons.accessRevoked });
    expect(await openRawSocket(`${fixture.url}/${DOC}?token=${fixture.token('anke')}`).closed).toMatchObject({ code: CloseCode.Forbidden });

    const berndClosed = closedWith(bernd);
    auth.store.setDisabled('bernd', true);
    expect(await berndClosed).toEqual({ code: CloseCode.Unauthorized, reason: closeReasons.accountDisabled });
  });

  it('revokes earlier tokens (revoke-tokens) but accepts fresh ones', async () => {
    const fixture = await start();
    const old = fixture.token('anke');
    const c = client(fixture, DOC, old);
    await c.synced;
    const closed = closedWith(c);
    fixture.server.auth!.store.revokeTokens('anke');
    expect(await closed).toEqual({ code: CloseCode.Unauthorized, reason: closeReasons.tokenRevoked });
    expect(await openRawSocket(`${fixture.url}/${DOC}?token=${old}`).closed).toMatchObject({ code: CloseCode.Unauthorized });
    const fresh = client(fixture, DOC, fixture.token('anke'));
    await fresh.synced;
  });

  it('downgrades to read-only when a moderation account leaves the group, and drops its writes from then on', async () => {
    const fixture = await start();
    const mod = client(fixture, DOC, fixture.token('mod'), 'access');
    const access = recordAccess(mod);
    const anke = client(fixture, DOC, fixture.token('anke'));
    await Promise.all([mod.synced, anke.synced]);
    mod.doc.getText('t').insert(0, 'vorher;');
    await waitFor(() => anke.doc.getText('t').toString() === 'vorher;', 'write while member');
    fixture.server.auth!.store.removeMember('wohnen', 'mod');
    await waitFor(() => access.at(-1) === 'read-only', 'MESSAGE_ACCESS read-only');
    expect(access).toEqual(['read-write', 'read-only']);
    mod.doc.getText('t').insert(0, 'nachher;');
    mod.provider.awareness.setLocalStateField('marker', 1);
    await waitFor(() => (anke.provider.awareness.getStates().get(mod.doc.clientID) as { marker?: number } | undefined)?.marker === 1, 'marker');
    expect(anke.doc.getText('t').toString()).toBe('vorher;');
    expect(mod.provider.wsconnected).toBe(true);
  });
});

describe('read-only connections', () => {
  it('never apply, store or forward updates, whether sent as sync step 2 or as update', async () => {
    const fixture = await start();
    const anke = client(fixture, DOC, fixture.token('anke'));
    await anke.synced;
    anke.doc.getText('t').insert(0, 'echt;');
    await waitFor(() => anke.provider.synced, 'anke synced');
    const dropped = (): number => {
      const line = /fokuswerk_sync_updates_dropped_total (\d+)/.exec(fixture.server.metrics.render());
      return Number(line?.[1] ?? 0);
    };
    const before = dropped();
    const raw = openRawSocket(`${fixture.url}/${DOC}?token=${fixture.token('leser')}`);
    await raw.opened;
    const step2 = new Y.Doc();
    step2.getText('t').insert(0, 'als-step2;');
    const update = new Y.Doc();
    update.getText('t').insert(0, 'als-update;');
    raw.ws.send(encodeSyncStep2(Y.encodeStateAsUpdate(step2)));
    raw.ws.send(encodeSyncUpdate(Y.encodeStateAsUpdate(update)));
    raw.ws.send(awarenessFrame(4242, 1, { marker: 'leser' }));
    await waitFor(() => anke.provider.awareness.getStates().has(4242), 'reader marker arrives');
    expect(dropped() - before).toBe(2);
    expect(anke.doc.getText('t').toString()).toBe('echt;');
    await fixture.server.close();
    const store = openDocStore(fixture.dir);
    const stored = new Y.Doc();
    for (const u of store.load(DOC).updates) {
      Y.applyUpdate(stored, u);
    }
    await store.close();
    expect(stored.getText('t').toString()).toBe('echt;');
  });
});

describe('awareness identity', () => {
  it('stamps the account name on every state; a client can neither pose as someone else nor touch their presence', async () => {
    const fixture = await start();
    const anke = client(fixture, DOC, fixture.token('anke'));
    const bernd = client(fixture, DOC, fixture.token('bernd'));
    await Promise.all([anke.synced, bernd.synced]);
    anke.provider.awareness.setLocalStateField('user', { name: 'Bürgermeister', color: 'red', login: 'chef' });
    await waitFor(() => userOf(bernd, anke.doc.clientID)?.name === 'Anke Meier', 'stamped name');
    expect(userOf(bernd, anke.doc.clientID)).toMatchObject({ name: 'Anke Meier', login: 'anke' });
    expect(userOf(bernd, anke.doc.clientID)?.color).toMatch(/^#[0-9a-f]{6}$/);
    anke.provider.awareness.setLocalStateField('user', { name: 'x', color: '#123456' });
    await waitFor(() => userOf(bernd, anke.doc.clientID)?.color === '#123456', 'own colour kept');
    expect(userOf(bernd, anke.doc.clientID)?.name).toBe('Anke Meier');

    // A raw socket tries to overwrite and then remove Anke's state under her client id.
    const raw = openRawSocket(`${fixture.url}/${DOC}?token=${fixture.token('bernd')}`);
    await raw.opened;
    const ankeClock = (anke.provider.awareness.meta.get(anke.doc.clientID)?.clock ?? 0) + 100;
    raw.ws.send(awarenessFrame(anke.doc.clientID, ankeClock, { user: { name: 'gefälscht' } }));
    raw.ws.send(awarenessFrame(anke.doc.clientID, ankeClock + 1, null));
    raw.ws.send(awarenessFrame(777, 1, { marker: 'raw' }));
    await waitFor(() => bernd.provider.awareness.getStates().has(777), 'raw marker arrives');
    expect(userOf(bernd, anke.doc.clientID)?.name).toBe('Anke Meier');
    expect(userOf(bernd, 777)).toMatchObject({ name: 'Bernd Schulz', login: 'bernd' });
  });
});

describe('limits and the workspace', () => {
  it('refuses more connections per account than allowed with a transient code', async () => {
    const fixture = await start({ maxConnectionsPerUser: 2 });
    const a = client(fixture, DOC, fixture.token('anke'));
    const b = client(fixture, 'workspace', fixture.token('anke'));
    await Promise.all([a.synced, b.synced]);
    expect(await openRawSocket(`${fixture.url}/report/2025?token=${fixture.token('anke')}`).closed).toEqual({
      code: CloseCode.TooManyConnections,
      reason: closeReasons.tooManyConnections(2),
    });
    const other = client(fixture, DOC, fixture.token('bernd'));
    await other.synced;
  });

  it('lists groups from the account database in the workspace, as a stored server-side change', async () => {
    const fixture = await start();
    const ws = client(fixture, 'workspace', fixture.token('anke'));
    await ws.synced;
    await waitFor(() => listGroups(ws.doc).some((group) => group.id === 'wohnen'), 'initial group');
    fixture.server.auth!.store.createGroup('mobilitaet', 'Mobilität');
    await waitFor(() => listGroups(ws.doc).some((group) => group.id === 'mobilitaet'), 'new group arrives');
    expect(listGroups(ws.doc).map((group) => group.name)).toEqual(['Wohnen', 'Mobilität']);
    await fixture.server.close();
    const store = openDocStore(fixture.dir);
    const stored = new Y.Doc();
    for (const u of store.load('workspace').updates) {
      Y.applyUpdate(stored, u);
    }
    await store.close();
    expect(listGroups(stored).map((group) => group.id)).toEqual(['wohnen', 'mobilitaet']);
  });
});
