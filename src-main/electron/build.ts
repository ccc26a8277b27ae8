import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BuildOptions, Metafile } from 'esbuild';
import { processLogger } from '../../shared/log';

/** Repository root (this file lives in src-main/electron). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Output directory of the Electron bundles. */
export const ELECTRON_OUT_DIR = path.join(ROOT, 'dist', 'electron');

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  absWorkingDir: ROOT,
  logLevel: 'warning',
  metafile: true,
  legalComments: 'none',
};

/** Externals of the main bundle: provided by Electron, native, or optional. */
const MAIN_EXTERNALS = ['electron', 'better-sqlite3', 'bufferutil', 'utf-8-validate'];

/** esbuild options of the main-process bundle (dist/electron/main.cjs). */
export const mainBuildOptions: BuildOptions = {
  ...common,
  // Worker threads run beside main.cjs from their own bundles: the indicator import worker as
  // import-worker.cjs (see import-runner.ts), the sync server's SQLite writer as
  // doc-writer-worker.cjs (see sync-server/persistence.ts).
  entryPoints: {
    main: 'src-main/electron/main.ts',
    'import-worker': 'src-main/services/indicators/import-worker.ts',
    'doc-writer-worker': 'sync-server/doc-writer-worker.ts',
  },
  outdir: ELECTRON_OUT_DIR,
  outExtension: { '.js': '.cjs' },
  // ws's optional native speed-ups are loaded in try/catch; keep them out of the bundle.
  external: MAIN_EXTERNALS,
  sourcemap: 'linked',
  // Bundled ESM code that asks for import.meta.url gets the bundle's own file URL.
  define: { 'import.meta.url': '__fokuswerkImportMetaUrl' },
  banner: { js: 'const __fokuswerkImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
};

/** esbuild options of the preload bundle (dist/electron/preload.cjs); only electron is external. */
export const preloadBuildOptions: BuildOptions = {
  ...common,
  entryPoints: { preload: 'src-main/electron/preload.ts' },
  outdir: ELECTRON_OUT_DIR,
  outExtension: { '.js': '.cjs' },
  external: ['electron'],
  minifySyntax: true,
};

/**
 * Bundles the main process (→ dist/electron/main.cjs) and the preload (→ dist/electron/preload.cjs)
 * as CommonJS. Electron and better-sqlite3 stay external (the native addon is loaded from its
 * Electron-ABI build at run time). Fails if the preload would require anything but electron:
 * sandboxed preloads cannot load other modules.
 */
export async function buildElectron(): Promise<void> {
  const [main, preload] = await Promise.all([build(mainBuildOptions), build(preloadBuildOptions)]);
  const foreign = externalImports(preload.metafile).filter((name) => name !== 'electron');
  if (foreign.length > 0) {
    throw new Error(`preload must only require electron, but requires: ${foreign.join(', ')}`);
  }
  const unexpected = externalImports(main.metafile).filter(
    (name) => !MAIN_EXTERNALS.includes(name) && !name.startsWith('node:') && !isBuiltin(name),
  );
  if (unexpected.length > 0) {
    throw new Error(`main bundle has unexpected external imports: ${unexpected.join(', ')}`);
  }
}

function externalImports(metafile: Metafile | undefined): string[] {
  const names = new Set<string>();
  for (const output of Object.values(metafile?.outputs ?? {})) {
    for (const imported of output.imports) {
      if (imported.external) {
        names.add(imported.path);
      }
    }
  }
  return [...names];
}

function isBuiltin(name: string): boolean {
  return builtinModules.includes(name.split('/')[0] ?? name);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const logger = processLogger(process);
  try {
    await buildElectron();
    logger.info('electron bundles written', { outDir: path.relative(ROOT, ELECTRON_OUT_DIR) });
  } catch (error: unknown) {
    logger.error('electron build failed', { error: error instanceof Error ? error.message : error });
    process.exitCode = 1;
  }
}
