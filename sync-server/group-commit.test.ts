import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeStoredAck, snapshotCovers } from '../shared/sync/stored.js';
import { decodeStoredMessage } from '../shared/sync/stored-message.js';
import { GroupCommit } from './group-commit.js';
import { resolveLimits } from './limits.js';
import { createMetrics } from './metrics.js';
import { openDocStore, type DocStore, type PendingWrite } from './persistence.js';
import { Room, type RoomPeer } from './room.js';
import { memoryLogger, tempDir, waitFor } from './test-support.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

/**
 * A real SQLite store whose append() is recorded, can be made to fail, and can be held back (a
 * slow disk): a held append commits only once `release()` is called.
 */
function recordingStore(): {
  store: DocStore;
  appends: PendingWrite[][];
  failNext: { value: boolean };
  hold: () => () => void;
} {
  const { dir, remove } = tempDir();
  const inner = openDocStore(dir);
  cleanups.push(remove, () => inner.close());
  const appends: PendingWrite[][] = [];
  const failNext = { value: false };
  let gate: Promise<void> | null = null;
  const store: DocStore = {
    ...inner,
    async append(writes) {
      if (failNext.value) {
        failNext.value = false;
        throw new Error('disk full');
      }
      appends.push([...writes]);
      await gate;
      await inner.append(writes);
    },
  };
  const hold = (): (() => void) => {
    let release = (): void => {};
    gate = new Promise<void>((resolve) => {
      release = () => {
        gate = null;
        resolve();
      };
    });
    return release;
  };
  return { store, appends, failNext, hold };
}

function peer(id: number): RoomPeer & { acks: Uint8Array[]; updates: number } {
  const acks: Uint8Array[] = [];
  const p = {
    id,
    wantsStoredAcks: true,
    acks,
    updates: 0,
    send(frame: Uint8Array) {
      const ack = decodeStoredMessage(frame);
      if (ack !== null) {
        acks.push(ack);
      } else if (frame[0] === 0 && frame[1] === 2) {
        p.updates += 1; // MESSAGE_SYNC, sync update
      }
    },
  };
  return p;
}

/** Rooms sharing one group commit, each with one peer that wants stored acknowledgements. */
function roomsWithPeers(store: DocStore, names: string[]): { rooms: Room[]; peers: ReturnType<typeof peer>[]; lines: string[] } {
  const metrics = createMetrics({ connections: () => 0, documents: () => 0 });
  const { logger, lines } = memoryLogger();
  const commit = new GroupCommit(store, metrics, logger);
  const rooms = names.map((name) => new Room(name, store, resolveLimits(), logger, () => {}, metrics, commit));
  cleanups.push(async () => {
    rooms.forEach((room) => room.destroy());
    await commit.flush();
  });
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

  it('forwards an update to the peers at once; acknowledges it only when the slow commit is durable', async () => {
    const { store, appends, hold } = recordingStore();
    const { rooms, lines } = roomsWithPeers(store, ['group/a/proposal/p-1']);
    const room = rooms[0]!;
    const writer = peer(10);
    const reader = peer(11);
    room.addPeer(writer);
    room.addPeer(reader);
    const release = hold();
    cleanups.push(release);
    expect(room.applyUpdate(writer, edit('schnell'))).toBe('applied');
    expect(reader.updates).toBe(1); // forwarded before anything is written
    await waitFor(() => appends.length === 1, 'the commit started');
    // While the disk is busy, the event loop goes on: later updates are forwarded too.
    const second = new Y.Doc();
    Y.applyUpdate(second, Y.encodeStateAsUpdate(room.doc));
    second.getText('body').insert(0, 'weiter ');
    expect(room.applyUpdate(writer, Y.encodeStateAsUpdate(second, Y.encodeStateVector(room.doc)))).toBe('applied');
    expect(reader.updates).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(writer.acks).toHaveLength(0);
    expect(reader.acks).toHaveLength(0);
    expect(store.count(room.name)).toBe(0);
    release();
    // The writer's acknowledgements come with each commit; the reader's at most every 100 ms.
    await waitFor(() => writer.acks.length === 2, 'acknowledgements after both commits');
    await waitFor(
      () => reader.acks.length >= 1 && snapshotCovers(decodeStoredAck(reader.acks.at(-1)!), Y.snapshot(room.doc)),
      'the reader learns the stored state too',
    );
    expect(store.count(room.name)).toBe(2);
    expect(appends).toHaveLength(2); // the second update waited for the first commit, then went in the next
    expect(lines.filter((line) => line.includes('failed'))).toEqual([]);
  });
});
