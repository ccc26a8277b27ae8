import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, MESSAGE_STORED } from '../../shared/sync/protocol.js';
import { decodeStoredAck, snapshotCovers } from '../../shared/sync/stored.js';
import { encodeSyncUpdate, parseClientFrame } from '../../sync-server/frames.js';
import { connectClient, openRawSocket, waitFor, type RawSocket, type TestClient } from '../../sync-server/test-support.js';
import { admin, QUERY_AWARENESS, startHostileServer } from './hostile-support.js';

/**
 * Issue 8, item 4: a member read a co-member's Yjs client id and clock from the server's state
 * vector and sent a GC struct under that id covering the following clocks; the victim's offline
 * edits were then neither stored nor kept. Played end to end against the server process with
 * accounts, a real offline Y.Doc client with stored acknowledgements, and a raw attacker socket.
 */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

const GROUP = 'ag-wohnen';
const DOC = `group/${GROUP}/proposal/p-1`;

interface Victim extends TestClient {
  acks: Uint8Array[];
}

function victimClient(url: string, token: string): Victim {
  const c = connectClient(url, DOC, { token, caps: 'stored' });
  const acks: Uint8Array[] = [];
  c.provider.messageHandlers[MESSAGE_STORED] = (_encoder, decoder) => {
    acks.push(decoding.readVarUint8Array(decoder));
  };
  cleanups.push(() => c.destroy());
  return Object.assign(c, { acks });
}

/** True once the last stored acknowledgement covers everything in the client's document. */
function storedCoversLocal(c: Victim): boolean {
  const last = c.acks.at(-1);
  return last !== undefined && snapshotCovers(decodeStoredAck(last), Y.snapshot(c.doc));
}

/** The server's state vector from the sync step 1 it sends on connect. */
async function serverStateVector(socket: RawSocket): Promise<Map<number, number>> {
  await waitFor(() => socket.frames.length > 0, 'server sync step 1');
  const parsed = parseClientFrame(socket.frames[0] as Uint8Array); // same framing both ways
  if (!parsed.ok || parsed.message.type !== 'sync-step1') {
    throw new Error('expected sync step 1');
  }
  return Y.decodeStateVector(parsed.message.stateVector);
}

/** One GC struct under `client` from `clock` covering `length` clocks, as a sync update frame. */
function gcUpdate(client: number, clock: number, length: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // one client
  encoding.writeVarUint(e, 1); // one struct
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  encoding.writeUint8(e, 0); // GC
  encoding.writeVarUint(e, length);
  encoding.writeVarUint(e, 0); // empty delete set
  return encodeSyncUpdate(encoding.toUint8Array(e));
}

async function attackerSocket(url: string, token: string): Promise<RawSocket> {
  const socket = openRawSocket(`${url}/${DOC}?token=${encodeURIComponent(token)}`);
  cleanups.push(() => socket.ws.terminate());
  await socket.opened;
  return socket;
}

/** Waits until the server answered a probe: everything sent before it has been handled. */
async function roundTrip(socket: RawSocket): Promise<void> {
  const before = socket.frames.length;
  socket.ws.send(QUERY_AWARENESS);
  await waitFor(() => socket.frames.length > before, 'probe answered');
}

