/**
 * Issue 8, "Scale-out: accounts for the whole cluster": two sync-server instances as real
 * processes on real PostgreSQL and Redis, accounts managed with the real admin command against
 * PostgreSQL. An account signs in on both instances; disabling it or removing a membership
 * closes its connections on the other instance within 2 s; sign-in limits hit on one instance
 * hold on the other; a cluster backup restored into an empty database keeps documents and
 * accounts; the per-account quota survives a restart on PostgreSQL.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/log.js';
import { AuthPath } from '../../shared/sync/auth-api.js';
import { CloseCode } from '../../shared/sync/protocol.js';
import { hashPassword } from '../../sync-server/auth/password.js';
import { openPgAuthStore } from '../../sync-server/extensions/scale-out/pg-auth-store.js';
import { openPgDocStore } from '../../sync-server/extensions/scale-out/pg-store.js';
import { createSyncServer } from '../../sync-server/server.js';
import { closedWith, connectClient, waitFor, type TestClient } from '../../sync-server/test-support.js';
import { acquireServices, removeDir, startInstance, type Instance, type Services } from './scale-support.js';

const ROOT = join(import.meta.dirname, '..', '..');
const services = await acquireServices();
if (!services.ok) {
  process.stderr.write(`\nscale-accounts tests SKIPPED: ${services.reason}\n`);
}
const ready = services as Extract<Services, { ok: true }>;

const cleanups: (() => void | Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

/** `npm run admin -- --postgres <url> …` as its own process. */
function admin(postgresUrl: string, args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'sync-server', 'admin', 'cli.ts'), '--postgres', postgresUrl, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

