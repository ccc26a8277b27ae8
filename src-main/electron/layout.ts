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
  /** Bundled indicator data (src-main/data in the repo, resources/data when packaged). */
  indicatorDataDir: string;
}

/**
 * Resolves the layout for a dev run (`electron .` in the repo: appPath is the repo root) or a
 * packaged app (appPath is resources/app.asar; natives and data are extraResources beside it).
 */
export function resolveLayout(options: { appPath: string; resourcesPath: string; isPackaged: boolean }): AppLayout {
  const { appPath, resourcesPath, isPackaged } = options;
  return {
    preload: path.join(appPath, 'dist', 'electron', 'preload.cjs'),
    rendererDir: path.join(appPath, 'dist', 'renderer'),
    nativeBinding: isPackaged
      ? path.join(resourcesPath, 'native', SQLITE_ADDON)
      : path.join(appPath, ELECTRON_NATIVE_DIR, SQLITE_ADDON),
    indicatorDataDir: isPackaged ? path.join(resourcesPath, 'data') : path.join(appPath, 'src-main', 'data'),
  };
}
