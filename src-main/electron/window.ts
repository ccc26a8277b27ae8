import { BrowserWindow } from 'electron';
import type { Logger } from '../../shared/log';
import { APP_ENTRY_URL } from './origin';

/** Opens the main window with Electron's security checklist applied and loads app://fokuswerk. */
export function createMainWindow(preload: string, logger: Logger): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Fokuswerk',
    width: 1360,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode });
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => logger.error('could not load renderer', { error }));
  return window;
}