async function adminOk(postgresUrl: string, args: readonly string[]): Promise<string> {
  const result = await admin(postgresUrl, args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

/** Client addresses of this run (forwarded by a trusted proxy): Redis outlives runs, its counters must not collide. */
const RUN = `${Math.floor(Math.random() * 200) + 20}.${Math.floor(Math.random() * 250)}`;
const addr = (n: string): string => `10.${RUN}.${n}`;
const httpOf = (wsUrl: string): string => wsUrl.replace(/^ws/, 'http');

/** POST /auth/login on an instance from the (forwarded) address `address`. */
async function signIn(instance: Instance, login: string, password: string, address: string): Promise<{ status: number; token?: string }> {
  const response = await fetch(`${httpOf(instance.url)}${AuthPath.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ login, password }),
  });
  const body = (await response.json()) as { token?: string };
  return { status: response.status, ...(body.token === undefined ? {} : { token: body.token }) };
}

function client(url: string, doc: string, token: string): TestClient {
  const c = connectClient(url, doc, { v: '1', token });
  cleanups.push(() => c.destroy());
  return c;
}

async function newDatabase(): Promise<string> {
  const name = `fokuswerk_restore_${process.pid}_${Date.now()}`;
  const adminClient = new pg.Client({ connectionString: ready.postgresUrl });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE ${name}`);
  await adminClient.end();
  const url = new URL(ready.postgresUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

describe.skipIf(!services.ok)('scale-out: accounts of the whole cluster in PostgreSQL (real processes)', () => {
  const dirs: string[] = [];
  let a: Instance;
  let b: Instance;
  const extraDbs: string[] = [];

  beforeAll(async () => {
    const url = ready.postgresUrl;
    await adminOk(url, ['create-group', 'ag-a', '--name', 'AG A']);
    await adminOk(url, ['create-user', 'alice', '--name', 'Alice Anders', '--role', 'member', '--password', 'alice-sicheres-passwort']);
    await adminOk(url, ['create-user', 'bob', '--name', 'Bob Berg', '--role', 'member', '--password', 'bob-sicheres-passwort']);
    await adminOk(url, ['add-member', 'ag-a', 'alice', '--lead']);
    await adminOk(url, ['add-member', 'ag-a', 'bob']);
    const dirA = mkdtempSync(join(tmpdir(), 'fokuswerk-cluster-a-'));
    const dirB = mkdtempSync(join(tmpdir(), 'fokuswerk-cluster-b-'));
    dirs.push(dirA, dirB);
    [a, b] = await Promise.all([startInstance(dirA, ready, ['--auth', '--trust-proxy']), startInstance(dirB, ready, ['--auth', '--trust-proxy'])]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    for (const dir of dirs) {
      removeDir(dir);
    }
    if (extraDbs.length > 0) {
      const adminClient = new pg.Client({ connectionString: ready.postgresUrl });
      await adminClient.connect();
      for (const db of extraDbs) {
        await adminClient.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      }
      await adminClient.end();
    }
    await ready.release();
  });

  it('an account created with the admin command on PostgreSQL signs in on both instances; tokens work on either', async () => {
    const onA = await signIn(a, 'alice', 'alice-sicheres-passwort', addr('11'));
    const onB = await signIn(b, 'alice', 'alice-sicheres-passwort', addr('12'));
    expect(onA.status).toBe(200);
    expect(onB.status).toBe(200);
    // One signing key for the cluster: A's token opens a document on B.
    const c = client(b.url, 'group/ag-a/index', onA.token!);
    await c.synced;
    // Created while both run: signs in at once, without a restart.
    await adminOk(ready.postgresUrl, ['create-user', 'carl', '--name', 'Carl Clausen', '--role', 'member', '--password', 'carl-sicheres-passwort']);
    expect((await signIn(b, 'carl', 'carl-sicheres-passwort', addr('13'))).status).toBe(200);
  });

  it('removing a membership or disabling an account with the admin command closes the connections on the other instance within 2 s', { timeout: 60_000 }, async () => {
    const { token } = await signIn(a, 'bob', 'bob-sicheres-passwort', addr('21'));
    const inGroup = client(b.url, 'group/ag-a/index', token!);
    await inGroup.synced;
    const workspace = client(b.url, 'workspace', token!);
    await workspace.synced;

    // Timed from the admin process's exit (its change is committed by then), not from its slow start.
    const removedClosed = closedWith(inGroup);
    await adminOk(ready.postgresUrl, ['remove-member', 'ag-a', 'bob']);
    const removedAt = performance.now();
    const removed = await removedClosed;
    expect(performance.now() - removedAt).toBeLessThan(2_000);
    expect(removed.code).toBe(CloseCode.Forbidden);
    // The workspace connection stays: bob may still read it.
    expect(workspace.provider.wsconnected).toBe(true);

    const disabledClosed = closedWith(workspace);
    await adminOk(ready.postgresUrl, ['disable-user', 'bob']);
    const disabledAt = performance.now();
    const disabled = await disabledClosed;
    expect(performance.now() - disabledAt).toBeLessThan(2_000);
    expect(disabled.code).toBe(CloseCode.Unauthorized);
    // And neither instance lets bob sign in again.
    expect((await signIn(a, 'bob', 'bob-sicheres-passwort', addr('22'))).status).toBe(401);
    expect((await signIn(b, 'bob', 'bob-sicheres-passwort', addr('23'))).status).toBe(401);
  });

  it('the notice of a change reaches the other instance within 2 s of the commit (timed without the admin process)', async () => {
    const { token } = await signIn(a, 'carl', 'carl-sicheres-passwort', addr('31'));
    const c = client(b.url, 'workspace', token!);
    await c.synced;
    const closed = closedWith(c);
    const store = openPgAuthStore(ready.postgresUrl);
    cleanups.push(() => store.close());
    const at = performance.now();
    store.setDisabled('carl', true);
    await closed;
    const elapsed = performance.now() - at;
    process.stderr.write(`account change → connection closed on the other instance: ${Math.round(elapsed)} ms\n`);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('sign-in limits count across the instances: failures on A refuse on B, per login and per address', async () => {
    // Per login and address: 5 attempts, spread over both instances.
    for (let i = 0; i < 5; i++) {
      expect((await signIn(i % 2 === 0 ? a : b, 'alice', 'falsch', addr('41'))).status).toBe(401);
    }
    expect((await signIn(b, 'alice', 'falsch', addr('41'))).status).toBe(429);
    expect((await signIn(a, 'alice', 'alice-sicheres-passwort', addr('41'))).status).toBe(429);
    // Another address is not affected.
    expect((await signIn(b, 'alice', 'alice-sicheres-passwort', addr('42'))).status).toBe(200);

    // Per address across logins (spraying): 20 attempts for 20 logins on A, the next one on B is refused.
    for (let i = 0; i < 20; i++) {
      expect((await signIn(a, `spray-${i}`, 'Sommer2026!', addr('43'))).status).toBe(401);
    }
    expect((await signIn(b, 'spray-20', 'Sommer2026!', addr('43'))).status).toBe(429);
  }, 60_000);

  it('a cluster backup restored into an empty database keeps documents and accounts; sign-in works after', async () => {
    const { token } = await signIn(a, 'alice', 'alice-sicheres-passwort', addr('51'));
    const doc = 'group/ag-a/proposal/p-backup';
    const writer = client(a.url, doc, token!);
    await writer.synced;
    writer.doc.getText('body').insert(0, 'Bedarfsplanung Pflege 2027');
    const docs = openPgDocStore({ url: ready.postgresUrl });
    cleanups.push(() => docs.close());
    await waitFor(() => docs.load(doc).updates.length > 0, 'the edit stored in PostgreSQL', 5_000);

    const backupDir = mkdtempSync(join(tmpdir(), 'fokuswerk-cluster-backup-'));
    dirs.push(backupDir);
    const file = join(backupDir, 'cluster.sqlite');
    expect(await adminOk(ready.postgresUrl, ['backup', file])).toMatch(/Cluster-Sicherung geschrieben/);

    const fresh = await newDatabase();
    extraDbs.push(new URL(fresh).pathname.slice(1));
    expect(await adminOk(fresh, ['restore', file])).toMatch(/Cluster wiederhergestellt/);
    // Restoring again into the now filled cluster is refused.
    const twice = await admin(fresh, ['restore', file]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/leere PostgreSQL-Datenbank/);

    const dirC = mkdtempSync(join(tmpdir(), 'fokuswerk-cluster-c-'));
    dirs.push(dirC);
    const c = await startInstance(dirC, { postgresUrl: fresh, redisUrl: ready.redisUrl }, ['--auth', '--trust-proxy']);
    cleanups.push(() => c.stop());
    const restored = await signIn(c, 'alice', 'alice-sicheres-passwort', addr('52'));
    expect(restored.status).toBe(200);
    const reader = client(c.url, doc, restored.token!);
    await reader.synced;
    expect(reader.doc.getText('body').toString()).toBe('Bedarfsplanung Pflege 2027');
    // Memberships came along: a group the account is not in stays closed.
    const listed = JSON.parse(await adminOk(fresh, ['list'])) as { accounts: { login: string; disabled: boolean; groups: { id: string }[] }[] };
    expect(listed.accounts.find((x) => x.login === 'alice')?.groups.map((g) => g.id)).toEqual(['ag-a']);
    expect(listed.accounts.find((x) => x.login === 'bob')?.disabled).toBe(true);
  }, 120_000);

  it('the per-account quota is kept in PostgreSQL across a restart', { timeout: 60_000 }, async () => {
    const start = async (): Promise<{ url: string; close(): Promise<void>; token: string }> => {
      const accounts = openPgAuthStore(ready.postgresUrl);
      const dataDir = mkdtempSync(join(tmpdir(), 'fokuswerk-cluster-quota-'));
      dirs.push(dataDir);
      const server = createSyncServer({
        dataDir,
        auth: true,
        accounts: { store: accounts, key: accounts.tokenKey() },
        docStore: openPgDocStore({ url: ready.postgresUrl }),
        quotas: { maxDocumentsPerAccount: 2 },
        logger: createLogger(() => undefined),
      });
      const { url } = await server.listen(0, '127.0.0.1');
      if (accounts.accountByLogin('dora') === null) {
        accounts.createAccount({ login: 'dora', name: 'Dora', role: 'member', passwordHash: await hashPassword('dora-sicheres-passwort') });
        accounts.addMember('ag-a', 'dora', false);
      }
      const token = server.auth!.service.issueToken(accounts.requireAccount('dora')).token;
      return {
        url,
        token,
        async close() {
          await server.close();
          accounts.close();
        },
      };
    };
    const first = await start();
    for (const doc of ['group/ag-a/proposal/q-0', 'group/ag-a/proposal/q-1']) {
      const c = client(first.url, doc, first.token);
      await c.synced;
      c.doc.getText('body').insert(0, 'Inhalt');
      const docs = openPgDocStore({ url: ready.postgresUrl });
      await waitFor(() => docs.load(doc).updates.length > 0, `${doc} stored`, 5_000);
      await docs.close();
      c.destroy();
    }
    await first.close();
    const second = await start();
    cleanups.push(() => second.close());
    const third = client(second.url, 'group/ag-a/proposal/q-2', second.token);
    await third.synced;
    const closed = closedWith(third);
    third.doc.getText('body').insert(0, 'drei');
    expect((await closed).code).toBe(CloseCode.QuotaExceeded);
  });
});
