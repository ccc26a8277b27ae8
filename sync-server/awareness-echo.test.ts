import { afterEach, describe, expect, it } from 'vitest';
import { sendOwnAwarenessOnly } from '../shared/sync/awareness-echo.js';
import { createSyncServer } from './server.js';
import { connectClient, memoryLogger, tempDir, waitFor, type TestClient } from './test-support.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

/** A server whose message limit a busy room's awareness echoes alone would pass. */
async function busyRoom(clients: number, ownOnly: boolean): Promise<{ peers: TestClient[]; sent: () => number }> {
  const { dir, remove } = tempDir();
  cleanups.push(remove);
  const server = createSyncServer({ dataDir: dir, logger: memoryLogger().logger, limits: { messagesPerSecond: 10, messageBurst: 30 } });
  cleanups.push(() => server.close());
  const { url } = await server.listen(0);
  let frames = 0;
  const peers = Array.from({ length: clients }, () => {
    const c = connectClient(url, 'group/wohnen/proposal/p-1');
    cleanups.push(() => c.destroy());
    if (ownOnly) {
      sendOwnAwarenessOnly(c.provider);
    }
    return c;
  });
  await Promise.all(peers.map((c) => c.synced));
  for (const c of peers) {
    const ws = c.provider.ws;
    const send = ws?.send.bind(ws);
    if (ws && send) {
      ws.send = (data: Parameters<typeof send>[0]) => {
        frames += 1;
        send(data);
      };
    }
  }
  return { peers, sent: () => frames };
}

/** Everyone moves the cursor `moves` times: 6 × 8 local changes, each sent to the 5 others. */
async function moveCursors(peers: TestClient[], moves: number): Promise<void> {
  for (let i = 0; i < moves; i++) {
    for (const c of peers) {
      c.provider.awareness.setLocalStateField('cursor', i);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await waitFor(
    () => peers.every((c) => [...c.provider.awareness.getStates().values()].filter((s) => s['cursor'] === moves - 1).length === peers.length),
    'every cursor arrives everywhere',
  );
}

describe('awareness echoes in a busy room', () => {
  it('a stock y-websocket client, which sends every change it receives back, is not closed for the echoes', async () => {
    const { peers } = await busyRoom(6, false);
    let closed = 0;
    for (const c of peers) {
      c.provider.on('connection-close', () => (closed += 1));
    }
    // 40 frames each in about a second: far over 10/s with a burst of 30 once echoes counted.
    await moveCursors(peers, 8);
    expect(closed).toBe(0);
  });

  it('the app’s clients send only their own changes', async () => {
    const stock = await busyRoom(6, false);
    await moveCursors(stock.peers, 8);
    const app = await busyRoom(6, true);
    await moveCursors(app.peers, 8);
    // Stock: own 8 moves plus the 5 × 8 echoes per client; the app's: its own 8.
    expect(app.sent()).toBeLessThanOrEqual(6 * 8 + 6);
    expect(stock.sent()).toBeGreaterThan(3 * app.sent());
  });
});
