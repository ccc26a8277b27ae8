/**
 * Scale-out: two sync-server instances as real processes on the same PostgreSQL and
 * Redis, with accounts (--auth). Clients on different instances converge, the access rules hold
 * on both, and a SIGKILL of one instance loses no acknowledged update.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as decoding from 'lib0/decoding';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, MESSAGE_STORED } from '../../shared/sync/protocol.js';
import { decodeStoredAck } from '../../shared/sync/stored.js';
import { connectClient, openRawSocket, waitFor, type TestClient } from '../../sync-server/test-support.js';
import {
  acquireServices,
  cloneDataDir,
  issueToken,
  provision,
  removeDir,
  startInstance,
  type Instance,
  type Services,
} from './scale-support.js';

const services = await acquireServices();
if (!services.ok) {
  process.stderr.write(`\nscale-out tests SKIPPED: ${services.reason}\n`);
}
const ready = services as Extract<Services, { ok: true }>;

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

function client(url: string, doc: string, params: Record<string, string>): TestClient {
  const c = connectClient(url, doc, { v: '1', ...params });
  cleanups.push(() => c.destroy());
  return c;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const text = (c: TestClient): string => c.doc.getText('body').toString();
const append = (c: TestClient, s: string): void => {
  const body = c.doc.getText('body');
  body.insert(body.length, s);
};
const newDoc = (): string => `group/ag-a/proposal/p-${Math.random().toString(36).slice(2, 10)}`;

/** Records every edit's clock and the acknowledgements, to tell which edits the server confirmed. */
function trackAcks(c: TestClient): { edit(s: string): void; acked(): string[]; all: string[] } {
  const edits: { token: string; clock: number }[] = [];
  let stored: Y.Snapshot | null = null;
  c.provider.messageHandlers[MESSAGE_STORED] = (_encoder, decoder) => {
    stored = decodeStoredAck(decoding.readVarUint8Array(decoder));
  };
  return {
    all: [],
    edit(token) {
      append(c, token);
      edits.push({ token, clock: Y.getState(c.doc.store, c.doc.clientID) });
      this.all.push(token);
    },
    acked() {
      const have = stored?.sv.get(c.doc.clientID) ?? 0;
      return edits.filter((e) => e.clock <= have).map((e) => e.token);
    },
  };
}

async function closeCode(url: string, doc: string, token?: string): Promise<number> {
  const socket = openRawSocket(`${url}/${doc}?v=1${token === undefined ? '' : `&token=${encodeURIComponent(token)}`}`);
  return (await socket.closed).code;
}

