/**
 * Registers the app shell (service worker, built by scripts/app-shell.ts) so that the browser mode
 * starts without network on a device that opened it before, and then works on its local copies.
 * Only in a browser over http(s) in a secure context (localhost or HTTPS); never in the desktop
 * app (app:// protocol, host bridge present).
 */
export function registerAppShell(): void {
  if (window.fokuswerk || !('serviceWorker' in navigator) || !window.isSecureContext) {
    return;
  }
  if (location.protocol !== 'http:' && location.protocol !== 'https:') {
    return;
  }
  // Without it the app still works online; only the offline start is missing.
  navigator.serviceWorker.register('./sw.js', { scope: './' }).catch(() => undefined);
}
