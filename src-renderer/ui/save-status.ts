import type { SyncStatus } from '../sync/doc-connection';

/** What the save part of the status line says: nothing, "Gespeichert", or N unconfirmed changes. */
export type SaveState = { kind: 'none' } | { kind: 'saved' } | { kind: 'unsynced'; count: number };

/**
 * "Gespeichert" only when the server has confirmed everything in this session and the connection is
 * up; any change the server has not confirmed is counted, online or not.
 */
export function saveState(status: Pick<SyncStatus, 'connection' | 'serverSynced' | 'unsynced'>): SaveState {
  if (status.unsynced > 0) {
    return { kind: 'unsynced', count: status.unsynced };
  }
  return status.connection === 'connected' && status.serverSynced ? { kind: 'saved' } : { kind: 'none' };
}
