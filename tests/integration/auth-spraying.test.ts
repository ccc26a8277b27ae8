import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthPath } from '../../shared/sync/auth-api.js';
import { ADDRESS_BURST } from '../../sync-server/auth/sign-in-limits.js';
import { startAuthServer, startServerProcess, type TestAccountSpec } from '../../sync-server/test-support.js';

const cleanups: (() => void | Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

const VICTIMS = Array.from({ length: 12 }, (_, i) => `person-${i}`);
const SPRAYER = '203.0.113.7';
const COLLEAGUE = '198.51.100.4';

/** A data directory with the 12 sprayed accounts and one colleague, then a real server process with --auth --trust-proxy on it. */
async function startServer(): Promise<{ httpUrl: string }> {
  const accounts: TestAccountSpec[] = [
    ...VICTIMS.map((login) => ({ login, name: login, role: 'member' as const, password: `${login}-passwort` })),
    { login: 'kollegin', name: 'Kollegin', role: 'member', password: 'kollegin-passwort' },
  ];
  const setup = await startAuthServer({ accounts, groups: [] });
  await setup.server.close();
  cleanups.push(() => rmSync(setup.dir, { recursive: true, force: true }));
  const server = await startServerProcess(['--port', '0', '--data', setup.dir, '--auth', '--trust-proxy'], { LOG_LEVEL: 'warn' });
  cleanups.push(() => server.stop('SIGKILL'));
  return { httpUrl: server.url.replace(/^ws/, 'http') };
}

function signIn(httpUrl: string, from: string, login: string, password: string): Promise<Response> {
  return fetch(`${httpUrl}${AuthPath.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ login, password }),
  });
}

/** Issue 8, item 9: password spraying from one address against the real server process. */
describe('password spraying', () => {
  it('slows one address across logins, and a colleague elsewhere signs in quickly meanwhile', async () => {
    const { httpUrl } = await startServer();
    // The same sign-in without a spray: this machine's cost of one scrypt check and a round trip.
    const quiet: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      expect((await signIn(httpUrl, COLLEAGUE, 'kollegin', 'kollegin-passwort')).status).toBe(200);
      quiet.push(performance.now() - started);
    }
    quiet.sort((a, b) => a - b);
    const guesses = VICTIMS.flatMap((login) => Array.from({ length: 5 }, (_, i) => ({ login, password: `Sommer2026!${i}` })));
    // Five guesses per login across twelve logins (the per-login limit alone never slows this), from a separate process, four at a time
    // and on until the colleague is done.
    const sprayer = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'spray-process.ts')], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, SPRAY_URL: `${httpUrl}${AuthPath.login}`, SPRAY_GUESSES: JSON.stringify(guesses), SPRAY_FROM: SPRAYER, SPRAY_WORKERS: '4' },
    });
    cleanups.push(() => void sprayer.kill('SIGKILL'));
    let output = '';
    sprayer.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const finished = new Promise<void>((resolve) => sprayer.once('close', () => resolve()));
    while (!output.includes('started')) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // The colleague signs in while the sprayer's first guesses are still being checked.
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const response = await signIn(httpUrl, COLLEAGUE, 'kollegin', 'kollegin-passwort');
      latencies.push(performance.now() - started);
      expect(response.status).toBe(200);
    }
    sprayer.stdin.end();
    await finished;
    const statuses = JSON.parse(output.trim().split('\n').at(-1) ?? '[]') as number[];

    const checked = statuses.filter((status) => status === 401).length;
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    // At most the address's burst of guesses reached a password check (plus what refilled meanwhile).
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(ADDRESS_BURST + 2);
    expect(statuses.length).toBeGreaterThanOrEqual(60);
    latencies.sort((a, b) => a - b);
    process.stderr.write(
      `legitimate sign-in: quiet ${quiet.map((ms) => ms.toFixed(0)).join(', ')} ms; during a spray ${latencies.map((ms) => ms.toFixed(0)).join(', ')} ms (${statuses.length} spray requests)\n`,
    );
    // The sprayer's process and its refused requests share this machine's CPUs, so the bound is a
    // multiple of the quiet cost (2–7× on a 2-core machine at load 15; about 100 ms against 500 ms
    // when idle) and generous; the figures are in `npx tsx tests/bench/sign-in.ts`. What this test
    // pins down is above: at most the address's burst of guesses reaches a password check.
    expect(latencies[2]!).toBeLessThan(Math.max(500, 10 * quiet[1]!));

    // The sprayed accounts are not locked: their owners sign in from their own devices.
    const owner = await signIn(httpUrl, '192.0.2.50', 'person-3', 'person-3-passwort');
    expect(owner.status).toBe(200);
  }, 60_000);
});
