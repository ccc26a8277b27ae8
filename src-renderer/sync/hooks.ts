import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
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
 * A value derived from a Y.Doc, re-read after every change to it. The result is compared as JSON,
 * so `read` may build new objects: components re-render only when the value really changed.
 */
export function useDocValue<T>(doc: Y.Doc, read: (doc: Y.Doc) => T): T {
  const cache = useRef<{ doc: Y.Doc; json: string; value: T } | null>(null);
  const subscribe = useCallback(
    (onChange: () => void) => {
      doc.on('update', onChange);
      return () => doc.off('update', onChange);
    },
    [doc],
  );
  const getSnapshot = (): T => {
    const value = read(doc);
    const json = JSON.stringify(value) ?? 'undefined';
    if (cache.current && cache.current.doc === doc && cache.current.json === json) {
      return cache.current.value;
    }
    cache.current = { doc, json, value };
    return value;
  };
  return useSyncExternalStore(subscribe, getSnapshot);
}
