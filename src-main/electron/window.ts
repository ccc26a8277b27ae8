import { BrowserWindow, dialog } from 'electron';
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
  // The renderer vetoes unloading while the server has not confirmed every change; ask the person.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'warning',
      buttons: ['Trotzdem beenden / Quit anyway', 'Abbrechen / Cancel'],
      defaultId: 1,
      cancelId: 1,
      title: 'Nicht synchronisierte Änderungen',
      message: 'Einige Änderungen sind noch nicht auf dem Server gespeichert. / Some changes are not yet saved on the server.',
      detail:
        'Sie bleiben auf diesem Gerät erhalten und werden beim nächsten Start synchronisiert. / They stay on this device and are synchronised at the next start.',
    });
    if (choice === 0) {
      event.preventDefault();
    }
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    logger.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode });
  });
  window.loadURL(APP_ENTRY_URL).catch((error: unknown) => logger.error('could not load renderer', { error }));
  return window;
}
