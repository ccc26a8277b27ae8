import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/sync/protocol.js';
import { encodeSyncStep1 } from '../../sync-server/frames.js';
import { connectClient, openRawSocket, waitFor } from '../../sync-server/test-support.js';
import { isRunning, openRawTcpWebSocket, rssBytes, startHostileServer } from './hostile-support.js';

/**
 * Issue 8, item 3: a member asked for the whole document hundreds of times and never read the
 * answers; the server's memory grew by gigabytes and stayed there. Attacked here over a raw TCP
 * socket that stops reading, against the real server process, whose RSS is read from /proc.
 */

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

const DOC = 'report/2026';
const MIB = 1024 * 1024;
const FULL_STATE_REQUEST = encodeSyncStep1(Y.encodeStateVector(new Y.Doc()));

describe('slow readers against the server process', () => {
  it('closes a connection that does not read its answers (4531); memory returns to its level', { timeout: 90_000 }, async () => {
    const { server } = await startHostileServer(cleanups);
    const pid = server.child.pid as number;
    // A large report: three 3 MiB edits.
    const writer = connectClient(server.url, DOC);
    cleanups.push(() => writer.destroy());
    await writer.synced;
    for (let i = 0; i < 3; i++) {
      writer.doc.getText('t').insert(0, String(i).repeat(3 * MIB));
    }
    const reader = connectClient(server.url, DOC);
    cleanups.push(() => reader.destroy());
    await waitFor(() => reader.doc.getText('t').length === 9 * MIB, 'the report reaches a reader', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = rssBytes(pid);

    const attacker = await openRawTcpWebSocket(`${server.url}/${DOC}`);
    cleanups.push(() => attacker.socket.destroy());
    attacker.stopReading();
    for (let i = 0; i < 300; i++) {
      attacker.send(FULL_STATE_REQUEST);
    }
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 20);
    cleanups.push(() => clearInterval(sampler));
    await waitFor(() => server.stderr().includes(`"code":${CloseCode.SlowReader}`), 'the server closes the slow reader', 20_000);
    // Memory returns to its level: within 64 MiB of before (the 300 answers would be 2.7 GB).
    let after = rssBytes(pid);
    const deadline = Date.now() + 15_000;
    while (after > before + 64 * MIB && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      after = rssBytes(pid);
    }
    clearInterval(sampler);
    process.stderr.write(`slow reader: RSS before ${(before / MIB).toFixed(0)} MiB, peak ${(peak / MIB).toFixed(0)} MiB, after ${(after / MIB).toFixed(0)} MiB\n`);
    // The server dropped the socket: reading what it had sent ends in its close.
    attacker.socket.resume();
    await attacker.closed;
    expect(peak).toBeLessThan(before + 160 * MIB);
    expect(after).toBeLessThan(before + 64 * MIB);
    expect(isRunning(server)).toBe(true);
    writer.doc.getText('t').insert(0, 'danach ');
    await waitFor(() => reader.doc.getText('t').length === 9 * MIB + 7, 'the others still sync', 20_000);

  });

  it('rate-limits repeated full-state requests of a client that does read (4529)', async () => {
    const { server } = await startHostileServer(cleanups);
    const socket = openRawSocket(`${server.url}/${DOC}`);
    cleanups.push(() => socket.ws.terminate());
    await socket.opened;
    for (let i = 0; i < 50; i++) {
      socket.ws.send(FULL_STATE_REQUEST);
    }
    const closed = await socket.closed;
    expect(closed.code).toBe(CloseCode.RateLimited);
    expect(closed.reason).toMatch(/Abgleich|sync requests/);
    // Ten answers (the burst), not fifty.
    expect(socket.frames.length).toBeLessThan(20);
  });
});
