/**
 * Issue 8 in a cluster: two sync-server instances as real processes on real PostgreSQL and Redis
 * (`--postgres --redis --auth --trust-proxy`), attacked over real sockets. A client id bound to
 * an account on one instance cannot be squatted through the other; guessing invitation codes is
 * limited across the instances, not per process.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as decoding from 'lib0/decoding';
import pg from 'pg';
import * as encoding from 'lib0/encoding';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AuthPath } from '../../shared/sync/auth-api.js';
import { CloseCode, MESSAGE_STORED } from '../../shared/sync/protocol.js';
import { decodeStoredAck, snapshotCovers } from '../../shared/sync/stored.js';
import { runAdminCommand } from '../../sync-server/admin/commands.js';
import { INVITATION_BURST } from '../../sync-server/auth/sign-in-limits.js';
import { encodeSyncUpdate, parseClientFrame } from '../../sync-server/frames.js';
import { connectClient, openRawSocket, waitFor, type RawSocket, type TestClient } from '../../sync-server/test-support.js';
import { QUERY_AWARENESS } from './hostile-support.js';
import { acquireServices, issueToken, provision, removeDir, startInstance, type Instance, type Services } from './scale-support.js';

const services = await acquireServices();
if (!services.ok) {
  process.stderr.write(`\nscale-hostile tests SKIPPED: ${services.reason}\n`);
}
const ready = services as Extract<Services, { ok: true }>;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

const GROUP = 'ag-wohnen';
const DOC = `group/${GROUP}/proposal/p-1`;
/** Client addresses of this run (forwarded by a trusted proxy): Redis outlives runs, its counters must not collide. */
const RUN = `${Math.floor(Math.random() * 200) + 20}.${Math.floor(Math.random() * 250)}`;
const addr = (n: number): string => `10.${RUN}.${n}`;
const httpOf = (wsUrl: string): string => wsUrl.replace(/^ws/, 'http');

interface Victim extends TestClient {
  acks: Uint8Array[];
}

function victimClient(url: string, token: string, doc = DOC): Victim {
  const c = connectClient(url, doc, { token, caps: 'stored' });
  const acks: Uint8Array[] = [];
  c.provider.messageHandlers[MESSAGE_STORED] = (_encoder, decoder) => {
    acks.push(decoding.readVarUint8Array(decoder));
  };
  cleanups.push(() => c.destroy());
  return Object.assign(c, { acks });
}

/** True once the last stored acknowledgement covers everything in the client's document. */
function storedCoversLocal(c: Victim): boolean {
  const last = c.acks.at(-1);
  return last !== undefined && snapshotCovers(decodeStoredAck(last), Y.snapshot(c.doc));
}

async function attackerSocket(url: string, token: string): Promise<RawSocket> {
  const socket = openRawSocket(`${url}/${DOC}?token=${encodeURIComponent(token)}`);
  cleanups.push(() => socket.ws.terminate());
  await socket.opened;
  return socket;
}

/** The server's state vector from the sync step 1 it sends on connect. */
async function serverStateVector(socket: RawSocket): Promise<Map<number, number>> {
  await waitFor(() => socket.frames.length > 0, 'server sync step 1');
  const parsed = parseClientFrame(socket.frames[0] as Uint8Array); // same framing both ways
  if (!parsed.ok || parsed.message.type !== 'sync-step1') {
    throw new Error('expected sync step 1');
  }
  return Y.decodeStateVector(parsed.message.stateVector);
}

/** One GC struct under `client` from `clock` covering `length` clocks, as a sync update frame. */
function gcUpdate(client: number, clock: number, length: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // one client
  encoding.writeVarUint(e, 1); // one struct
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  encoding.writeUint8(e, 0); // GC
  encoding.writeVarUint(e, length);
  encoding.writeVarUint(e, 0); // empty delete set
  return encodeSyncUpdate(encoding.toUint8Array(e));
}

