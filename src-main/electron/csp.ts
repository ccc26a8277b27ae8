/**
 * The renderer's Content-Security-Policy. `syncUrl` is the y-websocket endpoint; its origin is the
 * only network destination besides our own scheme. Throws for a sync URL that is not ws(s)://, so
 * a misconfiguration cannot silently widen the policy.
 */
export function buildCsp(syncUrl: string): string {
  const sync = new URL(syncUrl);
  if (sync.protocol !== 'ws:' && sync.protocol !== 'wss:') {
    throw new Error(`Sync-URL muss ws:// oder wss:// sein / sync URL must be ws:// or wss://: ${syncUrl}`);
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ${sync.origin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
