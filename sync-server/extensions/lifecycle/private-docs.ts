import * as Y from 'yjs';
import type { DocStore } from '../../persistence.js';

/**
 * Server-only records kept as Yjs documents in the document store, under names no client can open
 * (parseDocName refuses them, so the server closes such a connection with 4404). Being documents of
 * the store, they are in every backup, restored with it, and shared by scaled-out instances through
 * PostgreSQL. They are never loaded as rooms, so compaction of the proposal never touches them.
 */
export const PrivateDoc = {
  /** Saved versions of a proposal (see versions.ts). */
  versions: (groupId: string, proposalId: string): string => `private/versions/${groupId}/${proposalId}`,
  /** All Steuerungsgruppe ratings of a proposal, published or not (see ratings.ts). */
  ratings: (groupId: string, proposalId: string): string => `private/ratings/${groupId}/${proposalId}`,
  /** The rating method of a year. */
  ratingConfig: (year: number): string => `private/rating-config/${year}`,
} as const;

/** Reads a private document from the store (an empty one if it was never written). */
export function loadPrivateDoc(store: DocStore, name: string): Y.Doc {
  const doc = new Y.Doc();
  const stored = store.load(name);
  if (stored.updates.length > 0) {
    Y.applyUpdate(doc, Y.mergeUpdates(stored.updates));
  }
  return doc;
}

/**
 * Changes a private document: loads it, runs `change`, and appends exactly the resulting update to
 * the store (one transaction), resolving once it is committed. Two instances changing it at once both keep their change (Yjs merges).
 */
export async function changePrivateDoc<T>(store: DocStore, name: string, change: (doc: Y.Doc) => T): Promise<T> {
  const doc = loadPrivateDoc(store, name);
  const before = Y.encodeStateVector(doc);
  let result!: T;
  doc.transact(() => {
    result = change(doc);
  });
  const update = Y.encodeStateAsUpdate(doc, before);
  await store.append([{ doc: name, update }]);
  doc.destroy();
  return result;
}
