import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, waitFor, type TestClient } from '../../sync-server/test-support.js';
import { awarenessFrame, openRawTcpWebSocket, QUERY_AWARENESS, startHostileServer, type RawTcpWebSocket } from './hostile-support.js';

/**
 * Issue 13: a person whose device drops off the network (Wi-Fi gone, lid closed: no close frame,
 * the TCP connection just goes quiet) leaves everyone's presence list within 10 s. The real server
 * process with its default limits; the lost device is a raw socket that answers pings until it
 * is "lost", then answers nothing.
 */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

const DOC = 'group/ag-praesenz/proposal/p-1';
const LOST_CLIENT_ID = 424_242;

/** Answers the server's pings (as every browser does) until `lose()` is called. */
function answerPings(raw: RawTcpWebSocket): { lose: () => void; pongs: () => number } {
  let buffered = Buffer.alloc(0);
  let lost = false;
  let pongs = 0;
  raw.socket.on('data', (chunk: Buffer) => {
    if (lost) {
      return;
    }
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      const frame = nextFrame(buffered);
      if (frame === null) {
        return;
      }
      buffered = buffered.subarray(frame.size);
      if (frame.opcode === 0x9) {
        const mask = randomBytes(4);
        const body = Buffer.from(frame.payload.map((byte, i) => byte ^ (mask[i % 4] as number)));
        raw.socket.write(Buffer.concat([Buffer.from([0x8a, 0x80 | body.length]), mask, body]));
        pongs++;
      }
    }
  });
  return {
    lose: () => {
      lost = true;
      raw.socket.pause();
    },
    pongs: () => pongs,
  };
}

/** One unmasked server frame at the start of `data`, or null if it is not complete yet. */
function nextFrame(data: Buffer): { opcode: number; payload: Buffer; size: number } | null {
  if (data.length < 2) {
    return null;
  }
  const opcode = (data[0] as number) & 0x0f;
  let length = (data[1] as number) & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) {
      return null;
    }
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) {
      return null;
    }
    length = Number(data.readBigUInt64BE(2));
    offset = 10;
  }
  if (data.length < offset + length) {
    return null;
  }
  return { opcode, payload: data.subarray(offset, offset + length), size: offset + length };
}

function presentNames(c: TestClient): string[] {
  return [...c.provider.awareness.getStates().values()].map((state) => (state as { user?: { name?: string } }).user?.name ?? '');
}

describe('presence of a lost connection', () => {
  it('is removed from the other clients within 10 s (server-side ping, default limits)', async () => {
    const { server } = await startHostileServer(cleanups);
    const bystander = connectClient(server.url, DOC);
    cleanups.push(() => bystander.destroy());
    await bystander.synced;
    bystander.provider.awareness.setLocalStateField('user', { name: 'Bea', color: '#336699' });

    const raw = await openRawTcpWebSocket(`${server.url}/${DOC}`);
    cleanups.push(() => raw.socket.destroy());
    const device = answerPings(raw);
    raw.send(awarenessFrame([{ clientId: LOST_CLIENT_ID, clock: 1, json: JSON.stringify({ user: { name: 'Lena', color: '#993366' } }) }]));
    raw.send(QUERY_AWARENESS);
    await waitFor(() => presentNames(bystander).includes('Lena'), 'Lena appears in the presence list');

    // While the device answers, it stays (here: across at least two pings).
    await waitFor(() => device.pongs() >= 2, 'the device answers two pings', 15_000);
    expect(presentNames(bystander)).toContain('Lena');

    const lostAt = Date.now();
    device.lose();
    await waitFor(() => !presentNames(bystander).includes('Lena'), 'Lena leaves the presence list', 10_000);
    const seconds = (Date.now() - lostAt) / 1000;
    expect(seconds).toBeLessThanOrEqual(10);
    expect(presentNames(bystander)).toContain('Bea');
    expect(bystander.provider.wsconnected).toBe(true);
  }, 40_000);
});
