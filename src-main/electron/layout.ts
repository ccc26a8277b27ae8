import path from 'node:path';

/** Where scripts/electron-native.ts puts better-sqlite3 built for Electron's ABI (relative to the repo). */
export const ELECTRON_NATIVE_DIR = path.join('dist', 'native', 'electron');
/** File name of the better-sqlite3 addon. */
export const SQLITE_ADDON = 'better_sqlite3.node';

/** Files the main process needs at run time. */
export interface AppLayout {
  preload: string;
  rendererDir: string;
  /** better-sqlite3 built for Electron's ABI (never the Node build in node_modules). */
  nativeBinding: string;
}

/**
 * Resolves the layout for a dev run (`electron .` in the repo: appPath is the repo root) or a
 * packaged app (appPath is resources/app.asar; the native addon is an extraResource beside it).
 * The bundled indicator data needs no entry: the services find the nearest src-main/data/genesis
 * above the running bundle, which electron-builder puts at resources/src-main/data.
 */
export function resolveLayout(options: { appPath: string; resourcesPath: string; isPackaged: boolean }): AppLayout {
  const { appPath, resourcesPath, isPackaged } = options;
  return {
    preload: path.join(appPath, 'dist', 'electron', 'preload.cjs'),
    rendererDir: path.join(appPath, 'dist', 'renderer'),
    nativeBinding: isPackaged
      ? path.join(resourcesPath, 'native', SQLITE_ADDON)
      : path.join(appPath, ELECTRON_NATIVE_DIR, SQLITE_ADDON),
  };
}
