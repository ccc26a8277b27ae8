/**
 * The renderer's Content-Security-Policy, for both hosts. Scripts only from our own origin;
 * network only to our own origin and, if given, the external sync server's origin.
 * Throws for a sync URL that is not ws(s)://, so a misconfiguration cannot widen the policy.
 */
export function contentSecurityPolicy(syncUrl: string | null): string {
  let connect = "connect-src 'self'";
  if (syncUrl) {
    const sync = new URL(syncUrl);
    if (sync.protocol !== 'ws:' && sync.protocol !== 'wss:') {
      throw new Error(`Sync-URL muss ws:// oder wss:// sein / sync URL must be ws:// or wss://: ${syncUrl}`);
    }
    connect += ` ${sync.origin}`;
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Tiptap, carets and charts set style attributes; no inline scripts are allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    connect,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
