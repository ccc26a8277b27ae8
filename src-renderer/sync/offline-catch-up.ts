import type { SyncStatus } from './doc-connection';
import type { DocRegistry } from './doc-registry';
import { documentsWithUnconfirmedChanges } from './local-copies';

/**
 * Opens every document with unconfirmed local changes until the server has confirmed them, so
 * changes made offline reach the server at the next start even if nobody opens their document
 * again. Returns a stop function.
 */
export function syncUnconfirmedCopies(registry: DocRegistry, scope: string): () => void {
  const releases = new Set<() => void>();
  let stopped = false;
  void documentsWithUnconfirmedChanges(scope).then((names) => {
    for (const name of names) {
      if (stopped) {
        return;
      }
      const handle = registry.acquire(name);
      let unsubscribe = (): void => undefined;
      const release = (): void => {
        unsubscribe();
        handle.release();
        releases.delete(release);
      };
      releases.add(release);
      const check = (status: SyncStatus): void => {
        const confirmed = status.localLoaded && status.serverSynced && status.unsynced === 0;
        if (confirmed || status.connection === 'refused') {
          release();
        }
      };
      unsubscribe = handle.connection.subscribe(check);
      check(handle.connection.getStatus());
    }
  });
  return () => {
    stopped = true;
    for (const release of [...releases]) {
      release();
    }
  };
}
