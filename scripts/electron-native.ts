import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { processLogger } from '../shared/log';
import { ELECTRON_NATIVE_DIR, SQLITE_ADDON } from '../src-main/electron/layout';

/**
 * Builds better-sqlite3 for Electron's ABI into dist/native/electron/, from a temporary copy of
 * node_modules/better-sqlite3, so the Node build there (tests, browser mode) stays untouched.
 *
 *   tsx scripts/electron-native.ts [--arch=x64|arm64]
 *
 * Needs Electron's headers: downloaded from ELECTRON_HEADERS_URL (default
 * https://electronjs.org/headers) into ~/.electron-gyp, or an unpacked header directory given as
 * ELECTRON_HEADERS_DIR. Plus the usual node-gyp toolchain (Python, a C++ compiler).
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const logger = processLogger(process, { script: 'electron-native' });

class NativeBuildError extends Error {}

async function main(): Promise<void> {
  const electronPkg = readJson(path.join(ROOT, 'node_modules', 'electron', 'package.json'));
  const electronVersion = String(electronPkg.version);
  const abi = readOptional(path.join(ROOT, 'node_modules', 'electron', 'abi_version'))?.trim();
  const arch = process.argv.find((arg) => arg.startsWith('--arch='))?.slice('--arch='.length) ?? process.arch;
  const distUrl = process.env.ELECTRON_HEADERS_URL ?? 'https://electronjs.org/headers';
  const headersDir = process.env.ELECTRON_HEADERS_DIR;
  const source = path.join(ROOT, 'node_modules', 'better-sqlite3');
  const nodeBuild = path.join(source, 'build', 'Release', SQLITE_ADDON);
  const outDir = path.join(ROOT, ELECTRON_NATIVE_DIR);
  const nodeGyp = path.join(ROOT, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');

  if (!existsSync(source) || !existsSync(nodeGyp)) {
    throw new NativeBuildError('better-sqlite3 oder node-gyp fehlt in node_modules / missing in node_modules: npm install');
  }
  const sqliteVersion = String(readJson(path.join(source, 'package.json')).version);
  logger.info('building better-sqlite3 for electron', { electronVersion, abi, arch, sqliteVersion });

  if (headersDir) {
    ensureHeadersMatch(headersDir, abi);
  } else {
    await ensureHeadersReachable(electronVersion, distUrl);
  }

  const nodeBuildHash = hashIfExists(nodeBuild);
  const work = mkdtempSync(path.join(tmpdir(), 'fokuswerk-sqlite-electron-'));
  try {
    const copy = path.join(work, 'better-sqlite3');
    cpSync(source, copy, {
      recursive: true,
      filter: (file) => path.relative(source, file).split(path.sep)[0] !== 'build',
    });
    const args = [
      nodeGyp,
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--arch=${arch}`,
      `--dist-url=${distUrl}`,
      ...(headersDir ? [`--nodedir=${headersDir}`] : []),
    ];
    const result = spawnSync(process.execPath, args, { cwd: copy, stdio: 'inherit', env: gypEnv() });
    if (result.status !== 0) {
      throw new NativeBuildError(
        `node-gyp ist fehlgeschlagen (Exit ${result.status ?? result.signal}) / node-gyp failed (exit ${result.status ?? result.signal}). ` +
          'Prüfen: Electron-Header erreichbar, Python und C++-Compiler installiert / check: Electron headers reachable, Python and a C++ compiler installed.',
      );
    }
    mkdirSync(outDir, { recursive: true });
    copyFileSync(path.join(copy, 'build', 'Release', SQLITE_ADDON), path.join(outDir, SQLITE_ADDON));
    writeFileSync(
      path.join(outDir, 'build-info.json'),
      `${JSON.stringify({ electronVersion, abi, platform: process.platform, arch, sqliteVersion }, null, 2)}\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (hashIfExists(nodeBuild) !== nodeBuildHash) {
    throw new NativeBuildError(`Die Node-Build wurde verändert / the Node build was modified: ${nodeBuild}`);
  }
  logger.info('electron build of better-sqlite3 written', { file: path.relative(ROOT, path.join(outDir, SQLITE_ADDON)) });
}

/**
 * Fails fast, with a plain explanation, when the headers are neither cached nor downloadable;
 * node-gyp itself would otherwise fail late with a generic network error.
 */
async function ensureHeadersReachable(version: string, distUrl: string): Promise<void> {
  const cached = path.join(process.env.npm_config_devdir ?? path.join(homedir(), '.electron-gyp'), version, 'include', 'node');
  if (existsSync(cached)) {
    return;
  }
  const url = `${distUrl}/v${version}/SHASUMS256.txt`;
  try {
    const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(15_000), redirect: 'follow' });
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
  } catch (error: unknown) {
    const detail = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    throw new NativeBuildError(
      `Die Electron-Header für ${version} sind nicht erreichbar (${url}: ${detail}). ` +
        'better-sqlite3 kann ohne sie nicht für Electron gebaut werden; die Node-Build in node_modules bleibt unverändert. ' +
        'Abhilfe: Netzzugang zu electronjs.org, ELECTRON_HEADERS_URL=<Spiegel> oder ELECTRON_HEADERS_DIR=<entpackte Header>. / ' +
        `Electron headers for ${version} are unreachable (${url}: ${detail}). ` +
        'better-sqlite3 cannot be built for Electron without them; the Node build in node_modules is untouched. ' +
        'Fix: network access to electronjs.org, ELECTRON_HEADERS_URL=<mirror> or ELECTRON_HEADERS_DIR=<unpacked headers>.',
    );
  }
}

/** Refuses a header directory of another ABI (e.g. Node's own headers), which would build a useless addon. */
function ensureHeadersMatch(headersDir: string, abi: string | undefined): void {
  // Electron's headers carry their ABI in config.gypi (node_version.h only has Node's as fallback).
  const config = readOptional(path.join(headersDir, 'include', 'node', 'config.gypi'));
  const header = readOptional(path.join(headersDir, 'include', 'node', 'node_version.h'));
  const found =
    config?.match(/['"]node_module_version['"]\s*:\s*(\d+)/)?.[1] ?? header?.match(/#define NODE_MODULE_VERSION (\d+)/)?.[1];
  if (!found || (abi && found !== abi)) {
    throw new NativeBuildError(
      `ELECTRON_HEADERS_DIR=${headersDir} enthält nicht die Header für ABI ${abi ?? '?'} (gefunden: ${found ?? 'keine'}) / ` +
        `does not hold the headers for ABI ${abi ?? '?'} (found: ${found ?? 'none'})`,
    );
  }
}

/** node-gyp must not pick up npm's `nodedir` (Node's headers): that would build for the wrong ABI. */
function gypEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (lower !== 'npm_config_nodedir' && lower !== 'npm_config_target' && lower !== 'npm_config_runtime' && lower !== 'npm_config_disturl') {
      env[key] = value;
    }
  }
  return env;
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function readOptional(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function hashIfExists(file: string): string | undefined {
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : undefined;
}

main().catch((error: unknown) => {
  if (error instanceof NativeBuildError) {
    logger.error(error.message);
  } else {
    logger.error('electron native build failed', { error });
  }
  process.exitCode = 1;
});
