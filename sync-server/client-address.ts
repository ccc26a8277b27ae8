import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';

const LOOPBACK = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/** True for an address of this machine's loopback interface. */
export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && LOOPBACK.test(address);
}

/** True if a proxy (or the browser-mode host) says it forwarded the request for someone else. */
export function isForwarded(req: IncomingMessage): boolean {
  return req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
}

/**
 * The address of the device behind a request, for per-device limits and logs. A browser-mode host
 * or a reverse proxy on the same machine passes it in `X-Forwarded-For`; that header is believed
 * only with `trustProxy` and only from the loopback interface, so nobody elsewhere can pick an
 * address of their choice. The last entry is the one our own proxy added.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  const header = req.headers['x-forwarded-for'];
  if (!trustProxy || !isLoopback(peer) || header === undefined) {
    return peer;
  }
  const entries = (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  return entries.at(-1) ?? peer;
}

/**
 * The key under which an address's attempts are counted: an IPv4 address (also when written as
 * IPv4-mapped IPv6) as it is, an IPv6 address by its /64 network, since one connection to the
 * internet gets a whole /64 and could otherwise pick a fresh address for every guess.
 */
export function addressForLimits(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped?.[1] !== undefined) {
    return mapped[1];
  }
  if (!isIPv6(address)) {
    return address;
  }
  const [head = '', tail = ''] = address.split('%')[0]!.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = address.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((group) => (Number.parseInt(group, 16) || 0).toString(16)).join(':')}::/64`;
}
