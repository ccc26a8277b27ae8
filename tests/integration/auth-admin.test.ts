import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listGroups } from '../../shared/docs/workspace.js';
import { AuthPath } from '../../shared/sync/auth-api.js';
import { CloseCode } from '../../shared/sync/protocol.js';
import { closeReasons } from '../../sync-server/close-reasons.js';
import { connectClient, runAdmin, startServerProcess, tempDir, waitFor, type TestClient } from '../../sync-server/test-support.js';

const cleanups: (() => void | Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

async function admin(dir: string, ...args: string[]): Promise<string[]> {
  const result = await runAdmin(dir, args);
  expect(result.code, `admin ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout.trimEnd().split('\n');
}

function client(url: string, doc: string, token: string): TestClient {
  const c = connectClient(url, doc, { token });
  cleanups.push(() => c.destroy());
  return c;
}

describe('admin command against a running server', () => {
  it('sets up accounts and groups, revokes on open connections, backs up while running, restores only when stopped', async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const backups = tempDir('fokuswerk-backup-');
    cleanups.push(backups.remove);
    const backupFile = join(backups.dir, 'sicherung.sqlite');

    await admin(dir, 'create-user', 'anke', '--name', 'Anke Meier', '--role', 'member', '--password', 'anke-passwort-1');
    const server = await startServerProcess(['--port', '0', '--data', dir, '--auth']);
    cleanups.push(() => server.stop('SIGKILL'));

    // While the server runs: a group, a lead, a token on the last line.
    expect(await admin(dir, 'create-group', 'wohnen', '--name', 'Wohnen')).toEqual([
      'Arbeitsgruppe angelegt / group created: wohnen (Wohnen)',
    ]);
    await admin(dir, 'add-member', 'wohnen', 'anke', '--lead');
    const token = (await admin(dir, 'issue-token', 'anke')).at(-1)!;
    expect(token).toMatch(/^v1\.[\w-]+\.[\w-]+$/);

    const workspace = client(server.url, 'workspace', token);
    await workspace.synced;
    await waitFor(() => listGroups(workspace.doc).some((group) => group.id === 'wohnen' && group.name === 'Wohnen'), 'group in the workspace');
    const index = client(server.url, 'group/wohnen/index', token);
    await index.synced;
    index.doc.getText('t').insert(0, 'vor der Sicherung;');
    await waitFor(() => index.provider.synced, 'synced');
    const check = client(server.url, 'group/wohnen/index', token);
    await waitFor(() => check.doc.getText('t').toString() === 'vor der Sicherung;', 'edit on the server');

    // Backup while the server runs and writes.
    const writing = setInterval(() => index.doc.getText('t').insert(0, '.'), 5);
    const backup = await admin(dir, 'backup', backupFile);
    clearInterval(writing);
    expect(backup.at(-1)).toMatch(/^Sicherung geschrieben \/ backup written: .*sicherung\.sqlite \(\d+ Dokumente, 1 Konten, 1 Gruppen\)$/);
    expect(existsSync(backupFile)).toBe(true);

    const refused = await runAdmin(dir, ['restore', backupFile]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Der Sync-Server läuft noch');
    expect(refused.stderr).toContain('stop it first');

    // Revocation through the admin command reaches the open connection.
    const closed = new Promise<{ code: number; reason: string }>((resolve) => index.provider.once('closed', resolve));
    await admin(dir, 'remove-member', 'wohnen', 'anke');
    expect(await closed).toEqual({ code: CloseCode.Forbidden, reason: closeReasons.accessRevoked });
    const wsClosed = new Promise<{ code: number; reason: string }>((resolve) => workspace.provider.once('closed', resolve));
    await admin(dir, 'disable-user', 'anke');
    expect(await wsClosed).toEqual({ code: CloseCode.Unauthorized, reason: closeReasons.accountDisabled });

    expect(await server.stop('SIGTERM')).toBe(0);
    const restored = await admin(dir, 'restore', backupFile);
    expect(restored.at(-1)).toMatch(/^Wiederhergestellt \/ restored: \d+ Dokumente, 1 Konten, 1 Gruppen$/);
    expect(restored[0]).toMatch(/previous database kept: .*before-restore/);

    // Without a flag the server refuses a database with accounts; with --auth, the backup's state is back.
    await expect(startServerProcess(['--port', '0', '--data', dir])).rejects.toThrow(/exited with 2[\s\S]*start with --auth/);
    const again = await startServerProcess(['--port', '0', '--data', dir, '--auth']);
    cleanups.push(() => again.stop('SIGKILL'));
    const reader = client(again.url, 'group/wohnen/index', token);
    await reader.synced;
    expect(reader.doc.getText('t').toString()).toContain('vor der Sicherung;');
    expect(await again.stop('SIGTERM')).toBe(0);
  }, 120_000); // starts about ten admin processes and three servers, one after the other

  it('explains bad input with exit codes 1 and 2', async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const usage = await runAdmin(dir, ['create-user', 'x']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('missing argument --name');
    const unknown = await runAdmin(dir, ['add-member', 'wohnen', 'niemand']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unbekannte Arbeitsgruppe „wohnen“ / unknown group');
    const weak = await runAdmin(dir, ['create-user', 'bea', '--name', 'Bea', '--role', 'member', '--password', 'kurz']);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('mindestens 10 Zeichen');
    const invite = await runAdmin(dir, ['create-user', 'bea', '--name', 'Bea', '--role', 'stabsstelle']);
    expect(invite.code).toBe(0);
    const code = (await admin(dir, 'invite', 'bea', '--base-url', 'https://fokuswerk.example/')).at(-1)!;
    expect(code).toMatch(/^[\w-]{32}$/);
  });

  it('takes a password from standard input with --password -, so it stays out of the process list', async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const created = await runAdmin(dir, ['create-user', 'ole', '--name', 'Ole Jensen', '--role', 'member', '--password', '-'], 'ole-passwort-12\n');
    expect(created.code).toBe(0);
    const changed = await runAdmin(dir, ['set-password', 'ole', '--password', '-'], 'ole-passwort-neu\nzweite Zeile wird ignoriert\n');
    expect(changed.code).toBe(0);
    const empty = await runAdmin(dir, ['set-password', 'ole', '--password', '-'], '');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('no password on standard input');

    const server = await startServerProcess(['--port', '0', '--data', dir, '--auth']);
    cleanups.push(() => server.stop('SIGKILL'));
    const login = (password: string): Promise<Response> =>
      fetch(`${server.url.replace(/^ws/, 'http')}${AuthPath.login}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'ole', password }),
      });
    expect((await login('ole-passwort-12')).status).toBe(401);
    expect((await login('ole-passwort-neu')).status).toBe(200);
  });
});
