import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { decodeStoredAck, snapshotCovers } from '../shared/sync/stored.js';
import { seededRandom } from '../shared/seeded-random.js';
import { StoredState } from './stored-state.js';

/** A server doc fed by several clients' random edits; the stored state follows its 'update' events. */
function run(seed: number, steps: number): { server: Y.Doc; state: StoredState; clients: Y.Doc[] } {
  const random = seededRandom(seed);
  const server = new Y.Doc();
  const state = StoredState.of(server);
  server.on('update', (update: Uint8Array) => state.add(update));
  const clients = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  for (let step = 0; step < steps; step++) {
    const client = clients[Math.floor(random() * clients.length)]!;
    const before = Y.encodeStateVector(client);
    const text = client.getText('body');
    const roll = random();
    if (roll < 0.5 || text.length === 0) {
      text.insert(Math.floor(random() * (text.length + 1)), 'abc'.slice(0, 1 + Math.floor(random() * 3)));
    } else if (roll < 0.8) {
      const at = Math.floor(random() * text.length);
      text.delete(at, Math.min(text.length - at, 1 + Math.floor(random() * 4)));
    } else if (roll < 0.9) {
      // A nested type that is deleted again: its children are garbage-collected structs.
      const map = client.getMap('m');
      const inner = new Y.Array<string>();
      map.set('k', inner);
      inner.insert(0, ['x', 'y']);
      map.delete('k');
    } else {
      // Insert and delete in one transaction: content that arrives already deleted.
      client.transact(() => {
        text.insert(0, 'tmp');
        text.delete(0, 3);
      });
    }
    const update = Y.encodeStateAsUpdate(client, before);
    Y.applyUpdate(server, update);
    for (const other of clients) {
      if (other !== client && random() < 0.5) {
        Y.applyUpdate(other, Y.encodeStateAsUpdate(server, Y.encodeStateVector(other)));
      }
    }
  }
  return { server, state, clients };
}

describe('StoredState', () => {
  it('equals a full snapshot of the document, one update at a time', () => {
    for (const seed of [1, 2, 3, 4]) {
      const { server, state, clients } = run(seed, 300);
      const incremental = decodeStoredAck(state.encode());
      const full = Y.snapshot(server);
      expect(Object.fromEntries(incremental.sv)).toEqual(Object.fromEntries(full.sv));
      expect(snapshotCovers(incremental, full)).toBe(true);
      expect(snapshotCovers(full, incremental)).toBe(true);
      // Every client, once synced, sees its whole state covered ("Gespeichert").
      for (const client of clients) {
        Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)));
        expect(snapshotCovers(incremental, Y.snapshot(client))).toBe(true);
      }
    }
  });

  it('does not cover what was never added', () => {
    const server = new Y.Doc();
    server.getText('body').insert(0, 'stored');
    const state = StoredState.of(server);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    expect(snapshotCovers(decodeStoredAck(state.encode()), Y.snapshot(client))).toBe(true);
    client.getText('body').delete(0, 1);
    expect(snapshotCovers(decodeStoredAck(state.encode()), Y.snapshot(client))).toBe(false);
    client.getText('body').insert(0, 'S');
    const update = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    Y.applyUpdate(server, update);
    state.add(update);
    expect(snapshotCovers(decodeStoredAck(state.encode()), Y.snapshot(client))).toBe(true);
  });
});
