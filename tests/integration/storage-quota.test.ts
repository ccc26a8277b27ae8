import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createLogger } from '../../shared/log.js';
import { CloseCode } from '../../shared/sync/protocol.js';
import { hashPassword } from '../../sync-server/auth/password.js';
import type { QuotaLimits } from '../../sync-server/quota/storage-quota.js';
import { createSyncServer, type SyncServer } from '../../sync-server/server.js';
import { closedWith, connectClient, tempDir, type TestClient } from '../../sync-server/test-support.js';

const cleanups: (() => void | Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

interface Fixture {
  server: SyncServer;
  url: string;
  token(login: string): string;
  dir: string;
}

/** A real server (real socket, real SQLite file) with accounts anke and bernd in group wohnen and the given quotas. */
async function start(quotas: Partial<QuotaLimits>, dir = tempDir('fokuswerk-quota-').dir): Promise<Fixture> {
  const server = createSyncServer({ dataDir: dir, auth: true, quotas, logger: createLogger(() => undefined) });
  const auth = server.auth!;
  if (auth.store.accountByLogin('anke') === null) {
    auth.store.createGroup('wohnen', 'Wohnen');
    auth.store.createGroup('pflege', 'Pflege');
    for (const login of ['anke', 'bernd']) {
      auth.store.createAccount({ login, name: login, role: 'member', passwordHash: await hashPassword(`${login}-passwort`) });
      auth.store.addMember('wohnen', login, false);
      auth.store.addMember('pflege', login, false);
    }
  }
  const { url } = await server.listen(0);
  cleanups.push(() => server.close());
  return { server, url, dir, token: (login) => auth.service.issueToken(auth.store.requireAccount(login)).token };
}

function client(fixture: Fixture, doc: string, login: string): TestClient {
  const c = connectClient(fixture.url, doc, { token: fixture.token(login) });
  cleanups.push(() => c.destroy());
  return c;
}

/** The stored text of `doc` as the server has it. */
async function storedText(server: SyncServer, doc: string): Promise<string> {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, await server.getDocState(doc));
  return copy.getText('body').toString();
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Writes `text` into `doc` as `login` and waits until the server stored it. */
async function write(fixture: Fixture, doc: string, login: string, text: string): Promise<TestClient> {
  const c = client(fixture, doc, login);
  await c.synced;
  c.doc.getText('body').insert(c.doc.getText('body').length, text);
  const expected = c.doc.getText('body').toString();
  await until(async () => (await storedText(fixture.server, doc)) === expected, `${doc} stored`);
  return c;
}

/** Issue 8, item 8: storage quotas, attacked by members over real sockets. */
describe('storage quotas', () => {
  it('refuses a member’s document beyond the group’s document quota and keeps everything stored before', async () => {
    const fixture = await start({ maxDocumentsPerGroup: 4 });
    for (let i = 0; i < 4; i++) {
      await write(fixture, `group/wohnen/proposal/p-${i}`, i % 2 === 0 ? 'anke' : 'bernd', `Vorschlag ${i}`);
    }
    const attacker = client(fixture, 'group/wohnen/proposal/p-4', 'anke');
    await attacker.synced;
    const closed = closedWith(attacker);
    attacker.doc.getText('body').insert(0, 'einer zu viel');
    const refusal = await closed;
    expect(refusal.code).toBe(CloseCode.QuotaExceeded);
    expect(refusal.reason).toMatch(/^Speicherkontingent der Gruppe erschöpft: höchstens 4 Dokumente/);
    expect(await storedText(fixture.server, 'group/wohnen/proposal/p-4')).toBe('');
    for (let i = 0; i < 4; i++) {
      expect(await storedText(fixture.server, `group/wohnen/proposal/p-${i}`)).toBe(`Vorschlag ${i}`);
    }
    // Existing documents stay editable, and other groups have their own quota.
    await write(fixture, 'group/wohnen/proposal/p-1', 'anke', ', ergänzt');
    await write(fixture, 'group/pflege/proposal/p-0', 'bernd', 'Pflege');
  });

  it('refuses growth beyond the group’s bytes, also after a restart, and keeps what was stored', async () => {
    const quotas = { maxBytesPerGroup: 64 * 1024 };
    const fixture = await start(quotas);
    const chunk = 'x'.repeat(10 * 1024);
    const writer = await write(fixture, 'group/wohnen/proposal/gross', 'bernd', chunk);
    const closed = closedWith(writer);
    for (let i = 0; i < 10 && writer.provider.wsconnected; i++) {
      writer.doc.getText('body').insert(writer.doc.getText('body').length, chunk);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const refusal = await closed;
    expect(refusal.code).toBe(CloseCode.QuotaExceeded);
    expect(refusal.reason).toMatch(/^Speicherkontingent der Gruppe erschöpft: höchstens 65\.536 Bytes/);
    const stored = await storedText(fixture.server, 'group/wohnen/proposal/gross');
    expect(stored.length).toBeGreaterThanOrEqual(chunk.length);
    expect(stored.length).toBeLessThan(64 * 1024);
    expect(stored).toBe(chunk.repeat(stored.length / chunk.length));

    // After a restart the group is counted from the database: still full, nothing lost.
    await fixture.server.close();
    const again = await start(quotas, fixture.dir);
    expect(await storedText(again.server, 'group/wohnen/proposal/gross')).toBe(stored);
    const other = client(again, 'group/wohnen/proposal/neu', 'anke');
    await other.synced;
    const refused = closedWith(other);
    other.doc.getText('body').insert(0, chunk.repeat(4));
    expect((await refused).code).toBe(CloseCode.QuotaExceeded);
  });

  it('limits the documents one account creates, across groups, without stopping the others', async () => {
    const fixture = await start({ maxDocumentsPerAccount: 3 });
    await write(fixture, 'group/wohnen/proposal/a-0', 'anke', 'eins');
    await write(fixture, 'group/wohnen/proposal/a-1', 'anke', 'zwei');
    await write(fixture, 'group/pflege/proposal/a-2', 'anke', 'drei');
    const fourth = client(fixture, 'group/pflege/proposal/a-3', 'anke');
    await fourth.synced;
    const closed = closedWith(fourth);
    fourth.doc.getText('body').insert(0, 'vier');
    const refusal = await closed;
    expect(refusal.code).toBe(CloseCode.QuotaExceeded);
    expect(refusal.reason).toMatch(/^Speicherkontingent des Kontos erschöpft/);
    // Editing existing documents and a colleague's new ones still work.
    await write(fixture, 'group/wohnen/proposal/a-0', 'anke', ' und mehr');
    await write(fixture, 'group/pflege/proposal/a-3', 'bernd', 'von Bernd');
  });

  it('keeps counting an account’s documents after a restart (the usage is stored, not only in memory)', async () => {
    const quotas = { maxDocumentsPerAccount: 2 };
    const first = await start(quotas);
    await write(first, 'group/wohnen/proposal/r-0', 'anke', 'eins');
    await write(first, 'group/pflege/proposal/r-1', 'anke', 'zwei');
    await first.server.close();
    // A restart must not hand out a fresh quota.
    const again = await start(quotas, first.dir);
    const third = client(again, 'group/wohnen/proposal/r-2', 'anke');
    await third.synced;
    const closed = closedWith(third);
    third.doc.getText('body').insert(0, 'drei');
    const refusal = await closed;
    expect(refusal.code).toBe(CloseCode.QuotaExceeded);
    expect(refusal.reason).toMatch(/^Speicherkontingent des Kontos erschöpft/);
    await write(again, 'group/wohnen/proposal/r-0', 'anke', ' und mehr');
  });
});
