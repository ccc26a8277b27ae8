import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

interface Range {
  clock: number;
  len: number;
}

/**
 * What of a room's document is durably stored, as a Yjs snapshot (state vector + delete set, the
 * payload of MESSAGE_STORED, see shared/sync/stored.ts), kept up to date one committed update at a
 * time. Computing `Y.snapshot(doc)` after every commit walked the whole document; here each
 * update costs what decoding it costs, and the encoded acknowledgement is re-assembled from
 * per-client pieces of which only the changed ones are encoded again.
 *
 * The delete set counts what Yjs counts in a snapshot: deletions the update makes (its own delete
 * set) and content that arrives already deleted (garbage-collected structs and deleted content),
 * so a client comparing with `snapshotCovers` gets the same answer as from a full snapshot.
 */
export class StoredState {
  private readonly sv = new Map<number, number>();
  /** Per client: deleted ranges, sorted by clock, overlapping and touching ranges merged. */
  private readonly ds = new Map<number, Range[]>();
  /** Per client: the encoded delete-set entry (client, count, ranges). */
  private readonly dsChunks = new Map<number, Uint8Array>();
  private readonly dirty = new Set<number>();
  private encoded: Uint8Array | null = null;

  /** The state of a whole document (once, when a room is loaded: the loaded doc is what is stored). */
  static of(doc: Y.Doc): StoredState {
    const state = new StoredState();
    const snapshot = Y.snapshot(doc);
    for (const [client, clock] of snapshot.sv) {
      state.sv.set(client, clock);
    }
    for (const [client, items] of snapshot.ds.clients) {
      for (const item of items) {
        state.addRange(client, item.clock, item.len);
      }
    }
    return state;
  }

  /** Adds what `update` (an update as Yjs integrated it, e.g. from the doc's 'update' event) stores. */
  add(update: Uint8Array): void {
    const { structs, ds } = Y.decodeUpdate(update);
    for (const struct of structs) {
      if (struct instanceof Y.Skip) {
        continue;
      }
      const { client, clock } = struct.id;
      const end = clock + struct.length;
      if ((this.sv.get(client) ?? 0) < end) {
        this.sv.set(client, end);
        this.encoded = null;
      }
      if (struct instanceof Y.GC || (struct instanceof Y.Item && struct.content instanceof Y.ContentDeleted)) {
        this.addRange(client, clock, struct.length);
      }
    }
    for (const [client, items] of ds.clients) {
      for (const item of items) {
        this.addRange(client, item.clock, item.len);
      }
    }
  }

  /** The acknowledgement payload: `Y.encodeSnapshot` of the stored state (cached until it changes). */
  encode(): Uint8Array {
    if (this.encoded !== null) {
      return this.encoded;
    }
    for (const client of this.dirty) {
      this.dsChunks.set(client, encodeRanges(client, this.ds.get(client) ?? []));
    }
    this.dirty.clear();
    const encoder = encoding.createEncoder();
    // Delete set (DSEncoderV1), then the state vector, as encodeSnapshot writes them.
    encoding.writeVarUint(encoder, this.dsChunks.size);
    for (const chunk of this.dsChunks.values()) {
      encoding.writeUint8Array(encoder, chunk);
    }
    encoding.writeVarUint(encoder, this.sv.size);
    for (const [client, clock] of this.sv) {
      encoding.writeVarUint(encoder, client);
      encoding.writeVarUint(encoder, clock);
    }
    this.encoded = encoding.toUint8Array(encoder);
    return this.encoded;
  }

  /** Adds [clock, clock + len) to the client's deleted ranges, merging neighbours. */
  private addRange(client: number, clock: number, len: number): void {
    if (len <= 0) {
      return;
    }
    let ranges = this.ds.get(client);
    if (ranges === undefined) {
      ranges = [];
      this.ds.set(client, ranges);
    }
    const end = clock + len;
    // First range that ends at or after `clock` (it may touch or overlap the new one).
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const r = ranges[mid]!;
      if (r.clock + r.len < clock) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    let last = lo;
    let from = clock;
    let to = end;
    while (last < ranges.length && ranges[last]!.clock <= to) {
      const r = ranges[last]!;
      from = Math.min(from, r.clock);
      to = Math.max(to, r.clock + r.len);
      last += 1;
    }
    if (last === lo + 1 && ranges[lo]!.clock === from && ranges[lo]!.len === to - from) {
      return; // already covered
    }
    ranges.splice(lo, last - lo, { clock: from, len: to - from });
    this.dirty.add(client);
    this.encoded = null;
  }
}

function encodeRanges(client: number, ranges: readonly Range[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, ranges.length);
  for (const { clock, len } of ranges) {
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarUint(encoder, len);
  }
  return encoding.toUint8Array(encoder);
}