/** A new invitation code for `login`, made with the admin command's own code on PostgreSQL (its last line). */
async function inviteCode(login: string): Promise<string> {
  let last = '';
  await runAdminCommand({ postgresUrl: ready.postgresUrl }, { name: 'invite', login, ttlHours: 1 }, (line) => {
    last = line;
  });
  return last;
}

async function redeem(instance: Instance, code: string, address: string): Promise<number> {
  const response = await fetch(`${httpOf(instance.url)}${AuthPath.invitation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ code, password: 'einladung-sicheres-passwort' }),
  });
  await response.arrayBuffer();
  return response.status;
}

/** A new empty database on the test's PostgreSQL server (dropped with the server's data after the run). */
async function newDatabase(): Promise<string> {
  const name = `fokuswerk_restore_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ready.postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  restoredDatabases.push(name);
  const url = new URL(ready.postgresUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
const restoredDatabases: string[] = [];

describe.skipIf(!services.ok)('hostile clients against a cluster of two instances (real processes)', () => {
  const dirs: string[] = [];
  const tokens: Record<string, string> = {};
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    const cluster = { postgresUrl: ready.postgresUrl };
    await provision(cluster, [
      { name: 'create-group', groupId: GROUP, displayName: 'Wohnen' },
      { name: 'create-user', login: 'anke', displayName: 'Anke', role: 'member' },
      { name: 'create-user', login: 'mallory', displayName: 'Mallory', role: 'member' },
      { name: 'create-user', login: 'neu', displayName: 'Neu', role: 'member' },
      { name: 'add-member', groupId: GROUP, login: 'anke', lead: false },
      { name: 'add-member', groupId: GROUP, login: 'mallory', lead: false },
    ]);
    for (const login of ['anke', 'mallory']) {
      tokens[login] = await issueToken(cluster, login);
    }
    const dirA = mkdtempSync(join(tmpdir(), 'fokuswerk-hostile-a-'));
    const dirB = mkdtempSync(join(tmpdir(), 'fokuswerk-hostile-b-'));
    dirs.push(dirA, dirB);
    [a, b] = await Promise.all([startInstance(dirA, ready, ['--auth', '--trust-proxy']), startInstance(dirB, ready, ['--auth', '--trust-proxy'])]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    dirs.forEach(removeDir);
    if (restoredDatabases.length > 0) {
      const admin = new pg.Client({ connectionString: ready.postgresUrl });
      await admin.connect();
      for (const name of restoredDatabases) {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
      await admin.end();
    }
    await ready?.release?.();
  });

  it('a client id bound to an account on instance A cannot be squatted through instance B; the victim’s offline edits are stored and acknowledged', { timeout: 60_000 }, async () => {
    // Anke writes through A, is acknowledged, goes offline and keeps writing.
    const anke = victimClient(a.url, tokens.anke!);
    await anke.synced;
    anke.doc.getText('t').insert(0, 'Vorher. ');
    await waitFor(() => storedCoversLocal(anke), 'first edit acknowledged');
    anke.provider.disconnect();
    anke.doc.getText('t').insert(8, 'Offline geschrieben. ');

    // Mallory connects to B (another process, its own memory), reads Anke's client id and clock
    // from B's state vector and claims the following clocks.
    const mallory = await attackerSocket(b.url, tokens.mallory!);
    const sv = await serverStateVector(mallory);
    const clock = sv.get(anke.doc.clientID);
    expect(clock).toBeGreaterThan(0);
    mallory.ws.send(gcUpdate(anke.doc.clientID, clock as number, 200));
    expect((await mallory.closed).code).toBe(CloseCode.ClientIdTaken);

    // Mallory binds a fresh client id on B first; Anke cannot write under it through A either
    // (whether or not A has received B's commit yet: the binding is in PostgreSQL before B applies).
    const squatter = await attackerSocket(b.url, tokens.mallory!);
    await serverStateVector(squatter);
    const mallorysId = 4_000_000_001; // above 2^31: the column must hold every Yjs client id
    const greeted = squatter.frames.length;
    squatter.ws.send(gcUpdate(mallorysId, 0, 3));
    squatter.ws.send(QUERY_AWARENESS);
    await waitFor(() => squatter.frames.length > greeted, 'B handled the squatter’s update');
    const onA = await attackerSocket(a.url, tokens.anke!);
    await serverStateVector(onA);
    onA.ws.send(gcUpdate(mallorysId, 0, 5));
    expect((await onA.closed).code).toBe(CloseCode.ClientIdTaken);
    expect(squatter.ws.readyState).toBe(squatter.ws.OPEN);

    // Anke comes back and lands on B (as behind a load balancer): her offline edit reaches the
    // cluster and is acknowledged; her copy keeps it.
    anke.provider.serverUrl = b.url;
    anke.provider.connect();
    await waitFor(() => storedCoversLocal(anke) && anke.doc.getText('t').toString() === 'Vorher. Offline geschrieben. ', 'offline edit acknowledged on B', 10_000);
    const reader = victimClient(a.url, tokens.anke!);
    await waitFor(() => reader.doc.getText('t').toString() === 'Vorher. Offline geschrieben. ', 'A serves the edit', 10_000);
  });

  it(`invitation codes: ${INVITATION_BURST} wrong guesses spread over both instances use up the address’s attempts on both`, { timeout: 60_000 }, async () => {
    for (let i = 0; i < INVITATION_BURST; i++) {
      expect(await redeem(i % 2 === 0 ? a : b, `falsch-${i}-0000`, addr(1))).toBe(400);
    }
    expect(await redeem(b, 'falsch-x-0000', addr(1))).toBe(429);
    expect(await redeem(a, 'falsch-y-0000', addr(1))).toBe(429);
    // Another address is not affected, and a real code still works there.
    const code = (await inviteCode('neu')).trim();
    expect(code).not.toBe('');
    expect(await redeem(b, code, addr(2))).toBe(200);
  });

  it('a cluster backup keeps the client-id bindings: after a restore into an empty database nobody can squat them', { timeout: 120_000 }, async () => {
    const doc = `group/${GROUP}/proposal/p-2`;
    const anke = victimClient(a.url, tokens.anke!, doc);
    await anke.synced;
    anke.doc.getText('t').insert(0, 'Gesichert.');
    await waitFor(() => storedCoversLocal(anke), 'stored');
    const ankeId = anke.doc.clientID;
    anke.destroy();

    const file = join(mkdtempSync(join(tmpdir(), 'fokuswerk-hostile-backup-')), 'cluster.sqlite');
    dirs.push(dirname(file));
    await runAdminCommand({ postgresUrl: ready.postgresUrl }, { name: 'backup', file, force: false }, () => {});
    const restoredUrl = await newDatabase();
    await runAdminCommand({ postgresUrl: restoredUrl }, { name: 'restore', file }, () => {});
    const dirC = mkdtempSync(join(tmpdir(), 'fokuswerk-hostile-c-'));
    dirs.push(dirC);
    const c = await startInstance(dirC, { postgresUrl: restoredUrl, redisUrl: ready.redisUrl }, ['--auth']);
    cleanups.push(() => c.stop());

    // The restored cluster signs with a key of its own: tokens from there.
    const restored = { postgresUrl: restoredUrl };
    const reader = connectClient(c.url, doc, { token: await issueToken(restored, 'anke') });
    cleanups.push(() => reader.destroy());
    await waitFor(() => reader.doc.getText('t').toString() === 'Gesichert.', 'restored document');
    const socket = openRawSocket(`${c.url}/${doc}?token=${encodeURIComponent(await issueToken(restored, 'mallory'))}`);
    cleanups.push(() => socket.ws.terminate());
    await socket.opened;
    await waitFor(() => socket.frames.length > 0, 'greeting');
    socket.ws.send(gcUpdate(ankeId, 0, 50));
    expect((await socket.closed).code).toBe(CloseCode.ClientIdTaken);
  });
});
