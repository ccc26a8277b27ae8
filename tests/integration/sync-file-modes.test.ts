import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY_FILE } from '../../sync-server/auth/token.js';
import { DATABASE_FILE } from '../../sync-server/database.js';
import { connectClient, runAdmin, startServerProcess, tempDir, waitFor } from '../../sync-server/test-support.js';

const cleanups: (() => void | Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

const modeOf = (path: string): string => (statSync(path).mode & 0o777).toString(8);

/** Issue 8, item 10: the files holding password hashes and the token key are the owner's alone. */
describe('sync data file modes', () => {
  it('creates the data directory 0700 and database, WAL, key and backups 0600, also under umask 022', async () => {
    const { dir: root, remove } = tempDir('fokuswerk-modes-');
    cleanups.push(remove);
    const dir = join(root, 'sync');
    const previous = process.umask(0o022);
    cleanups.push(() => void process.umask(previous));
    const server = await startServerProcess(['--port', '0', '--data', dir, '--auth']);
    cleanups.push(() => server.stop('SIGKILL'));
    // A write, so the WAL exists.
    const created = (await runAdmin(dir, ['create-user', 'anke', '--name', 'Anke', '--role', 'admin'])).code;
    expect(created).toBe(0);
    const issued = await runAdmin(dir, ['issue-token', 'anke']);
    const c = connectClient(server.url, 'report/2026', { token: issued.stdout.trim().split('\n').at(-1)! });
    cleanups.push(() => c.destroy());
    await c.synced;
    c.doc.getMap('meta').set('titel', 'Bericht');
    await waitFor(() => c.provider.synced, 'written');
    expect(modeOf(dir)).toBe('700');
    for (const file of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, KEY_FILE]) {
      expect(modeOf(join(dir, file)), file).toBe('600');
    }
    const backup = join(root, 'sicherung.sqlite');
    expect((await runAdmin(dir, ['backup', backup])).code).toBe(0);
    expect(modeOf(backup)).toBe('600');
  });

  it('fixes the modes of an existing, world-readable data directory on start', async () => {
    const { dir: root, remove } = tempDir('fokuswerk-modes-old-');
    cleanups.push(remove);
    const dir = join(root, 'sync');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    // An older version's database, created with the default mode.
    let first = await startServerProcess(['--port', '0', '--data', dir]);
    await first.stop();
    for (const file of [dir, join(dir, DATABASE_FILE)]) {
      chmodSync(file, file === dir ? 0o755 : 0o644);
    }
    writeFileSync(join(dir, `${DATABASE_FILE}-wal`), '');
    chmodSync(join(dir, `${DATABASE_FILE}-wal`), 0o644);
    first = await startServerProcess(['--port', '0', '--data', dir]);
    cleanups.push(() => first.stop('SIGKILL'));
    expect(modeOf(dir)).toBe('700');
    expect(modeOf(join(dir, DATABASE_FILE))).toBe('600');
    expect(modeOf(join(dir, `${DATABASE_FILE}-wal`))).toBe('600');
  });
});
