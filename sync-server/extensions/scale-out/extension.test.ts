import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDocStore } from '../../persistence.js';
import { tempDir, waitFor } from '../../test-support.js';
import { scaleOutExtension } from './extension.js';
import { useFixture } from '../test-fixture.js';

const fixture = useFixture();

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) {
    Y.applyUpdate(doc, update);
  }
  return doc.getText('t').toString();
}

describe('scale-out extension', () => {
  it('stores documents in the supplied store, tells the bus about loaded rooms, and closes it after the server', async () => {
    // A second SQLite file stands in for PostgreSQL (tests/integration/scale-out.test.ts runs the real one).
    const shared = tempDir('fokuswerk-shared-');
    fixture.later(shared.remove);
    const sharedStore = openDocStore(shared.dir);
    const events: string[] = [];
    const extension = scaleOutExtension({
      docStore: sharedStore,
      roomObserver: {
        loaded: (room) => events.push(`loaded ${room.name}`),
        unloaded: (room) => events.push(`unloaded ${room.name}`),
      },
      close: () => {
        events.push('bus closed');
        return Promise.resolve();
      },
    });
    const { server, url, dir } = await fixture.start({ extensions: [extension], limits: { unloadAfterMs: 10 } });

    const c = fixture.client(url, 'report/2025');
    await c.synced;
    c.doc.getText('t').insert(0, 'geteilt');
    await waitFor(() => events.includes('loaded report/2025'), 'loaded');
    c.destroy();
    await waitFor(() => events.includes('unloaded report/2025'), 'unloaded after the last client left');
    await server.close();
    expect(events.at(-1)).toBe('bus closed');

    const own = openDocStore(dir);
    try {
      expect(own.documents()).toEqual([]);
    } finally {
      await own.close();
    }
    const reopened = openDocStore(shared.dir);
    try {
      expect(textOf(reopened.load('report/2025').updates)).toBe('geteilt');
    } finally {
      await reopened.close();
    }
  });
});
