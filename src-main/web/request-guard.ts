import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import os from 'node:os';

/** Why the browser-mode host refuses a request before any route sees it. */
export interface GuardRefusal {
  status: 403 | 415 | 421;
  code: 'foreign-host' | 'foreign-origin' | 'not-json';
  message: string;
}

/** Options of the request guard. */
export interface RequestGuardOptions {
  /** The address the host binds to (`--host`); its name is always served. */
  bindHost: string;
  /** Further names the host is reached by on the LAN (`--allowed-host`), e.g. `fokuswerk.kreis.local`. */
  allowedHosts?: readonly string[];
  /** The machine's own interface addresses; default from os.networkInterfaces() (tests pass their own). */
  interfaceAddresses?: () => readonly string[];
}

/** Checks every request to the browser-mode host against DNS rebinding and cross-site requests. */
export interface RequestGuard {
  /** Every HTTP request and upgrade: the `Host` header must name this host. */
  checkHost(req: IncomingMessage): GuardRefusal | null;
  /**
   * State-changing requests and WebSocket upgrades: a browser's `Origin` must be this host's own
   * origin. Requests without `Origin` come from programs, not from web pages, and pass.
   */
  checkOrigin(req: IncomingMessage): GuardRefusal | null;
  /** Contract calls: the body must be declared JSON, so a foreign page cannot send one without a CORS preflight. */
  checkJson(req: IncomingMessage): GuardRefusal | null;
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];
const WILDCARD_BINDS = new Set(['0.0.0.0', '::', '']);

/**
 * Builds the guard. Names served: `localhost` and the loopback addresses, the bound address, the
 * names given with `allowedHosts`, and, when bound to all interfaces, this machine's own
 * addresses (what iPads on the LAN type in). A name a DNS server points at this machine is not
 * enough: that is how DNS rebinding reaches a service on 127.0.0.1.
 */
export function createRequestGuard(options: RequestGuardOptions): RequestGuard {
  const fixed = new Set([...LOOPBACK_NAMES, ...(options.allowedHosts ?? [])].map(normalizeHostname));
  const bind = normalizeHostname(options.bindHost);
  const wildcard = WILDCARD_BINDS.has(bind);
  if (!wildcard) {
    fixed.add(bind);
  }
  const interfaces = options.interfaceAddresses ?? ownInterfaceAddresses;
  const served = (hostname: string): boolean =>
    fixed.has(hostname) || (wildcard && isIP(hostname) !== 0 && interfaces().map(normalizeHostname).includes(hostname));

  const checkHost = (req: IncomingMessage): GuardRefusal | null => {
    const host = parseHostHeader(req.headers.host);
    if (host === null || !served(host.hostname)) {
      return {
        status: 421,
        code: 'foreign-host',
        message: `Unbekannter Hostname „${req.headers.host ?? ''}“; mit --allowed-host freigeben / unknown host name, allow it with --allowed-host`,
      };
    }
    return null;
  };

  const checkOrigin = (req: IncomingMessage): GuardRefusal | null => {
    const origin = req.headers.origin;
    if (origin === undefined) {
      return null;
    }
    const host = parseHostHeader(req.headers.host);
    let own = false;
    try {
      const url = new URL(origin);
      // https: behind a TLS-terminating reverse proxy that keeps the Host header.
      own = host !== null && (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host.host && served(normalizeHostname(url.hostname));
    } catch {
      own = false; // "null" (sandboxed frames, file://) and garbage are foreign
    }
    return own
      ? null
      : { status: 403, code: 'foreign-origin', message: 'Anfrage von einer fremden Webseite abgelehnt / request from a foreign web page refused' };
  };

  const checkJson = (req: IncomingMessage): GuardRefusal | null =>
    /^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')
      ? null
      : { status: 415, code: 'not-json', message: 'Content-Type muss application/json sein / content type must be application/json' };

  return { checkHost, checkOrigin, checkJson };
}

/** `host[:port]` of a Host header, lower case, IPv6 without brackets; null if malformed. */
function parseHostHeader(header: string | undefined): { host: string; hostname: string } | null {
  if (header === undefined || header === '') {
    return null;
  }
  try {
    const url = new URL(`http://${header}`);
    if (url.username !== '' || url.password !== '' || url.pathname !== '/' || url.search !== '' || url.hash !== '') {
      return null;
    }
    return { host: url.host, hostname: normalizeHostname(url.hostname) };
  } catch {
    return null;
  }
}

function normalizeHostname(name: string): string {
  return name.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

function ownInterfaceAddresses(): string[] {
  return Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((entry) => entry.address));
}
