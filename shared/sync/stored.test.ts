import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seededRandom } from '../seeded-random';
import { decodeStoredAck, encodeStoredAck, snapshotCovers } from './stored';

function replicaPair(): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc();
  const client = new Y.Doc();
  client.getText('t').insert(0, 'Hallo Kreis Pinneberg');
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  return { server, client };
}

describe('stored acknowledgements', () => {
  it('cover a client whose changes the server has', () => {
    const { server, client } = replicaPair();
    expect(snapshotCovers(decodeStoredAck(encodeStoredAck(server)), Y.snapshot(client))).toBe(true);
  });

  it('do not cover an insert the server lacks', () => {
    const { server, client } = replicaPair();
    client.getText('t').insert(0, 'Neu: ');
    expect(snapshotCovers(decodeStoredAck(encodeStoredAck(server)), Y.snapshot(client))).toBe(false);
  });

  it('do not cover a deletion the server lacks, though no clock moved', () => {
    const { server, client } = replicaPair();
    const before = Y.encodeStateVector(client);
    client.getText('t').delete(0, 6);
    expect(Y.encodeStateVector(client)).toEqual(before);
    expect(snapshotCovers(decodeStoredAck(encodeStoredAck(server)), Y.snapshot(client))).toBe(false);
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
    expect(snapshotCovers(decodeStoredAck(encodeStoredAck(server)), Y.snapshot(client))).toBe(true);
  });

  it('cover a client that is behind the server', () => {
    const { server, client } = replicaPair();
    server.getText('t').insert(0, 'Server: ');
    server.getText('t').delete(0, 3);
    expect(snapshotCovers(decodeStoredAck(encodeStoredAck(server)), Y.snapshot(client))).toBe(true);
  });

  it('find a single missing deletion among thousands of delete ranges, wherever it lies', () => {
    const random = seededRandom(20261122);
    const client = new Y.Doc();
    const text = client.getText('t');
    for (let i = 0; i < 3000; i++) {
      if (text.length > 50 && random() < 0.3) {
        text.delete(Math.floor(random() * (text.length - 5)), 1 + Math.floor(random() * 3));
      } else {
        text.insert(Math.floor(random() * (text.length + 1)), 'abc def ');
      }
    }
    expect([...Y.snapshot(client).ds.clients.values()][0]!.length).toBeGreaterThan(500);
    for (const share of [0, 1 / 3, 1 / 2, 1]) {
      const at = Math.min(Math.floor(text.length * share), text.length - 1);
      const server = new Y.Doc();
      Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
      expect(snapshotCovers(decodeStoredAck(encodeStoredAck(server)), Y.snapshot(client))).toBe(true);
      text.delete(at, 1);
      expect(snapshotCovers(decodeStoredAck(encodeStoredAck(server)), Y.snapshot(client)), `deletion at ${at}`).toBe(false);
      Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
      expect(snapshotCovers(decodeStoredAck(encodeStoredAck(server)), Y.snapshot(client))).toBe(true);
    }
  });
});
