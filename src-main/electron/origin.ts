/** The privileged custom scheme the renderer is served from (never file://). */
export const APP_SCHEME = 'app';
/** Host part of the app origin: app://fokuswerk/… */
export const APP_HOST = 'fokuswerk';
/** The renderer's own origin, as Chromium reports it for a standard scheme. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True if `url` belongs to the app origin. Compares scheme and host explicitly: Node's WHATWG URL
 * reports the origin of a custom scheme as "null", so `new URL(url).origin` cannot be used here.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** True for links that may be handed to the system browser. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}
