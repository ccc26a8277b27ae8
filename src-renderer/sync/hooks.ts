import { useEffect, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { useApp } from '../state/app-context';
import type { DocConnection, SyncStatus } from './doc-connection';

/** Opens a collaborative document for the lifetime of the component. */
export function useDoc(name: string): DocConnection {
  const { registry } = useApp();
  const connection = registry.get(name);
  useEffect(() => registry.acquire(name).release, [registry, name]);
  return connection;
}

/** The sync status of a document, re-rendering on change. */
export function useSyncStatus(connection: DocConnection): SyncStatus {
  return useSyncExternalStore(
    (cb) => connection.subscribe(cb),
    () => connection.getStatus(),
  );
}

/**
 * A value derived from a Y.Doc, recomputed after every change to it. `read` must return a new
 * value only when something changed (it is compared with Object.is after JSON comparison).
 */
export function useDocValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  const [value, setValue] = useState(() => read(doc));
  useEffect(() => {
    let last = JSON.stringify(read(doc));
    setValue(read(doc));
    const onUpdate = (): void => {
      const next = read(doc);
      const serialized = JSON.stringify(next);
      if (serialized !== last) {
        last = serialized;
        setValue(next);
      }
    };
    doc.on('update', onUpdate);
    return () => doc.off('update', onUpdate);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `read` is a pure selector
  }, [doc]);
  return value;
}
