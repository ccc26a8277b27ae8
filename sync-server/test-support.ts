import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createLogger, type Logger } from '../shared/log.js';
import { readAccessPayload, type WireAccess } from '../shared/sync/access-message.js';
import type { Role } from '../shared/sync/auth-api.js';
import { MESSAGE_ACCESS } from '../shared/sync/protocol.js';
import { hashPassword } from './auth/password.js';
import type { Limits } from './limits.js';
import { createSyncServer, type AuthSettings, type SyncServer } from './server.js';

/** Helpers for the sync server's tests (unit and cross-process); not used by the server itself. */

/** Polls `condition` every 10 ms until it holds; rejects after `timeoutMs` naming `what`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A fresh temporary directory and a function that removes it. */
export function tempDir(prefix = 'fokuswerk-sync-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A logger that keeps records in memory (set LOG_TESTS=1 to also print them). */
export function memoryLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger(
    (line) => {
      lines.push(line);
      if (process.env.LOG_TESTS === '1') {
        process.stderr.write(line);
      }
    },
    'debug',
  );
  return { logger, lines };
}

/** A stock y-websocket client in Node (no BroadcastChannel, so only the server connects clients). */
export interface TestClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  synced: Promise<void>;
  destroy(): void;
}

export function connectClient(serverUrl: string, docName: string, params: Record<string, string> = {}): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(serverUrl, docName, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
    maxBackoffTime: 200,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) {
      resolve();
    } else {
      provider.once('sync', () => resolve());
    }
  });
  return {
    doc,
    provider,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Records the access the server announces with MESSAGE_ACCESS (client must send `caps=access`). */
export function recordAccess(c: TestClient): WireAccess[] {
  const seen: WireAccess[] = [];
  c.provider.messageHandlers[MESSAGE_ACCESS] = (_encoder, decoder) => {
    const access = readAccessPayload(decoder);
    if (access !== null) {
      seen.push(access);
    }
  };
  return seen;
}

/** Resolves with code and reason once the server closes the client for good (44xx). */
export function closedWith(c: TestClient): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => c.provider.once('closed', resolve));
}

/** A raw WebSocket that records every binary frame and how it closed. */
export interface RawSocket {
  ws: WebSocket;
  frames: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<{ code: number; reason: string }>;
}

export function openRawSocket(url: string): RawSocket {
  const ws = new WebSocket(url);
  const frames: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  ws.on('error', () => {});
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', () => reject(new Error('unexpected HTTP response')));
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return { ws, frames, opened, closed };
}

/** A sync server CLI started as one real process (node + tsx loader, so SIGKILL kills the server itself). */
export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote to stderr so far (JSON log lines). */
  stderr: () => string;
  exited: Promise<number | null>;
  /** Sends `signal` (default SIGTERM) and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const REPO_ROOT = join(import.meta.dirname, '..');

/** Starts `sync-server/cli.ts` with `args` and resolves once it printed its ready line. */
export function startServerProcess(args: readonly string[], env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'sync-server', 'cli.ts'), ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
  });
  let stderr = '';
  let stdout = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
    }
    return exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop('SIGKILL');
      reject(new Error(`sync server did not start within 20 s:\n${stderr}`));
    }, 20_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /listening on (wss?:\/\/\S+)/.exec(stdout);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve({ child, url: match[1], stderr: () => stderr, exited, stop });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`sync server exited with ${code} before it was ready:\n${stderr}`));
    });
  });
}

/** Runs `npm run admin` (sync-server/admin/cli.ts) to completion; returns exit code and output. */
export function runAdmin(dataDir: string, args: readonly string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'sync-server', 'admin', 'cli.ts'), '--data', dataDir, ...args], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end(stdin ?? '');
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** Seeded randomness for tests that print and replay their seed. */
export { seededRandom } from '../shared/seeded-random.js';

/** The seed from env `TEST_SEED`, or a fresh one; always printed so a failure can be replayed. */
export function testSeed(what: string): number {
  const seed = process.env.TEST_SEED !== undefined ? Number(process.env.TEST_SEED) : Math.floor(Math.random() * 2 ** 31);
  process.stderr.write(`${what}: seed ${seed} (replay with TEST_SEED=${seed})\n`);
  return seed;
}

/** Role and memberships of a test account. */
export interface TestAccountSpec {
  login: string;
  name: string;
  role: Role;
  groups?: { id: string; lead?: boolean }[];
  password?: string;
}

/** A sync server with accounts, in this process, on a real port and a real SQLite file. */
export interface AuthTestServer {
  server: SyncServer;
  url: string;
  httpUrl: string;
  dir: string;
  logs: string[];
  /** A fresh token for `login` (optionally short-lived). */
  token(login: string, ttlSeconds?: number): string;
  close(): Promise<void>;
}

/** Starts a server with `auth` on, creates `groups` and `accounts`, and returns helpers. */
export async function startAuthServer(options: {
  accounts: TestAccountSpec[];
  groups: { id: string; name: string }[];
  settings?: AuthSettings;
  limits?: Partial<Limits>;
  corsOrigins?: string[];
  trustProxy?: boolean;
}): Promise<AuthTestServer> {
  const { dir, remove } = tempDir('fokuswerk-auth-');
  const { logger, lines } = memoryLogger();
  const server = createSyncServer({
    dataDir: dir,
    logger,
    auth: { recheckIntervalMs: 50, ...options.settings },
    ...(options.limits === undefined ? {} : { limits: options.limits }),
    ...(options.corsOrigins === undefined ? {} : { corsOrigins: options.corsOrigins }),
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
  });
  const auth = server.auth;
  if (auth === null) {
    throw new Error('auth expected');
  }
  for (const group of options.groups) {
    auth.store.createGroup(group.id, group.name);
  }
  for (const spec of options.accounts) {
    const passwordHash = spec.password === undefined ? null : await hashPassword(spec.password);
    auth.store.createAccount({ login: spec.login, name: spec.name, role: spec.role, passwordHash });
    for (const group of spec.groups ?? []) {
      auth.store.addMember(group.id, spec.login, group.lead === true);
    }
  }
  const { url } = await server.listen(0);
  return {
    server,
    url,
    httpUrl: url.replace(/^ws/, 'http'),
    dir,
    logs: lines,
    token: (login, ttlSeconds) =>
      auth.service.issueToken(auth.store.requireAccount(login), ttlSeconds === undefined ? {} : { ttlSeconds }).token,
    close: async () => {
      await server.close();
      remove();
    },
  };
}
