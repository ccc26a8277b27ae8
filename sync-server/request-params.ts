import {
  CAPABILITIES_PARAM,
  CAPABILITY_ACCESS,
  CAPABILITY_STORED,
  PROTOCOL_VERSION_PARAM,
  SYNC_PROTOCOL_VERSION,
  TOKEN_PARAM,
} from '../shared/sync/protocol.js';
import { parseDocName } from '../shared/sync/doc-names.js';

/** What a connection URL asks for, once checked. */
export type ConnectionRequest =
  | { ok: true; docName: string; token: string | null; wantsStoredAcks: boolean; wantsAccessMessages: boolean }
  | { ok: false; error: 'outside-prefix' }
  | { ok: false; error: 'protocol-mismatch'; clientVersion: string }
  | { ok: false; error: 'unknown-document'; name: string };

/** Normalises a path prefix to '' or '/segment[/segment…]' without a trailing slash. */
export function normalizePathPrefix(prefix: string | undefined): string {
  const trimmed = (prefix ?? '').replace(/\/+$/, '');
  if (trimmed === '') {
    return '';
  }
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** Reads document name, protocol version, capabilities and token from an upgrade request URL. */
export function parseConnectionUrl(rawUrl: string, pathPrefix: string): ConnectionRequest {
  const url = new URL(rawUrl, 'http://localhost');
  let path = url.pathname;
  if (pathPrefix !== '') {
    if (path !== pathPrefix && !path.startsWith(`${pathPrefix}/`)) {
      return { ok: false, error: 'outside-prefix' };
    }
    path = path.slice(pathPrefix.length);
  }
  const version = url.searchParams.get(PROTOCOL_VERSION_PARAM);
  if (version !== null && version !== String(SYNC_PROTOCOL_VERSION)) {
    return { ok: false, error: 'protocol-mismatch', clientVersion: version };
  }
  let name: string;
  try {
    name = decodeURIComponent(path.replace(/^\//, ''));
  } catch {
    return { ok: false, error: 'unknown-document', name: path };
  }
  if (parseDocName(name) === null) {
    return { ok: false, error: 'unknown-document', name };
  }
  const caps = (url.searchParams.get(CAPABILITIES_PARAM) ?? '').split(',').map((cap) => cap.trim());
  return {
    ok: true,
    docName: name,
    token: url.searchParams.get(TOKEN_PARAM),
    wantsStoredAcks: caps.includes(CAPABILITY_STORED),
    wantsAccessMessages: caps.includes(CAPABILITY_ACCESS),
  };
}
