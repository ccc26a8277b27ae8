import { existsSync } from 'node:fs';
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, protocol, session } from 'electron';
import { processLogger } from '../../shared/log';
import type { Logger } from '../../shared/log';
import type { SyncServer } from '../../sync-server/server';
import { contentSecurityPolicy } from '../services/csp';
import { startEmbeddedSync } from './embedded-sync';
import { createHostServices } from '../services/host-services';
import type { HostServices } from '../services/host-services';
import { serveRenderer } from './app-protocol';
import { registerHandlers } from './ipc';
import { resolveLayout } from './layout';
import { buildMenuTemplate } from './menu';
import { guardWebContents, hardenSession, registerAppScheme } from './security';
import { createMainWindow } from './window';
import { electronExportTools } from './export-tools';

/** How long quitting may wait for the services and the sync server to close. */
const SHUTDOWN_TIMEOUT_MS = 5_000;

const logger = processLogger(process, { process: 'electron-main' });

/** Everything started at launch that must be closed on quit. */
interface Running {
  services: HostServices;
  syncServer: SyncServer | undefined;
  unregisterIpc: () => void;
}

let running: Running | undefined;
let mainWindow: BrowserWindow | undefined;

app.enableSandbox();
registerAppScheme(protocol);
guardWebContents(logger);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow && !mainWindow.isDestroyed()) {
      if (mainWindow.isMinimized()) {
        mainWindow.restore();
      }
      mainWindow.focus();
    }
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logger.error('start failed', { error });
      dialog.showErrorBox(
        'Fokuswerk konnte nicht starten',
        `Fokuswerk konnte nicht starten / Fokuswerk could not start:\n${error instanceof Error ? error.message : String(error)}`,
      );
      app.exit(1);
    });
  installShutdown();
}

async function start(): Promise<void> {
  const layout = resolveLayout({
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    isPackaged: app.isPackaged,
  });
  if (!existsSync(layout.nativeBinding)) {
    throw new Error(
      `SQLite-Modul für Electron fehlt / SQLite module for Electron missing: ${layout.nativeBinding}` +
        (app.isPackaged ? '' : '\nnpm run build:electron-native'),
    );
  }
  const dataDir = app.getPath('userData');
  const reportYear = new Date().getFullYear();
  logger.info('starting', { dataDir, reportYear, layout });

  let syncServer: SyncServer | undefined;
  let syncUrl = process.env.FOKUSWERK_SYNC_URL;
  if (!syncUrl) {
    const embedded = await startEmbeddedSync({
      dataDir: path.join(dataDir, 'sync'),
      reportYear,
      nativeBinding: layout.nativeBinding,
      logger: logger.child({ component: 'sync' }),
    });
    syncServer = embedded.server;
    syncUrl = embedded.url;
    logger.info('embedded sync server listening on loopback with a per-launch secret path');
  }
  const csp = contentSecurityPolicy(syncUrl);

  const services = createHostServices({
    dataDir,
    syncUrl,
    syncHttpBase: () => syncUrl.replace(/^ws/, 'http'),
    host: 'desktop',
    reportYear,
    nativeBinding: layout.nativeBinding,
    exportTools: electronExportTools,
    logger: logger.child({ component: 'services' }),
  });
  const unregisterIpc = registerHandlers(ipcMain, services.handlers, { logger: logger.child({ component: 'ipc' }) });
  running = { services, syncServer, unregisterIpc };

  hardenSession(session.defaultSession, csp, logger);
  serveRenderer(session.defaultSession, layout.rendererDir, csp, logger);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({ isMac: process.platform === 'darwin', isDev: !app.isPackaged, onAbout: showAbout }),
    ),
  );

  mainWindow = createMainWindow(layout.preload, logger);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) {
      mainWindow = createMainWindow(layout.preload, logger);
    }
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') {
      app.quit();
    }
  });
}

/** Defers the first quit until services and sync server are closed (bounded by a timeout). */
function installShutdown(): void {
  let closing = false;
  app.on('before-quit', (event) => {
    if (closing || !running) {
      return;
    }
    event.preventDefault();
    closing = true;
    const current = running;
    running = undefined;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_TIMEOUT_MS).unref());
    void Promise.race([closeAll(current, logger), timeout]).finally(() => app.quit());
  });
}

async function closeAll(current: Running, log: Logger): Promise<void> {
  current.unregisterIpc();
  try {
    current.services.close();
  } catch (error: unknown) {
    log.error('closing services failed', { error });
  }
  try {
    await current.syncServer?.close();
  } catch (error: unknown) {
    log.error('closing sync server failed', { error });
  }
  log.info('closed');
}

function showAbout(): void {
  const options: Electron.MessageBoxOptions = {
    type: 'info',
    title: 'Über Fokuswerk',
    message: `Fokuswerk ${app.getVersion()}`,
    detail: 'Kollaborative Sozialplanung für den Kreis Pinneberg.',
    buttons: ['OK'],
  };
  void (mainWindow && !mainWindow.isDestroyed() ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}
