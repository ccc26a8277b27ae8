import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeStoredMessage } from '../shared/sync/stored-message.js';
import { createGroupCommit } from './group-commit.js';
import { resolveLimits } from './limits.js';
import { createMetrics } from './metrics.js';
import { openDocStore, type DocStore, type PendingWrite } from './persistence.js';
import { Room, type RoomPeer } from './room.js';
import { memoryLogger, tempDir, waitFor } from './test-support.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    cleanup();
  }
});

/** A real SQLite store whose append() is recorded and can be made to fail. */
function recordingStore(): { store: DocStore; appends: PendingWrite[][]; failNext: { value: boolean } } {
  const { dir, remove } = tempDir();
  const inner = openDocStore(dir);
  cleanups.push(remove, () => inner.close());
  const appends: PendingWrite[][] = [];
  const failNext = { value: false };
  const store: DocStore = {
    ...inner,
    append(writes) {
      if (failNext.value) {
        failNext.value = false;
        throw new Error('disk full');
      }
      appends.push([...writes]);
      inner.append(writes);
    },
  };
  return { store, appends, failNext };
}

function peer(id: number): RoomPeer & { acks: Uint8Array[] } {
  const acks: Uint8Array[] = [];
  return {
    id,
    wantsStoredAcks: true,
    acks,
    send(frame) {
      const ack = decodeStoredMessage(frame);
      if (ack !== null) {
        acks.push(ack);
      }
    },
  };
}

/** Rooms sharing one group commit, each with one peer that wants stored acknowledgements. */
function roomsWithPeers(store: DocStore, names: string[]): { rooms: Room[]; peers: ReturnType<typeof peer>[]; lines: string[] } {
  const metrics = createMetrics({ connections: () => 0, documents: () => 0 });
  const { logger, lines } = memoryLogger();
  const commit = createGroupCommit(store, metrics, logger);
  const rooms = names.map((name) => new Room(name, store, resolveLimits(), logger, () => {}, metrics, commit));
  cleanups.push(() => rooms.forEach((room) => room.destroy()));
  const peers = rooms.map((room, i) => {
    const p = peer(i);
    room.addPeer(p);
    return p;
  });
  return { rooms, peers, lines };
}

function edit(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('group commit', () => {
  it('writes the updates of several rooms in one transaction, then acknowledges each room', async () => {
    const { store, appends } = recordingStore();
    const { rooms, peers } = roomsWithPeers(store, ['group/a/proposal/p-1', 'group/a/proposal/p-2', 'group/a/proposal/p-3']);
    rooms.forEach((room, i) => expect(room.applyUpdate(peers[i]!, edit(`text ${i}`))).toBe('applied'));
    expect(appends).toHaveLength(0); // nothing written or acknowledged before the tick ends
    expect(peers.every((p) => p.acks.length === 0)).toBe(true);

    await waitFor(() => peers.every((p) => p.acks.length === 1), 'one acknowledgement per room');
    expect(appends).toHaveLength(1);
    expect(appends[0]!.map((w) => w.doc).sort()).toEqual(rooms.map((room) => room.name));
    for (const room of rooms) {
      expect(store.count(room.name)).toBe(1);
    }
  });

  it('acknowledges nothing when the commit fails, and writes everything on the retry', async () => {
    const { store, appends, failNext } = recordingStore();
    const { rooms, peers, lines } = roomsWithPeers(store, ['group/a/proposal/p-1', 'group/a/proposal/p-2']);
    failNext.value = true;
    rooms.forEach((room, i) => room.applyUpdate(peers[i]!, edit(`text ${i}`)));
    await waitFor(() => lines.some((line) => line.includes('group commit failed')), 'the failed commit');
    expect(peers.every((p) => p.acks.length === 0)).toBe(true);
    expect(rooms.map((room) => store.count(room.name))).toEqual([0, 0]);

    await waitFor(() => peers.every((p) => p.acks.length === 1), 'acknowledgements after the retry', 5_000);
    expect(rooms.map((room) => store.count(room.name))).toEqual([1, 1]);
    expect(appends.flat()).toHaveLength(2);
  });
});
