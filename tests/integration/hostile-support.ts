import { readFileSync } from 'node:fs';
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
