import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/sync/protocol.js';
import { connectClient, openRawSocket, waitFor, type TestClient } from '../../sync-server/test-support.js';
import { awarenessFrame, isRunning, QUERY_AWARENESS, startHostileServer } from './hostile-support.js';

/**
 * Issue 8, items 1 and 7: awareness frames that crashed the process or flooded every peer's
 * presence list, sent as raw frames to the real server process; a stock y-websocket client in the
 * same document must not notice.
 */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

const DOC = 'group/ag-angriff/proposal/p-1';
const FAULT = 'fokuswerk-test-fault-7f3a';

function client(url: string): TestClient {
  const c = connectClient(url, DOC);
  cleanups.push(() => c.destroy());
  return c;
}

async function attack(url: string, frame: Uint8Array): Promise<{ code: number; reason: string }> {
  const socket = openRawSocket(`${url}/${DOC}`);
  cleanups.push(() => socket.ws.terminate());
  await socket.opened;
  socket.ws.send(frame);
  socket.ws.send(QUERY_AWARENESS);
  return socket.closed;
}

/** The bystander still edits together with a second client through the server. */
async function stillWorks(url: string, bystander: TestClient, text: string): Promise<void> {
  expect(bystander.provider.wsconnected).toBe(true);
  const check = client(url);
  await check.synced;
  bystander.doc.getText('t').insert(0, text);
  await waitFor(() => check.doc.getText('t').toString().includes(text), 'edit reaches a second client');
}

describe('hostile awareness frames against the server process', () => {
  it('closes a connection with deep, large or too many presence states (4423); the process and other clients carry on', async () => {
    const { server } = await startHostileServer(cleanups);
    const bystander = client(server.url);
    await bystander.synced;
    bystander.provider.awareness.setLocalStateField('user', { name: 'Bea', color: '#336699' });

    // 20 KiB of nesting: JSON.stringify of it overflowed the stack and ended the process. Also
    // within the size bound (8 KiB, 4,000 levels), the depth rule closes.
    const deep = await attack(server.url, awarenessFrame([{ clientId: 4711, clock: 1, json: `${'['.repeat(10_000)}${']'.repeat(10_000)}` }]));
    expect(deep.code).toBe(CloseCode.AwarenessRejected);
    const deepSmall = await attack(server.url, awarenessFrame([{ clientId: 4711, clock: 1, json: `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}` }]));
    expect(deepSmall.code).toBe(CloseCode.AwarenessRejected);
    expect(deepSmall.reason).toMatch(/tief|deep/);

    const large = await attack(server.url, awarenessFrame([{ clientId: 4712, clock: 1, json: JSON.stringify({ user: { name: 'x'.repeat(100_000) } }) }]));
    expect(large.code).toBe(CloseCode.AwarenessRejected);
    expect(large.reason).toMatch(/groß|large/);

    // 100,000 invented client ids in one 1.5 MiB frame.
    const flood = Array.from({ length: 100_000 }, (_, i) => ({ clientId: 1_000_000 + i, clock: 1, json: '{"u":1}' }));
    const flooded = await attack(server.url, awarenessFrame(flood));
    expect(flooded.code).toBe(CloseCode.AwarenessRejected);

    expect(isRunning(server)).toBe(true);
    expect(bystander.provider.awareness.getStates().size).toBe(1);
    await stillWorks(server.url, bystander, 'nach dem Angriff ');
  });

  it('lets a connection set only its own presence entry: others are neither added, changed nor removed', async () => {
    const { server } = await startHostileServer(cleanups);
    const bystander = client(server.url);
    await bystander.synced;
    bystander.provider.awareness.setLocalStateField('user', { name: 'Bea', color: '#336699' });
    const watcher = client(server.url);
    await watcher.synced;
    await waitFor(() => watcher.provider.awareness.getStates().has(bystander.doc.clientID), 'watcher sees Bea');

    const socket = openRawSocket(`${server.url}/${DOC}`);
    cleanups.push(() => socket.ws.terminate());
    await socket.opened;
    // Its own entry first, then 500 invented ones, an overwrite of Bea and her removal.
    socket.ws.send(awarenessFrame([{ clientId: 99, clock: 1, json: '{"user":{"name":"Mallory"}}' }]));
    const invented = Array.from({ length: 500 }, (_, i) => ({ clientId: 5_000 + i, clock: 1, json: '{"user":{"name":"Geist"}}' }));
    socket.ws.send(awarenessFrame(invented));
    socket.ws.send(awarenessFrame([{ clientId: bystander.doc.clientID, clock: 1_000, json: '{"user":{"name":"Mallory als Bea"}}' }]));
    socket.ws.send(awarenessFrame([{ clientId: bystander.doc.clientID, clock: 1_001, json: 'null' }]));
    await waitFor(() => watcher.provider.awareness.getStates().has(99), 'the attacker’s own entry arrives');
    // Round trip through the server: everything sent before the probe has been handled.
    const before = socket.frames.length;
    socket.ws.send(QUERY_AWARENESS);
    await waitFor(() => socket.frames.length > before, 'probe answered');
    await new Promise((resolve) => setTimeout(resolve, 200));

    const states = watcher.provider.awareness.getStates();
    expect([...states.keys()].sort()).toEqual([99, bystander.doc.clientID, watcher.doc.clientID].sort());
    expect((states.get(bystander.doc.clientID) as { user: { name: string } }).user.name).toBe('Bea');
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
  });

  it('a handler that throws closes only that connection (1011); the process and other clients carry on', async () => {
    const { server } = await startHostileServer(cleanups, { env: { FOKUSWERK_TEST_FAULT: FAULT } });
    const bystander = client(server.url);
    await bystander.synced;
    for (let i = 0; i < 3; i++) {
      const closed = await attack(server.url, awarenessFrame([{ clientId: 300 + i, clock: 1, json: JSON.stringify({ user: { name: FAULT } }) }]));
      expect(closed.code).toBe(CloseCode.InternalError);
    }
    expect(isRunning(server)).toBe(true);
    expect(server.stderr()).toMatch(/handling a frame failed/);
    await stillWorks(server.url, bystander, 'trotz Fehler ');
  });
});
