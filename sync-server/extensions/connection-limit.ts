import { CloseCode } from '../../shared/sync/protocol.js';
import { closeReasons } from '../close-reasons.js';
import type { SyncExtension } from '../extension.js';

/**
 * Limits the open connections of one account (all documents and devices together), so one
 * account cannot exhaust the server. Connections without an identity (no accounts) are not counted.
 */
export function connectionLimitExtension(maxConnectionsPerUser: number): SyncExtension {
  /** Login → ids of its connections that joined a document. */
  const open = new Map<string, Set<number>>();
  return {
    name: 'connection-limit',
    onConnect({ identity }) {
      const count = identity === null ? 0 : (open.get(identity.login)?.size ?? 0);
      if (count < maxConnectionsPerUser) {
        return undefined;
      }
      return { code: CloseCode.TooManyConnections, reason: closeReasons.tooManyConnections(maxConnectionsPerUser) };
    },
    onConnected({ id, identity }) {
      if (identity !== null) {
        const ids = open.get(identity.login) ?? new Set<number>();
        ids.add(id);
        open.set(identity.login, ids);
      }
    },
    onDisconnect({ id, identity }) {
      const ids = identity === null ? undefined : open.get(identity.login);
      if (ids !== undefined && identity !== null) {
        ids.delete(id);
        if (ids.size === 0) {
          open.delete(identity.login);
        }
      }
    },
  };
}
