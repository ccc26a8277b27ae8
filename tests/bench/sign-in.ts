/**
 * Sign-in latency during password spraying (issue 8, item 9), printed as one JSON object: the
 * median and maximum of a colleague's sign-ins from one address, first quiet, then while a
 * separate process sprays guesses across twelve logins from another address (four at a time),
 * against the real server process (`--auth --trust-proxy`). The target is under 500 ms during the
 * spray on an otherwise idle machine.
 *
 * Run: npx tsx tests/bench/sign-in.ts [-- --samples 10]
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuthPath } from '../../shared/sync/auth-api';
import { startAuthServer, startServerProcess } from '../../sync-server/test-support';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const samplesArg = process.argv.indexOf('--samples');
const SAMPLES = samplesArg > 0 ? Number(process.argv[samplesArg + 1]) : 10;
const VICTIMS = Array.from({ length: 12 }, (_, i) => `person-${i}`);

function signIn(httpUrl: string, from: string, login: string, password: string): Promise<Response> {
  return fetch(`${httpUrl}${AuthPath.login}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify({ login, password }),
  });
}

async function latencies(httpUrl: string): Promise<{ medianMs: number; maxMs: number }> {
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const started = performance.now();
    const response = await signIn(httpUrl, '198.51.100.4', 'kollegin', 'kollegin-passwort');
    await response.arrayBuffer();
    if (response.status !== 200) {
      throw new Error(`sign-in failed with ${response.status}`);
    }
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: Math.round(samples[Math.floor(samples.length / 2)] ?? 0), maxMs: Math.round(samples.at(-1) ?? 0) };
}

const setup = await startAuthServer({
  accounts: [
    ...VICTIMS.map((login) => ({ login, name: login, role: 'member' as const, password: `${login}-passwort` })),
    { login: 'kollegin', name: 'Kollegin', role: 'member', password: 'kollegin-passwort' },
  ],
  groups: [],
});
await setup.server.close();
const server = await startServerProcess(['--port', '0', '--data', setup.dir, '--auth', '--trust-proxy'], { LOG_LEVEL: 'warn' });
try {
  const httpUrl = server.url.replace(/^ws/, 'http');
  const quiet = await latencies(httpUrl);
  const guesses = VICTIMS.flatMap((login) => Array.from({ length: 5 }, (_, i) => ({ login, password: `Sommer2026!${i}` })));
  const sprayer = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, '../integration/spray-process.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, SPRAY_URL: `${httpUrl}${AuthPath.login}`, SPRAY_GUESSES: JSON.stringify(guesses), SPRAY_FROM: '203.0.113.7', SPRAY_WORKERS: '4' },
  });
  let output = '';
  sprayer.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const finished = new Promise<void>((resolve) => sprayer.once('close', () => resolve()));
  while (!output.includes('started')) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const duringSpray = await latencies(httpUrl);
  sprayer.stdin.end();
  await finished;
  const statuses = JSON.parse(output.trim().split('\n').at(-1) ?? '[]') as number[];
  process.stdout.write(
    `${JSON.stringify({
      samples: SAMPLES,
      quiet,
      duringSpray,
      sprayRequests: statuses.length,
      sprayPasswordChecks: statuses.filter((status) => status === 401).length,
      sprayRefused: statuses.filter((status) => status === 429).length,
    })}\n`,
  );
} finally {
  await server.stop('SIGKILL');
  rmSync(setup.dir, { recursive: true, force: true });
}
