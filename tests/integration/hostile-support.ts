import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import * as encoding from 'lib0/encoding';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS } from '../../shared/sync/protocol.js';
import { runAdmin, startServerProcess, tempDir, type ServerProcess } from '../../sync-server/test-support.js';

/** Helpers of the hostile-*.test.ts attacks (issue 8): real server processes, frames built with lib0. */

export const QUERY_AWARENESS = new Uint8Array([MESSAGE_QUERY_AWARENESS]);

/** An awareness frame with `entries` whose states are given as raw JSON text. */
export function awarenessFrame(entries: readonly { clientId: number; clock: number; json: string }[]): Uint8Array {
  const payload = encoding.createEncoder();
  encoding.writeVarUint(payload, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(payload, entry.clientId);
    encoding.writeVarUint(payload, entry.clock);
    encoding.writeVarString(payload, entry.json);
  }
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(payload));
  return encoding.toUint8Array(frame);
}

/** Resident set size of a process in bytes, from /proc/<pid>/status. */
export function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

/** True while the process runs. */
export function isRunning(server: ServerProcess): boolean {
  return server.child.exitCode === null && server.child.signalCode === null;
}

/** Runs the admin command and fails with its output if it did not succeed; returns stdout lines. */
export async function admin(dir: string, ...args: string[]): Promise<string[]> {
  const result = await runAdmin(dir, args);
  if (result.code !== 0) {
    throw new Error(`admin ${args.join(' ')} failed: ${result.stderr}`);
  }
  return result.stdout.trimEnd().split('\n');
}

/** A server process on a fresh data directory; `cleanups` gets its stop and the directory's removal. */
export async function startHostileServer(
  cleanups: (() => unknown)[],
  options: { args?: string[]; env?: Record<string, string>; dir?: string } = {},
): Promise<{ server: ServerProcess; dir: string }> {
  let dir = options.dir;
  if (dir === undefined) {
    const temp = tempDir('fokuswerk-hostile-');
    cleanups.push(temp.remove);
    dir = temp.dir;
  }
  const server = await startServerProcess(['--port', '0', '--data', dir, ...(options.args ?? [])], options.env);
  cleanups.push(() => server.stop('SIGKILL'));
  return { server, dir };
}

/**
 * A WebSocket client on a raw TCP socket (handshake and masked frames written by hand), so a test
 * can stop reading at the TCP level like a slow or hostile reader.
 */
export interface RawTcpWebSocket {
  socket: Socket;
  /** Sends one masked binary frame. */
  send(payload: Uint8Array): void;
  /** Stops reading: the kernel buffers fill and the server's writes queue up. */
  stopReading(): void;
  closed: Promise<void>;
}

export async function openRawTcpWebSocket(url: string): Promise<RawTcpWebSocket> {
  const target = new URL(url);
  const socket = connect(Number(target.port), target.hostname);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  socket.write(
    `GET ${target.pathname}${target.search} HTTP/1.1\r\nHost: ${target.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  await new Promise<void>((resolve, reject) => {
    let head = '';
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      if (head.includes('\r\n\r\n')) {
        socket.off('data', onData);
        if (head.startsWith('HTTP/1.1 101')) {
          resolve();
        } else {
          reject(new Error(`upgrade refused: ${head.split('\r\n')[0] ?? ''}`));
        }
      }
    };
    socket.on('data', onData);
  });
  return {
    socket,
    send(payload) {
      const mask = randomBytes(4);
      const length = payload.length;
      const header = length < 126 ? Buffer.from([0x82, 0x80 | length]) : length < 65_536 ? Buffer.from([0x82, 0x80 | 126, length >> 8, length & 0xff]) : Buffer.concat([Buffer.from([0x82, 0x80 | 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(length)); return b; })()]);
      const body = Buffer.from(payload);
      for (let i = 0; i < body.length; i++) {
        body[i] = (body[i] as number) ^ (mask[i % 4] as number);
      }
      socket.write(Buffer.concat([header, mask, body]));
    },
    stopReading() {
      socket.pause();
    },
    closed,
  };
}
