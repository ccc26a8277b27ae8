import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from './electron/build';
import { ELECTRON_NATIVE_DIR, SQLITE_ADDON } from './electron/layout';
import { browserCommand } from './start/browser-command';
import { checkElectron, earlyExitReason, fallbackMessage } from './start/electron-check';
import type { Reason } from './start/electron-check';
import { openStartLog, type StartLog } from './start/start-log';
import { startWebHost } from './web/host';

/** `npm start`: builds everything, runs Electron if it can start here, else the browser mode. */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** An Electron that is still running after this long is taken to have started. */
const EARLY_EXIT_MS = 4_000;

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const USAGE = `Aufruf / usage: npm start [-- --verbose]
  --verbose  Protokoll (JSON-Zeilen) hier im Terminal statt in .data/logs/start.log / log lines here instead of the log file`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    say(USAGE);
    return;
  }
  const unknown = args.filter((arg) => arg !== '--verbose');
  if (unknown.length > 0) {
    say(`Unbekannte Angabe / unknown argument: ${unknown.join(' ')}\n${USAGE}`);
    process.exit(2);
  }
  // The terminal is for people; the machine-readable log goes to a file unless asked for here.
  const log = openStartLog(ROOT, args.includes('--verbose'));
  say('Fokuswerk wird gebaut … / Building Fokuswerk …');
  if (log.file) {
    say(`Protokoll / log: ${path.relative(ROOT, log.file)} (im Terminal mit / in the terminal with: npm start -- --verbose)`);
  }
  buildRenderer(log);

  let bundleFailure: Reason | undefined;
  try {
    await buildElectron();
  } catch (error: unknown) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    bundleFailure = { de: `Electron-Bundle nicht baubar: ${detail}`, en: `Electron bundle failed to build: ${detail}` };
  }

  const check = checkElectron({
    platform: process.platform,
    env: process.env,
    electronDir: path.join(ROOT, 'node_modules', 'electron'),
    nativeBinding: path.join(ROOT, ELECTRON_NATIVE_DIR, SQLITE_ADDON),
    exists: existsSync,
    readText: (file) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined),
    probe: probeElectron,
  });
  const reason = !check.ok ? check.reason : (bundleFailure ?? (await runElectron(check.binary, log)));
  if (reason) {
    say(fallbackMessage(reason));
    await runBrowserMode(log);
  }
}

function buildRenderer(log: StartLog): void {
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: ['ignore', log.output, log.output] });
  if (result.status !== 0) {
    const where = log.file ? ` – Details: ${path.relative(ROOT, log.file)}` : '';
    throw new Error(`Renderer-Build fehlgeschlagen / renderer build failed (vite build)${where}`);
  }
}

/** `electron --version` loads the binary and its libraries without opening a window. */
function probeElectron(binary: string): { ok: true } | { ok: false; detail: string } {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 10_000, env: electronEnv() });
  if (result.error) {
    return { ok: false, detail: result.error.message };
  }
  if (result.status !== 0) {
    return { ok: false, detail: (result.stderr || `exit ${result.status ?? result.signal}`).trim().split('\n')[0] ?? '' };
  }
  return { ok: true };
}

/**
 * Runs Electron on the repo (package.json main → dist/electron/main.cjs). Resolves with a reason
 * if it dies right away, so the caller can fall back; otherwise exits with Electron's exit code.
 */
function runElectron(binary: string, log: StartLog): Promise<Reason | undefined> {
  say('Fokuswerk startet mit Electron … / Starting Fokuswerk with Electron …');
  return new Promise((resolve) => {
    const startedAt = Date.now();
    const child = spawn(binary, [ROOT], { cwd: ROOT, stdio: ['inherit', log.output, log.output], env: electronEnv() });
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.once('error', (error) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve({ de: error.message, en: error.message });
    });
    child.once('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      if (Date.now() - startedAt < EARLY_EXIT_MS && code !== 0) {
        resolve(earlyExitReason(code, signal));
        return;
      }
      process.exit(code ?? 0);
    });
  });
}

/** Environment for Electron: never as plain Node, even if the caller's shell says so. */
function electronEnv(): NodeJS.ProcessEnv {
  const { ELECTRON_RUN_AS_NODE: _runAsNode, ...env } = process.env;
  return env;
}

async function runBrowserMode(log: StartLog): Promise<void> {
  const port = Number(process.env.PORT ?? 5173);
  const host = await startWebHost({ port, dataDir: path.join(ROOT, '.data', 'app'), logger: log.logger });
  say(`Fokuswerk läuft unter / is running at ${host.url}`);
  say('Beenden mit Strg+C / Stop with Ctrl+C');
  openBrowser(host.url);

  let stopping = false;
  const stop = (): void => {
    if (stopping) {
      process.exit(130);
    }
    stopping = true;
    say('Fokuswerk wird beendet … / Shutting down …');
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        say(`Beenden fehlgeschlagen / shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** Opens the system browser; says so plainly, with the address to open, when it cannot. */
function openBrowser(url: string): void {
  const opener = browserCommand(url, process.platform, process.env, onPath);
  const notOpened = (why: string): void => {
    say(`Kein Browser geöffnet (${why}). Bitte im Browser öffnen / no browser opened, please open: ${url}`);
  };
  if (!opener) {
    notOpened(noOpenerReason(process.platform, process.env));
    return;
  }
  try {
    const child = spawn(opener.command, opener.args, { stdio: 'ignore', detached: true });
    child.on('error', (error) => notOpened(`${opener.command}: ${error.message}`));
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) {
        notOpened(`${opener.command} endete mit / exited with ${code}`);
      }
    });
    child.unref();
    say(`Der Browser wird geöffnet … / Opening the browser …`);
  } catch (error: unknown) {
    notOpened(error instanceof Error ? error.message : String(error));
  }
}

function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function noOpenerReason(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  if (env.BROWSER === 'none') {
    return 'BROWSER=none';
  }
  if (env.CI) {
    return 'CI';
  }
  if (platform !== 'darwin' && platform !== 'win32' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return 'keine grafische Oberfläche / no display';
  }
  return 'xdg-open fehlt / xdg-open is missing';
}

main().catch((error: unknown) => {
  say(`Fokuswerk konnte nicht starten / Fokuswerk could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