describe.skipIf(!services.ok)('scale-out: two instances on PostgreSQL and Redis (real processes)', () => {
  const dirs: string[] = [];
  const tokens: Record<string, string> = {};
  let template: string;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    template = mkdtempSync(join(tmpdir(), 'fokuswerk-scale-template-'));
    dirs.push(template);
    // Accounts of a cluster live in PostgreSQL: provisioned with `admin --postgres`, shared by both instances.
    const cluster = { postgresUrl: ready.postgresUrl };
    await provision(cluster, [
      { name: 'create-group', groupId: 'ag-a', displayName: 'AG A' },
      { name: 'create-group', groupId: 'ag-b', displayName: 'AG B' },
      { name: 'create-user', login: 'alice', displayName: 'Alice Anders', role: 'member' },
      { name: 'create-user', login: 'bob', displayName: 'Bob Berg', role: 'member' },
      { name: 'create-user', login: 'mara', displayName: 'Mara Moderation', role: 'moderation' },
      { name: 'create-user', login: 'eve', displayName: 'Eve Extern', role: 'member' },
      { name: 'add-member', groupId: 'ag-a', login: 'alice', lead: true },
      { name: 'add-member', groupId: 'ag-a', login: 'bob', lead: false },
      { name: 'add-member', groupId: 'ag-b', login: 'eve', lead: false },
    ]);
    for (const login of ['alice', 'bob', 'mara', 'eve']) {
      tokens[login] = await issueToken(cluster, login);
    }
    const dirA = cloneDataDir(template);
    const dirB = cloneDataDir(template);
    dirs.push(dirA, dirB);
    [a, b] = await Promise.all([startInstance(dirA, ready, ['--auth']), startInstance(dirB, ready, ['--auth'])]);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    dirs.forEach(removeDir);
    await ready.release();
  });

  it('clients on different instances converge, presence included', async () => {
    const doc = newDoc();
    const alice = client(a.url, doc, { token: tokens.alice! });
    const bob = client(b.url, doc, { token: tokens.bob! });
    await Promise.all([alice.synced, bob.synced]);
    for (let i = 0; i < 25; i++) {
      append(alice, `a${i} `);
      append(bob, `b${i} `);
      await sleep(4);
    }
    await waitFor(() => text(alice) === text(bob) && text(alice).length > 0, 'both documents equal', 10_000);
    for (let i = 0; i < 25; i++) {
      expect(text(alice)).toContain(`a${i} `);
      expect(text(alice)).toContain(`b${i} `);
    }
    // A latecomer on instance B gets everything, loaded from PostgreSQL and kept live through Redis.
    const late = client(b.url, doc, { token: tokens.bob! });
    await late.synced;
    await waitFor(() => text(late) === text(alice), 'the latecomer has the document', 10_000);

    alice.provider.awareness.setLocalStateField('cursor', { index: 3 });
    alice.provider.awareness.setLocalStateField('user', { name: 'Someone Else' });
    await waitFor(
      () => (bob.provider.awareness.getStates().get(alice.doc.clientID) as { cursor?: unknown } | undefined)?.cursor !== undefined,
      "alice's cursor on instance B",
      10_000,
    );
    const seen = bob.provider.awareness.getStates().get(alice.doc.clientID) as { user?: { name?: string; login?: string } };
    // The identity is stamped by instance A from the token, and instance B passes it on unchanged.
    expect(seen.user?.login).toBe('alice');
    expect(seen.user?.name).toBe('Alice Anders');

    alice.destroy();
    await waitFor(() => !bob.provider.awareness.getStates().has(alice.doc.clientID), "alice's presence gone on B", 10_000);
  });

  it('access rules hold on both instances', async () => {
    const doc = newDoc();
    for (const instance of [a, b]) {
      expect(await closeCode(instance.url, doc)).toBe(CloseCode.Unauthorized);
      expect(await closeCode(instance.url, doc, 'not-a-token')).toBe(CloseCode.Unauthorized);
      expect(await closeCode(instance.url, doc, tokens.eve)).toBe(CloseCode.Forbidden);
    }
    const alice = client(a.url, doc, { token: tokens.alice! });
    const bob = client(b.url, doc, { token: tokens.bob! });
    const maraOnA = client(a.url, doc, { token: tokens.mara! });
    const maraOnB = client(b.url, doc, { token: tokens.mara! });
    await Promise.all([alice.synced, bob.synced, maraOnA.synced, maraOnB.synced]);

    // Moderation reads on both instances, including what was written on the other one.
    append(alice, 'from-alice ');
    append(bob, 'from-bob ');
    await waitFor(
      () => [maraOnA, maraOnB].every((m) => text(m).includes('from-alice') && text(m).includes('from-bob')),
      'moderation reads both writers on both instances',
      10_000,
    );
    // ...but its edits are dropped on both: each is followed by a member's edit on the same
    // instance, which arrives on the other instance after it would have.
    append(maraOnA, 'mara-on-a ');
    append(alice, 'barrier-a ');
    append(maraOnB, 'mara-on-b ');
    append(bob, 'barrier-b ');
    await waitFor(() => text(alice).includes('barrier-b') && text(bob).includes('barrier-a'), 'both barriers', 10_000);
    for (const member of [alice, bob]) {
      expect(text(member)).not.toContain('mara-on-a');
      expect(text(member)).not.toContain('mara-on-b');
    }
    const stored = await storedText(doc);
    expect(stored).toContain('barrier-a');
    expect(stored).toContain('barrier-b');
    expect(stored).not.toContain('mara');
  });

  it('SIGKILL of one instance loses no acknowledged update', async () => {
    const doc = newDoc();
    const alice = client(a.url, doc, { token: tokens.alice!, caps: 'stored' });
    const bob = client(b.url, doc, { token: tokens.bob!, caps: 'stored' });
    await Promise.all([alice.synced, bob.synced]);
    const aliceAcks = trackAcks(alice);
    const bobAcks = trackAcks(bob);
    let i = 0;
    const typing = setInterval(() => {
      aliceAcks.edit(`[a${i}]`);
      bobAcks.edit(`[b${i}]`);
      i++;
    }, 10);
    cleanups.push(() => clearInterval(typing));
    await waitFor(() => aliceAcks.acked().length >= 20, 'instance A acknowledging edits', 10_000);
    await a.stop('SIGKILL');
    const ackedByA = aliceAcks.acked();
    await sleep(300);
    clearInterval(typing);
    await waitFor(() => bobAcks.acked().length === bobAcks.all.length, "all of bob's edits acknowledged by B", 10_000);
    expect(ackedByA.length).toBeGreaterThanOrEqual(20);

    // Durable: every acknowledged edit is in PostgreSQL...
    const stored = await storedText(doc);
    const missing = [...ackedByA, ...bobAcks.acked()].filter((token) => !stored.includes(token));
    expect(missing).toEqual([]);
    // ...and the surviving instance converges on exactly what is stored, even on edits that A
    // committed but did not live to publish (B catches up when A's heartbeat stops).
    const late = client(b.url, doc, { token: tokens.bob! });
    await late.synced;
    let latest = stored;
    const deadline = Date.now() + 10_000;
    while (text(late) !== latest) {
      if (Date.now() > deadline) {
        throw new Error(`instance B never equalled the stored document\nB: ${text(late)}\nstored: ${latest}\nB log: ${b.stderr.join('').slice(-3000)}`);
      }
      await sleep(200);
      latest = await storedText(doc);
    }
    // A restarted instance A loads them from PostgreSQL.
    const dirA2 = cloneDataDir(template);
    dirs.push(dirA2);
    a = await startInstance(dirA2, ready, ['--auth']);
    const again = client(a.url, doc, { token: tokens.alice! });
    await again.synced;
    await waitFor(() => text(again) === text(late), 'the restarted instance A has the same document', 10_000);
  });
});

/** The document as stored in PostgreSQL, read directly. */
async function storedText(doc: string): Promise<string> {
  const db = new pg.Client({ connectionString: ready.postgresUrl });
  await db.connect();
  try {
    const rows = await db.query<{ data: Buffer }>('SELECT data FROM fokuswerk_doc_updates WHERE doc = $1 ORDER BY id', [doc]);
    const ydoc = new Y.Doc();
    for (const row of rows.rows) {
      Y.applyUpdate(ydoc, new Uint8Array(row.data));
    }
    return ydoc.getText('body').toString();
  } finally {
    await db.end();
  }
}
