import { app, shell } from 'electron';
import type { Session } from 'electron';
import type { Logger } from '../../shared/log';
import { APP_ORIGIN, APP_SCHEME, isAppUrl, isExternalWebUrl } from './origin';

/**
 * The only permissions a page may get, and only on our own origin: writing to the clipboard and
 * reaching the sync server on this machine or the local network. Everything else is denied.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set([
  'clipboard-sanitized-write',
  'loopback-network',
  'local-network',
  'local-network-access',
]);

/** Must run before `app.ready`: declares app:// a standard, secure scheme (not CSP-bypassing). */
export function registerAppScheme(protocol: Electron.Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/**
 * Guards every webContents the app ever creates: no navigation away from our origin, no new
 * windows (http/https links go to the system browser), no <webview>.
 */
export function guardWebContents(logger: Logger): void {
  app.on('web-contents-created', (_event, contents) => {
    const refuseForeign = (event: Electron.Event, url: string, kind: string): void => {
      if (!isAppUrl(url)) {
        event.preventDefault();
        logger.warn(`${kind} blocked`, { url });
      }
    };
    contents.on('will-navigate', (event) => refuseForeign(event, event.url, 'navigation'));
    contents.on('will-frame-navigate', (event) => refuseForeign(event, event.url, 'frame navigation'));
    contents.on('will-redirect', (event) => refuseForeign(event, event.url, 'redirect'));
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      logger.warn('webview blocked');
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (isExternalWebUrl(url)) {
        shell.openExternal(url).catch((error: unknown) => logger.warn('could not open link', { url, error }));
      } else {
        logger.warn('window.open blocked', { url });
      }
      return { action: 'deny' };
    });
  });
}

/** Denies permissions by default and puts the CSP on every response the session sees. */
export function hardenSession(session: Session, csp: string, logger: Logger): void {
  session.setPermissionRequestHandler((contents, permission, callback) => {
    const granted = ALLOWED_PERMISSIONS.has(permission) && isAppUrl(contents.getURL());
    if (!granted) {
      logger.warn('permission denied', { permission });
    }
    callback(granted);
  });
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) => ALLOWED_PERMISSIONS.has(permission) && requestingOrigin === APP_ORIGIN,
  );
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') {
        delete headers[name];
      }
    }
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
}
