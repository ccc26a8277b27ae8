import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { OutlineMap, PLACEMENTS_MAP, PlacementStore } from '../../../shared/docs/report';
import { MapName } from '../../../shared/schema/fragments';
import type { DocConnection } from '../../sync/doc-connection';

/**
 * A value read from the report's structure (outline, recommendations, placements, meta), re-read
 * only when one of those changes: typing in a chapter text changes none of them, so the editing
 * view does not re-read 60 recommendations or re-render on every keystroke. Compared as JSON.
 */
export function useReportStructure<T>(doc: Y.Doc, key: string, read: (doc: Y.Doc) => T): T {
  const cache = useRef<{ doc: Y.Doc; key: string; json: string; value: T; stale: boolean } | null>(null);
  const subscribe = useCallback(
    (notify: () => void) => {
      const onChange = (): void => {
        if (cache.current) {
          cache.current.stale = true;
        }
        notify();
      };
      const types = [
        doc.getMap(OutlineMap.parts),
        doc.getMap(OutlineMap.chapters),
        doc.getMap(MapName.recommendations),
        doc.getMap(MapName.meta),
        doc.getMap(PLACEMENTS_MAP),
        doc.getMap(PlacementStore.positions),
        doc.getMap(PlacementStore.fields),
        doc.getArray(PlacementStore.history),
      ] as Y.AbstractType<unknown>[];
      types.forEach((t) => t.observe(onChange));
      return () => types.forEach((t) => t.unobserve(onChange));
    },
    [doc],
  );
  const getSnapshot = (): T => {
    const cached = cache.current;
    if (cached && !cached.stale && cached.doc === doc && cached.key === key) {
      return cached.value;
    }
    const value = read(doc);
    const json = JSON.stringify(value) ?? 'undefined';
    // The same content: keep the old object, so nothing re-renders for it.
    cache.current = cached?.json === json ? { ...cached, doc, key, stale: false } : { doc, key, json, value, stale: false };
    return cache.current.value;
  };
  return useSyncExternalStore(subscribe, getSnapshot);
}

/** Whether the server lets this account only read the document; re-renders only when that changes. */
export function useReadOnly(connection: DocConnection): boolean {
  return useSyncExternalStore(
    (cb) => connection.subscribe(cb),
    () => connection.getStatus().readOnly,
  );
}
