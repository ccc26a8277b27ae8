import * as Y from 'yjs';

type AnyType = Y.AbstractType<Y.YEvent<Y.AbstractType<unknown>>>;
import { contentProblem, fragmentFacts, type ContentFacts } from '../../../shared/schema/content-rules';

/**
 * Guards an editor fragment against content the editor cannot render. The editor's Yjs binding
 * (y-tiptap) deletes every element or text run it cannot turn into ProseMirror nodes, in a Yjs
 * transaction that is then saved and synchronised under the current user's name. So the editor
 * binds only to a fragment that keeps the shared content rules, and stops being bound the moment
 * content arrives that breaks them – before the binding's observer sees it.
 */

/** Why the fragment cannot be shown by the live editor (German / English), or null. */
export function fragmentProblem(fragment: Y.XmlFragment): string | null {
  return contentProblem(fragmentFacts(fragment));
}

/** The facts of one changed type: its subtree for elements, its delta for texts. */
function changedFacts(type: AnyType): ContentFacts | null {
  if (type instanceof Y.XmlText) {
    const formats: { key: string; value: unknown }[] = [];
    let embeds = 0;
    for (const op of type.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
      if (typeof op.insert !== 'string') {
        embeds += 1;
      }
      for (const [key, value] of Object.entries(op.attributes ?? {})) {
        formats.push({ key, value });
      }
    }
    return { elementNames: [], formats, embeds };
  }
  if (type instanceof Y.XmlFragment) {
    // Y.XmlElement extends Y.XmlFragment; fragmentFacts also names the element itself.
    return fragmentFacts(type);
  }
  return null;
}

/** True if `type` is `fragment` or lies inside it. */
function isInside(type: AnyType, fragment: Y.XmlFragment): boolean {
  let current: AnyType | null = type;
  while (current !== null) {
    if (current === (fragment as unknown)) {
      return true;
    }
    const parent: unknown = current._item?.parent;
    current = parent instanceof Y.AbstractType ? (parent as AnyType) : null;
  }
  return false;
}

/**
 * Calls `onProblem` synchronously inside the transaction that brings content breaking the rules
 * into `fragment` – after the change is applied, before any observer (so before the editor's
 * binding) runs. The caller unbinds the editor there. Only the changed parts are checked, so
 * typing stays cheap. Returns the function that stops watching.
 */
export function guardFragment(doc: Y.Doc, fragment: Y.XmlFragment, onProblem: (problem: string) => void): () => void {
  const check = (transaction: Y.Transaction): void => {
    for (const type of transaction.changed.keys() as IterableIterator<AnyType>) {
      if (!isInside(type, fragment)) {
        continue;
      }
      const facts = changedFacts(type);
      const problem = facts === null ? null : contentProblem(facts);
      if (problem !== null) {
        onProblem(problem);
        return;
      }
    }
  };
  doc.on('beforeObserverCalls', check);
  return () => doc.off('beforeObserverCalls', check);
}

/**
 * The content state of one editor fragment, shared by everything showing it. Created on first use
 * (before any editor binds to the fragment) and kept for the document's lifetime. Once the
 * fragment holds content the editor cannot render, it stays unsafe until the page is reloaded.
 */
export interface FragmentWatch {
  readonly fragment: Y.XmlFragment;
  /** The problem found, or null while the fragment is safe for the live editor. */
  readonly problem: () => string | null;
  readonly subscribe: (listener: () => void) => () => void;
  /**
   * Registers the live editor's way to let go of the fragment; called synchronously when a
   * problem is found, before the binding's observer could delete anything. Returns the unregister.
   */
  readonly onUnsafe: (unbind: () => void) => () => void;
}

const watches = new WeakMap<Y.Doc, Map<string, FragmentWatch>>();

/** The watch of `field` in `doc` (one per fragment). */
export function watchFragment(doc: Y.Doc, field: string): FragmentWatch {
  let perDoc = watches.get(doc);
  if (perDoc === undefined) {
    perDoc = new Map();
    watches.set(doc, perDoc);
  }
  const existing = perDoc.get(field);
  if (existing !== undefined) {
    return existing;
  }
  const fragment = doc.getXmlFragment(field);
  let problem = fragmentProblem(fragment);
  const listeners = new Set<() => void>();
  const unbinders = new Set<() => void>();
  const stop = guardFragment(doc, fragment, (found) => {
    problem = found;
    stop();
    for (const unbind of [...unbinders]) {
      unbind();
    }
    unbinders.clear();
    for (const listener of [...listeners]) {
      listener();
    }
  });
  if (problem !== null) {
    stop();
  }
  const watch: FragmentWatch = {
    fragment,
    problem: () => problem,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onUnsafe: (unbind) => {
      unbinders.add(unbind);
      return () => unbinders.delete(unbind);
    },
  };
  perDoc.set(field, watch);
  return watch;
}
