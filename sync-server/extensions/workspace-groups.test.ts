import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listGroups, putGroup } from '../../shared/docs/workspace.js';
import { createSyncServer, type SyncServer } from '../server.js';
import { memoryLogger, tempDir, waitFor } from '../test-support.js';
import { useFixture } from './test-fixture.js';
import { putWorkspaceGroups, workspaceNeedsGroups } from './workspace-groups.js';

const fixture = useFixture();

async function groupsIn(server: SyncServer): Promise<{ id: string; name: string; description: string }[]> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await server.getDocState('workspace'));
  return listGroups(doc).map(({ id, name, description }) => ({ id, name, description }));
}

describe('workspace groups: the document side', () => {
  it('adds missing groups at the end and renames in place, keeping descriptions and groups the database lacks', () => {
    const doc = new Y.Doc();
    putGroup(doc, { id: 'demo', name: 'Demo', description: 'aus der Demo', order: 1 });
    putGroup(doc, { id: 'wohnen', name: 'Wohen', description: 'Tippfehler im Namen', order: 2 });
    const database = [
      { id: 'wohnen', name: 'Wohnen' },
      { id: 'armut', name: 'Armut' },
    ];
    expect(workspaceNeedsGroups(doc, database)).toBe(true);
    putWorkspaceGroups(doc, database);
    expect(listGroups(doc)).toEqual([
      { id: 'demo', name: 'Demo', description: 'aus der Demo', order: 1 },
      { id: 'wohnen', name: 'Wohnen', description: 'Tippfehler im Namen', order: 2 },
      { id: 'armut', name: 'Armut', description: '', order: 3 },
    ]);
    expect(workspaceNeedsGroups(doc, database)).toBe(false);
  });
});

describe('workspace groups extension (real server)', () => {
  it('lists the groups only once the server serves, so an embedder can still seed an empty database', async () => {
    const { dir, remove } = tempDir('fokuswerk-ext-');
    fixture.later(remove);
    const server = createSyncServer({ dataDir: dir, logger: memoryLogger().logger, auth: true });
    fixture.later(() => server.close());
    server.auth?.store.createGroup('wohnen', 'Wohnen');
    const seed = new Y.Doc();
    putGroup(seed, { id: 'demo', name: 'Demo', description: '', order: 1 });
    expect(await server.seedIfEmpty({ workspace: Y.encodeStateAsUpdate(seed) })).toBe(true);
    expect((await groupsIn(server)).map((group) => group.id)).toEqual(['demo']);
    await server.listen(0);
    expect((await groupsIn(server)).map((group) => group.id)).toEqual(['demo', 'wohnen']);
  });

  it('follows the account database while running: a new group appears in the workspace', async () => {
    const { server } = await fixture.start({ auth: { recheckIntervalMs: 20 } });
    expect(await groupsIn(server)).toEqual([]);
    server.auth?.store.createGroup('armut', 'Armut');
    let listed: string[] = [];
    await waitFor(() => {
      void groupsIn(server).then((groups) => (listed = groups.map((group) => group.name)));
      return listed.includes('Armut');
    }, 'the group in the workspace');
  });
});
