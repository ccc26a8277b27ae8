/**
 * Server processes for the sync benchmark: our sync server (sync-server/cli.ts) and the reference
 * y-websocket server (@y/websocket-server, in memory, no auth), each started as its own Node
 * process so its CPU time and peak RSS can be read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUR_READY = /^Fokuswerk sync server listening on (ws:\/\/\S+)$/;
const REFERENCE_READY = /^running at/;

/** A server process under test. */
export interface ServerProcess {
  name: string;
  url: string;
  pid: number;
  /** Last lines of stderr, for error messages. */
  stderrTail(): string;
  stop(): Promise<void>;
}

/** CPU time (user + system) and peak resident set of a process, from /proc. */
export interface ProcessSample {
  cpuSeconds: number;
  peakRssMb: number;
}

/** Reads utime+stime (/proc/<pid>/stat) and VmHWM (/proc/<pid>/status) of `pid`. */
export function sampleProcess(pid: number): ProcessSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may itself contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100; // USER_HZ, 100 on Linux x86_64 and arm64
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(status);
  return { cpuSeconds, peakRssMb: hwm?.[1] === undefined ? Number.NaN : Number(hwm[1]) / 1024 };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Spawns `args` with node and resolves once a stdout line matches `ready`. */
async function startNode(
  name: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  urlOf: (match: RegExpExecArray) => string,
): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr.push(chunk);
    if (stderr.length > 50) {
      stderr.shift();
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stderrTail = (): string => stderr.join('').slice(-2000);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: no ready line after 20 s; stderr: ${stderrTail()}`)), 20_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = ready.exec(line);
      if (match !== null) {
        clearTimeout(timer);
        resolve(urlOf(match));
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${name} exited before it was ready; stderr: ${stderrTail()}`));
    });
  });
  if (child.pid === undefined) {
    throw new Error(`${name}: no pid`);
  }
  return {
    name,
    url,
    pid: child.pid,
    stderrTail,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
    },
  };
}

/** Extra Node flags for our server from BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof". */
function nodeArgsFromEnv(): string[] {
  return (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter((arg) => arg !== '');
}

/** Our sync server on a free port with its database in `dataDir` (durable SQLite persistence). */
export async function startOurServer(dataDir: string, extraArgs: readonly string[] = []): Promise<ServerProcess> {
  return startNode(
    'fokuswerk',
    [...nodeArgsFromEnv(), '--import', 'tsx', path.join(ROOT, 'sync-server', 'cli.ts'), '--port', '0', '--data', dataDir, ...extraArgs],
    { ...process.env, LOG_LEVEL: 'warn' },
    OUR_READY,
    (match) => match[1] ?? '',
  );
}

/** The reference y-websocket server (@y/websocket-server's own bin), in memory, on a free port. */
export async function startReferenceServer(): Promise<ServerProcess> {
  const port = await freePort();
  // Without YPERSISTENCE the reference server keeps documents in memory only.
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), YPERSISTENCE: undefined };
  return startNode(
    'y-websocket-server',
    [path.join(ROOT, 'node_modules', '@y', 'websocket-server', 'src', 'server.js')],
    env,
    REFERENCE_READY,
    () => `ws://127.0.0.1:${port}`,
  );
}
