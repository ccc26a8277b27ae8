import type { AwarenessEntry } from '../awareness-stamp.js';

/** Bounds on the awareness (presence) entries a connection sends; see Limits. */
export interface AwarenessBounds {
  /** Entries in one awareness frame (a stock client re-sends the presence list it received). */
  maxEntries: number;
  /** Length of one entry's state as JSON text. */
  maxStateChars: number;
  /** Nesting depth of one entry's state (objects and arrays). */
  maxDepth: number;
}

/**
 * Nesting depth of a JSON value, counted without recursion and stopping once `limit` is passed, so
 * a deeply nested value costs no more than its size and never overflows the stack.
 */
export function jsonDepthExceeds(value: unknown, limit: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const top = stack.pop() as { value: unknown; depth: number };
    if (typeof top.value !== 'object' || top.value === null) {
      continue;
    }
    const depth = top.depth + 1;
    if (depth > limit) {
      return true;
    }
    const children: unknown[] = Array.isArray(top.value) ? top.value : Object.values(top.value);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) {
        stack.push({ value: child, depth });
      }
    }
  }
  return false;
}

/** Why `entries` break the bounds, or null. */
export function awarenessProblem(entries: readonly AwarenessEntry[], bounds: AwarenessBounds): string | null {
  if (entries.length > bounds.maxEntries) {
    return `${entries.length} Präsenz-Einträge, erlaubt ${bounds.maxEntries} / too many awareness entries`;
  }
  for (const entry of entries) {
    if ((entry.chars ?? 0) > bounds.maxStateChars) {
      return `Präsenz größer als ${bounds.maxStateChars} Zeichen / awareness state too large`;
    }
    if (jsonDepthExceeds(entry.state, bounds.maxDepth)) {
      return `Präsenz tiefer als ${bounds.maxDepth} Ebenen / awareness state nested too deeply`;
    }
  }
  return null;
}

/**
 * The one awareness entry a connection may set: its own. The first live state for a client id that
 * no other connection of the room currently shows becomes the connection's own; entries for any
 * other id are dropped silently (a stock y-websocket client re-sends every presence it receives,
 * and removals of timed-out peers), so nobody can add, change or remove someone else's presence
 * or flood the list with invented ones.
 */
export class OwnAwareness {
  private own: number | null = null;

  /** The entries of `entries` this connection may apply; `liveElsewhere` tells whether another peer shows a client id. */
  filter(entries: readonly AwarenessEntry[], liveElsewhere: (clientId: number) => boolean): AwarenessEntry[] {
    const kept: AwarenessEntry[] = [];
    for (const entry of entries) {
      if (this.own === null && entry.state !== null && !liveElsewhere(entry.clientId)) {
        this.own = entry.clientId;
      }
      if (entry.clientId === this.own) {
        kept.push(entry);
      }
    }
    return kept;
  }
}
