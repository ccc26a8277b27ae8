import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** A real server process started for a test. */
export interface RunningProcess {
  url: string;
  port: number;
  /** Stops the process (SIGTERM: graceful; SIGKILL: crash) and waits until it has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** A fresh temporary folder for a server's data. */
export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `fokuswerk-${prefix}-`));
}

/** Servers started here and still running; killed when the test worker exits, whatever the tests did. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) {
    child.kill('SIGKILL');
  }
});

function startProcess(args: string[], readyLine: RegExp, name: string): Promise<RunningProcess> {
  // One process (node with tsx's loader), so a SIGKILL really kills the server, as a crash would.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LOG_LEVEL: 'warn' } });
  running.add(child);
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => running.delete(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = readyLine.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        const url = match[1];
        resolve({
          url,
          port: Number(new URL(url.replace(/^ws/, 'http')).port),
          stop: async (signal = 'SIGTERM') => {
            if (child.exitCode === null && child.signalCode === null) {
              child.kill(signal);
            }
            await exited;
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it was ready:\n${output}`));
    });
  });
}

/** Starts the standalone sync server (`npm run sync-server`) on a data folder, seeding the demo workspace if empty. */
export function startSyncServer(dataDir: string, port = 0, extraArgs: string[] = []): Promise<RunningProcess> {
  return startProcess(['sync-server/cli.ts', '--port', String(port), '--data', dataDir, '--seed-demo', ...extraArgs], /listening on (ws:\/\/\S+)/, 'sync server');
}

/** Runs one `npm run admin` command on a data folder; resolves with its output. */
export function admin(dataDir: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/admin/cli.ts', '--data', dataDir, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`admin ${args.join(' ')} failed (${code}):\n${output}`))));
  });
}

/** Starts the browser-mode host (`npm run serve`) against an external sync server. */
export function startHost(dataDir: string, syncUrl: string, extraArgs: string[] = []): Promise<RunningProcess> {
  return startProcess(['src-main/web/cli.ts', '--port', '0', '--data', dataDir, '--sync', syncUrl, ...extraArgs], /läuft auf (http:\/\/\S+)/, 'browser host');
}

/** Starts the browser-mode host over HTTPS with its embedded sync server (`npm run serve -- --tls-cert … --tls-key …`). */
export function startHttpsHost(dataDir: string, certFile: string, keyFile: string): Promise<RunningProcess> {
  return startProcess(['src-main/web/cli.ts', '--port', '0', '--data', dataDir, '--tls-cert', certFile, '--tls-key', keyFile], /läuft auf (https:\/\/\S+)/, 'browser host (https)');
}
