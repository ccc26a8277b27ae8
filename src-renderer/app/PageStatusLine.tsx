import { useSyncExternalStore, type ReactNode } from 'react';
import type { PageStatusStore } from '../ui/page-status';
import { DocStatusLine, OverallStatusLine } from '../ui/SyncStatusBadge';

/** The header's status: the page's own document, or all open documents summed up. */
export function PageStatusLine({ store }: { store: PageStatusStore }): ReactNode {
  const connection = useSyncExternalStore(store.subscribe, store.current);
  return connection ? <DocStatusLine key={connection.name} connection={connection} /> : <OverallStatusLine />;
}
