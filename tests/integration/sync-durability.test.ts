import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_STORED } from '../../shared/sync/protocol.js';
import { decodeStoredAck } from '../../shared/sync/stored.js';
import { connectClient, seededRandom, startServerProcess, tempDir, testSeed, type TestClient } from '../../sync-server/test-support.js';

const DOC = 'group/ag-kill/proposal/p-1';
const cleanups: (() => void | Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

/** Highest clock of `clientId` that a MESSAGE_STORED acknowledgement has covered so far. */
function trackAcknowledged(c: TestClient): () => number {
  let acknowledged = 0;
  c.provider.messageHandlers[MESSAGE_STORED] = (_encoder, decoder) => {
    const ack = decodeStoredAck(decoding.readVarUint8Array(decoder));
    acknowledged = Math.max(acknowledged, ack.sv.get(c.doc.clientID) ?? 0);
  };
  return () => acknowledged;
}

describe('kill -9 during continuous editing', () => {
  it('loses no edit the server acknowledged', async () => {
    const seed = testSeed('kill -9');
    const random = seededRandom(seed);
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const expected: number[] = [];

    for (let round = 0; round < 3; round++) {
      const server = await startServerProcess(['--port', '0', '--data', dir]);
      cleanups.push(() => server.stop('SIGKILL'));
      const writer = connectClient(server.url, DOC, { v: '1', caps: 'stored' });
      const acknowledged = trackAcknowledged(writer);
      await writer.synced;
      const log = writer.doc.getArray<number>('log');
      expect(log.toArray(), `round ${round}: everything acknowledged before is there (seed ${seed})`).toEqual(
        expect.arrayContaining(expected),
      );

      // Write continuously; remember the clock that makes each edit durable.
      const clockOf = new Map<number, number>();
      let writing = true;
      const writing$ = (async () => {
        for (let i = 0; writing; i++) {
          const value = round * 1_000_000 + i;
          log.push([value]);
          clockOf.set(value, Y.getState(writer.doc.store, writer.doc.clientID));
          await new Promise((resolve) => setTimeout(resolve, random() < 0.8 ? 0 : 2));
        }
      })();
      const killAfter = 200 + Math.floor(random() * 800);
      const killAt = Date.now() + killAfter;
      while (Date.now() < killAt) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const exit = server.stop('SIGKILL');
      // Freeze what counts as acknowledged at the moment of the kill, and stop the client at once
      // so it cannot hand its unacknowledged edits to the next server.
      const durable = acknowledged();
      writing = false;
      writer.provider.shouldConnect = false;
      writer.destroy();
      await writing$;
      await exit;
      const acked = [...clockOf].filter(([, clock]) => clock <= durable).map(([value]) => value);
      expect(acked.length, `round ${round}: some edits were acknowledged before the kill (seed ${seed})`).toBeGreaterThan(0);
      expected.push(...acked);
      process.stderr.write(`round ${round}: written ${clockOf.size}, durable clock ${durable}, acked ${acked.length}\n`);
    }

    const server = await startServerProcess(['--port', '0', '--data', dir]);
    cleanups.push(() => server.stop('SIGKILL'));
    const reader = connectClient(server.url, DOC);
    cleanups.push(() => reader.destroy());
    await reader.synced;
    const present = new Set(reader.doc.getArray<number>('log').toArray());
    const missing = expected.filter((value) => !present.has(value));
    expect(missing, `acknowledged edits lost (seed ${seed})`).toEqual([]);
    expect(await server.stop('SIGTERM')).toBe(0);
  });
});
