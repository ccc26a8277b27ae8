import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as decoding from 'lib0/decoding';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_STORED } from '../../shared/sync/protocol.js';
import { decodeStoredAck, snapshotCovers } from '../../shared/sync/stored.js';
import { connectClient, tempDir, waitFor, type TestClient } from '../../sync-server/test-support.js';

const ROOT = join(import.meta.dirname, '..', '..');
const READY = /^Fokuswerk sync server listening on (ws:\/\/127\.0\.0\.1:\d+)$/;

interface CliProcess {
  child: ChildProcess;
  stderr: string[];
  exited: Promise<number | null>;
}

const cleanups: (() => void | Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

const spawned: number[] = [];
// Guard: no server this file started outlives it (a SIGKILL to a wrapper once orphaned the real server).
afterAll(() => {
  const alive = spawned.filter((pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  });
  expect(alive).toEqual([]);
});

function runCli(args: string[]): CliProcess {
  // One process (node with tsx's loader), not the tsx wrapper: a kill reaches the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'sync-server', 'cli.ts'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'info' },
  });
  if (child.pid !== undefined) {
    spawned.push(child.pid);
  }
  const stderr: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  return { child, stderr, exited };
}

/** Starts the CLI on a free port and resolves with its URL once it printed the ready line. */
async function startCli(dataDir: string, extra: string[] = []): Promise<CliProcess & { url: string }> {
  const cli = runCli(['--port', '0', '--data', dataDir, ...extra]);
  const lines = createInterface({ input: cli.child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line; stderr: ${cli.stderr.join('')}`)), 15_000);
    lines.on('line', (line) => {
      const match = READY.exec(line);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void cli.exited.then((code) => reject(new Error(`exited with ${code}: ${cli.stderr.join('')}`)));
  });
  return { ...cli, url };
}

function client(url: string, doc: string, params?: Record<string, string>): TestClient {
  const c = connectClient(url, doc, params);
  cleanups.push(() => c.destroy());
  return c;
}

describe('sync server CLI (real process)', () => {
  it('keeps documents across a SIGTERM restart', async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const first = await startCli(dir);

    const writer = client(first.url, 'group/ag-senioren/proposal/p-7', { v: '1', caps: 'stored' });
    const acks: Y.Snapshot[] = [];
    writer.provider.messageHandlers[MESSAGE_STORED] = (_encoder, decoder) => {
      acks.push(decodeStoredAck(decoding.readVarUint8Array(decoder)));
    };
    await writer.synced;
    writer.doc.getText('t').insert(0, 'Antrag: Seniorentreff Elmshorn, 1.234,50 €');
    writer.doc.getMap('meta').set('title', 'Seniorentreff Elmshorn');
    await waitFor(() => acks.some((ack) => snapshotCovers(ack, Y.snapshot(writer.doc))), 'durable acknowledgement');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const records = first.stderr
      .join('')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { msg: string });
    expect(records.map((record) => record.msg)).toContain('closed');
    writer.destroy();

    const second = await startCli(dir);
    const reader = client(second.url, 'group/ag-senioren/proposal/p-7');
    await reader.synced;
    expect(reader.doc.getText('t').toString()).toBe('Antrag: Seniorentreff Elmshorn, 1.234,50 €');
    expect(reader.doc.getMap('meta').get('title')).toBe('Seniorentreff Elmshorn');
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('seeds the demo workspace once with --seed-demo, never again after a restart', async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const first = await startCli(dir, ['--seed-demo']);
    const before = client(first.url, 'workspace');
    await before.synced;
    const seeded = Y.encodeStateAsUpdate(before.doc);
    expect(before.doc.share.size).toBeGreaterThan(0);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    before.destroy();

    const second = await startCli(dir, ['--seed-demo']);
    expect(second.stderr.join('')).not.toContain('database seeded');
    const after = client(second.url, 'workspace');
    await after.synced;
    expect(Y.encodeStateAsUpdate(after.doc)).toEqual(seeded);
  });

  it('explains bad arguments and exits with 2', async () => {
    const missing = runCli(['--port', '0']);
    expect(await missing.exited).toBe(2);
    expect(missing.stderr.join('')).toContain('Fehlendes Argument --data <verzeichnis> / missing argument --data <dir>');
    const badPort = runCli(['--port', 'abc', '--data', 'x']);
    expect(await badPort.exited).toBe(2);
    expect(badPort.stderr.join('')).toContain('Ungültiger Port');
  });
});