describe('client-id squatting against the server process', () => {
  it('refuses structs under another account’s client id; the victim’s offline edits are stored, acknowledged and survive a restart', { timeout: 60_000 }, async () => {
    const { server, dir } = await startHostileServer(cleanups, { args: ['--auth'] });
    await admin(dir, 'create-group', GROUP, '--name', 'Wohnen');
    for (const login of ['anke', 'mallory']) {
      await admin(dir, 'create-user', login, '--name', login, '--role', 'member');
      await admin(dir, 'add-member', GROUP, login);
    }
    const ankeToken = (await admin(dir, 'issue-token', 'anke')).at(-1) as string;
    const malloryToken = (await admin(dir, 'issue-token', 'mallory')).at(-1) as string;

    // Anke writes, is acknowledged, goes offline and keeps writing.
    const anke = victimClient(server.url, ankeToken);
    await anke.synced;
    anke.doc.getText('t').insert(0, 'Vorher. ');
    await waitFor(() => storedCoversLocal(anke), 'first edit acknowledged');
    anke.provider.disconnect();
    anke.doc.getText('t').insert(8, 'Offline geschrieben. ');

    // Mallory reads Anke's client id and clock from the server's state vector.
    const mallory = await attackerSocket(server.url, malloryToken);
    const sv = await serverStateVector(mallory);
    const clock = sv.get(anke.doc.clientID);
    expect(clock).toBeGreaterThan(0);
    // Clocks ahead of what Anke wrote (a gap): not applied.
    mallory.ws.send(gcUpdate(anke.doc.clientID, (clock as number) + 5, 200));
    await roundTrip(mallory);
    // The following clocks: refused, the connection closed.
    mallory.ws.send(gcUpdate(anke.doc.clientID, clock as number, 200));
    const closed = await mallory.closed;
    expect(closed.code).toBe(CloseCode.ClientIdTaken);

    // Anke comes back: her offline edit reaches the server and is acknowledged; her copy keeps it.
    anke.provider.connect();
    await waitFor(() => storedCoversLocal(anke) && anke.doc.getText('t').toString() === 'Vorher. Offline geschrieben. ', 'offline edit acknowledged', 10_000);

    // Anke on a second device (another client id) writes as well.
    const second = victimClient(server.url, ankeToken);
    await second.synced;
    expect(second.doc.getText('t').toString()).toBe('Vorher. Offline geschrieben. ');
    second.doc.getText('t').insert(0, 'Tablet: ');
    await waitFor(() => storedCoversLocal(second), 'second device acknowledged');

    // After a restart: the text is there, the binding too.
    anke.destroy();
    second.destroy();
    await server.stop();
    const { server: again } = await startHostileServer(cleanups, { args: ['--auth'], dir });
    const reader = victimClient(again.url, ankeToken);
    await reader.synced;
    expect(reader.doc.getText('t').toString()).toBe('Tablet: Vorher. Offline geschrieben. ');
    const mallory2 = await attackerSocket(again.url, malloryToken);
    const sv2 = await serverStateVector(mallory2);
    mallory2.ws.send(gcUpdate(anke.doc.clientID, sv2.get(anke.doc.clientID) as number, 10));
    expect((await mallory2.closed).code).toBe(CloseCode.ClientIdTaken);

    // Anke's app reloads with its local copy and old client id: her account may go on writing.
    const restored = new Y.Doc();
    restored.clientID = anke.doc.clientID;
    Y.applyUpdate(restored, Y.encodeStateAsUpdate(reader.doc));
    const reloaded = connectClient(again.url, DOC, { token: ankeToken });
    cleanups.push(() => reloaded.destroy());
    await reloaded.synced;
    const update = (() => {
      const before = Y.encodeStateVector(restored);
      restored.getText('t').insert(0, 'Neu geladen: ');
      return Y.encodeStateAsUpdate(restored, before);
    })();
    const own = await attackerSocket(again.url, ankeToken);
    own.ws.send(encodeSyncUpdate(update));
    await waitFor(() => reloaded.doc.getText('t').toString().startsWith('Neu geladen: '), 'reloaded client writes under its old id');
    expect(own.ws.readyState).toBe(own.ws.OPEN);
  });

  it('binds the client id a member’s presence shows before her first edit: whoever saw it cannot claim it first', { timeout: 60_000 }, async () => {
    const { server, dir } = await startHostileServer(cleanups, { args: ['--auth'] });
    await admin(dir, 'create-group', GROUP, '--name', 'Wohnen');
    for (const login of ['anke', 'mallory']) {
      await admin(dir, 'create-user', login, '--name', login, '--role', 'member');
      await admin(dir, 'add-member', GROUP, login);
    }
    const ankeToken = (await admin(dir, 'issue-token', 'anke')).at(-1) as string;
    const malloryToken = (await admin(dir, 'issue-token', 'mallory')).at(-1) as string;

    // Anke opens the proposal and is shown as present; she has not typed anything yet.
    const anke = victimClient(server.url, ankeToken);
    anke.provider.awareness.setLocalStateField('user', { name: 'Anke' });
    await anke.synced;

    // Mallory reads Anke's client id from the presence list and claims its first clocks.
    const mallory = await attackerSocket(server.url, malloryToken);
    mallory.ws.send(QUERY_AWARENESS);
    await waitFor(
      () =>
        mallory.frames.some((frame) => {
          const parsed = parseClientFrame(frame);
          return parsed.ok && parsed.message.type === 'awareness' && parsed.message.entries.some((entry) => entry.clientId === anke.doc.clientID);
        }),
      'Anke’s presence seen',
    );
    mallory.ws.send(gcUpdate(anke.doc.clientID, 0, 100));
    expect((await mallory.closed).code).toBe(CloseCode.ClientIdTaken);

    // Anke's first edit is stored and acknowledged.
    anke.doc.getText('t').insert(0, 'Erste Zeile.');
    await waitFor(() => storedCoversLocal(anke), 'first edit acknowledged');
    expect(anke.provider.wsconnected).toBe(true);
  });
});
