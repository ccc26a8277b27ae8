/**
 * Helpers of the scale-out tests: real PostgreSQL and Redis (from the environment, as .ci/run
 * starts them with scripts/test-services.sh, or started here with the same script), a fresh
 * database per test file, and sync-server instances as real processes.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { runAdminCommand } from '../../sync-server/admin/commands.js';
import type { AdminCommand, AdminTarget } from '../../sync-server/admin/args.js';
import { KEY_FILE } from '../../sync-server/auth/token.js';
import { DATABASE_FILE } from '../../sync-server/database.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'test-services.sh');
const READY = /^Fokuswerk sync server listening on (ws:\/\/127\.0\.0\.1:\d+)$/;

/** PostgreSQL (a fresh database) and Redis for one test file, or why they are not available. */
export type Services = { ok: true; postgresUrl: string; redisUrl: string; release(): Promise<void> } | { ok: false; reason: string };

/**
 * Uses FOKUSWERK_TEST_POSTGRES_URL / FOKUSWERK_TEST_REDIS_URL if set, else starts both with
 * scripts/test-services.sh; then creates a database of its own. Resolves with a reason (for
 * the skip message) only if the services cannot be had.
 */
export async function acquireServices(): Promise<Services> {
  let postgres = process.env.FOKUSWERK_TEST_POSTGRES_URL;
  let redis = process.env.FOKUSWERK_TEST_REDIS_URL;
  let stopServices = (): void => {};
  if (postgres === undefined || redis === undefined) {
    let output: string;
    try {
      output = execFileSync('bash', [SCRIPT, 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    } catch (error: unknown) {
      const stderr = (error as { stderr?: string }).stderr ?? String(error);
      return { ok: false, reason: `PostgreSQL/Redis could not be started (scripts/test-services.sh install): ${stderr.trim()}` };
    }
    const vars: Record<string, string | undefined> = {};
    for (const [, key, value] of output.matchAll(/^export (\w+)=(.*)$/gm)) {
      vars[key!] = value;
    }
    postgres = vars.FOKUSWERK_TEST_POSTGRES_URL;
    redis = vars.FOKUSWERK_TEST_REDIS_URL;
    const dir = vars.FOKUSWERK_TEST_SERVICES_DIR;
    if (postgres === undefined || redis === undefined || dir === undefined) {
      return { ok: false, reason: `scripts/test-services.sh start printed no URLs: ${output}` };
    }
    stopServices = () => execFileSync('bash', [SCRIPT, 'stop', dir], { stdio: 'ignore' });
  }
  const name = `fokuswerk_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: postgres });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error: unknown) {
    stopServices();
    return { ok: false, reason: `PostgreSQL at ${postgres} not usable: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    await admin.end().catch(() => {});
  }
  const url = new URL(postgres);
  url.pathname = `/${name}`;
  return {
    ok: true,
    postgresUrl: url.toString(),
    redisUrl: redis,
    async release() {
      const client = new pg.Client({ connectionString: postgres });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      stopServices();
    },
  };
}

/** Accounts and groups set up with the admin command's own code in a data directory or a cluster's PostgreSQL. */
export async function provision(target: string | AdminTarget, commands: AdminCommand[]): Promise<void> {
  for (const command of commands) {
    await runAdminCommand(target, command, () => {});
  }
}

/** Issues a token for `login` from the accounts in a data directory or a cluster's PostgreSQL. */
export async function issueToken(target: string | AdminTarget, login: string): Promise<string> {
  let last = '';
  await runAdminCommand(target, { name: 'issue-token', login }, (line) => {
    last = line;
  });
  return last;
}

/**
 * A new data directory with the files of `template` that exist (the instances of a cluster keep
 * accounts and the signing key in PostgreSQL; the data directory holds only the lock).
 */
export function cloneDataDir(template: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fokuswerk-scale-'));
  for (const file of [DATABASE_FILE, KEY_FILE]) {
    if (existsSync(join(template, file))) {
      copyFileSync(join(template, file), join(dir, file));
    }
  }
  return dir;
}

/** A sync-server instance as its own process (SIGKILL hits the server itself, not a wrapper). */
export interface Instance {
  url: string;
  child: ChildProcess;
  stderr: string[];
  exited: Promise<void>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startInstance(dataDir: string, services: { postgresUrl: string; redisUrl: string }, extra: string[] = []): Promise<Instance> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'sync-server', 'cli.ts'), '--port', '0', '--data', dataDir, '--postgres', services.postgresUrl, '--redis', services.redisUrl, ...extra],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'info' } },
  );
  const stderr: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line after 20 s; stderr: ${stderr.join('')}`)), 20_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = READY.exec(line);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`instance exited before it was ready: ${stderr.join('')}`));
    });
  });
  return {
    url,
    child,
    stderr,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        await exited;
      }
    },
  };
}

/** Removes a directory made by cloneDataDir or mkdtemp. */
export function removeDir(dir: string): void {
  if (existsSync(dir)) {
    rmSync(dir, { recursive: true, force: true });
  }
}
