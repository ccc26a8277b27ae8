import * as Y from 'yjs';

/**
 * What a MESSAGE_STORED acknowledgement carries: a Yjs snapshot (state vector + delete set) of the
 * durably stored document. A client's change is safe when the stored snapshot covers it: its
 * inserts are within the state vector and its deletions within the delete set. (A state vector
 * alone would miss deletions, which do not advance any clock.)
 */
export function encodeStoredAck(doc: Y.Doc): Uint8Array {
  return Y.encodeSnapshot(Y.snapshot(doc));
}

/** Decodes a stored acknowledgement; throws on garbage. */
export function decodeStoredAck(payload: Uint8Array): Y.Snapshot {
  return Y.decodeSnapshot(payload);
}

/** True when everything in `local` (inserts and deletions) is contained in `stored`. */
export function snapshotCovers(stored: Y.Snapshot, local: Y.Snapshot): boolean {
  for (const [client, clock] of local.sv) {
    if ((stored.sv.get(client) ?? 0) < clock) {
      return false;
    }
  }
  for (const [client, ranges] of local.ds.clients) {
    const storedRanges = stored.ds.clients.get(client) ?? [];
    for (const range of ranges) {
      if (!rangeCovered(storedRanges, range.clock, range.clock + range.len)) {
        return false;
      }
    }
  }
  return true;
}

/**
 * Whether the ranges (sorted by clock, as Yjs keeps them) cover [from, to). Binary search for the
 * last range starting at or before `from`, then walk on: a long-edited report has tens of thousands
 * of delete ranges per client, and scanning from the start for each of them was quadratic.
 */
function rangeCovered(ranges: readonly { clock: number; len: number }[], from: number, to: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  let start = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (ranges[mid]!.clock <= from) {
      start = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (start < 0) {
    return false;
  }
  let cursor = from;
  for (let i = start; i < ranges.length; i++) {
    const r = ranges[i]!;
    if (r.clock > cursor) {
      return false;
    }
    cursor = Math.max(cursor, r.clock + r.len);
    if (cursor >= to) {
      return true;
    }
  }
  return cursor >= to;
}
