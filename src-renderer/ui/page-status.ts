import { createContext, useContext, useEffect } from 'react';
import type { DocConnection } from '../sync/doc-connection';

/**
 * Which document's status the app header shows: the page's own (a proposal, a group's list, the
 * report), registered by the page; without one, the header sums up all open documents. One place
 * for the status on every view, one line, instead of a pill in each page's side column.
 */
export class PageStatusStore {
  private readonly stack: DocConnection[] = [];
  private readonly listeners = new Set<() => void>();

  /** The document the current page shows, or null. */
  readonly current = (): DocConnection | null => this.stack[this.stack.length - 1] ?? null;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Shows a document's status until the returned function is called. */
  show(connection: DocConnection): () => void {
    this.stack.push(connection);
    this.notify();
    return () => {
      const at = this.stack.lastIndexOf(connection);
      if (at >= 0) {
        this.stack.splice(at, 1);
        this.notify();
      }
    };
  }

  private notify(): void {
    for (const listener of this.listeners) {
      listener();
    }
  }
}

export const PageStatusContext = createContext<PageStatusStore | null>(null);

/** Shows `connection`'s status in the header while the calling component is mounted; false without a header. */
export function usePageStatus(connection: DocConnection): boolean {
  const store = useContext(PageStatusContext);
  useEffect(() => (store ? store.show(connection) : undefined), [store, connection]);
  return store !== null;
}
