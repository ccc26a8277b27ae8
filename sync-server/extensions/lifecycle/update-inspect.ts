import * as Y from 'yjs';

/** Where a change of an update lands: the root type (e.g. 'meta') and, for a root map's own entries, the key. */
export interface ChangeTarget {
  root: string | null;
  /** The map key, only for entries directly in a root map. */
  key: string | null;
}

/** An item the update inserts, with where it lands and its content (ContentAny values). */
export interface InsertedChange extends ChangeTarget {
  values: readonly unknown[] | null;
}

/** What an update would do to `doc`: the items it inserts and the live items it deletes. */
export interface UpdateChanges {
  inserted: InsertedChange[];
  deleted: ChangeTarget[];
}

type Target = ChangeTarget | 'gc';

/**
 * Works out, without applying it, where a client update lands in `doc`: for every inserted item its
 * root type (and root-map key), for every deletion of a live item the same. Returns null if a part
 * refers to something neither `doc` nor the update itself has (then it cannot be checked and the
 * caller should refuse it rather than let it wait, unchecked, for its dependency).
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array): UpdateChanges | null {
  const decoded = Y.decodeUpdate(update);
  const own = new Map<number, Y.Item[]>();
  for (const struct of decoded.structs) {
    if (struct instanceof Y.Item) {
      const list = own.get(struct.id.client) ?? [];
      list.push(struct);
      own.set(struct.id.client, list);
    }
  }
  const findOwn = (id: Y.ID): Y.Item | null =>
    own.get(id.client)?.find((item) => item.id.clock <= id.clock && id.clock < item.id.clock + item.length) ?? null;
  const findLive = (id: Y.ID): Y.AbstractStruct | null =>
    id.clock < Y.getState(doc.store, id.client) ? Y.getItem(doc.store, id) : null;

  const liveTarget = (struct: Y.AbstractStruct): Target => {
    if (!(struct instanceof Y.Item)) {
      return 'gc';
    }
    const parent = struct.parent;
    if (!(parent instanceof Y.AbstractType)) {
      return 'gc';
    }
    let type: Y.AbstractType<unknown> = parent;
    let nested = false;
    while (type._item !== null) {
      const up = type._item.parent;
      if (!(up instanceof Y.AbstractType)) {
        return 'gc';
      }
      type = up;
      nested = true;
    }
    const root = Y.findRootTypeKey(type);
    return { root, key: nested ? null : (struct.parentSub ?? null) };
  };

  const cache = new Map<Y.Item, Target | null>();
  const ownTarget = (item: Y.Item, depth: number): Target | null => {
    const known = cache.get(item);
    if (known !== undefined) {
      return known;
    }
    let result: Target | null;
    if (depth > 10_000) {
      result = null;
    } else if (typeof item.parent === 'string') {
      result = { root: item.parent, key: item.parentSub ?? null };
    } else if (item.parent !== null && !(item.parent instanceof Y.AbstractType)) {
      // The parent is a nested type, named by the id of the item that holds it.
      const holder = byId(item.parent, depth);
      result = holder === null || holder === 'gc' ? holder : { root: holder.root, key: null };
    } else {
      const sibling = item.origin ?? item.rightOrigin;
      const target = sibling === null ? null : byId(sibling, depth);
      result = target === null || target === 'gc' ? target : { root: target.root, key: target.key };
    }
    cache.set(item, result);
    return result;
  };
  const byId = (id: Y.ID, depth: number): Target | null => {
    const live = findLive(id);
    if (live !== null) {
      return liveTarget(live);
    }
    const item = findOwn(id);
    return item === null ? null : ownTarget(item, depth + 1);
  };

  const inserted: InsertedChange[] = [];
  for (const items of own.values()) {
    for (const item of items) {
      if (item.id.clock + item.length <= Y.getState(doc.store, item.id.client)) {
        continue; // already integrated: Yjs ignores it
      }
      const target = ownTarget(item, 0);
      if (target === null) {
        return null;
      }
      if (target !== 'gc') {
        inserted.push({ ...target, values: item.content instanceof Y.ContentAny ? item.content.arr : null });
      }
    }
  }

  const deleted: ChangeTarget[] = [];
  for (const [client, ranges] of decoded.ds.clients) {
    const structs = doc.store.clients.get(client) ?? [];
    const state = Y.getState(doc.store, client);
    for (const range of ranges) {
      const end = range.clock + range.len;
      if (range.clock < state) {
        let index = Y.findIndexSS(structs, range.clock);
        for (let struct = structs[index]; struct !== undefined && struct.id.clock < end; struct = structs[++index]) {
          if (struct instanceof Y.Item && !struct.deleted) {
            const target = liveTarget(struct);
            if (target !== 'gc') {
              deleted.push(target);
            }
          }
        }
      }
      if (end > state) {
        // Deletes of items the update itself brings are checked with those items; others wait for
        // items the server does not have.
        for (let clock = Math.max(range.clock, state); clock < end; ) {
          const item = findOwn(Y.createID(client, clock));
          if (item === null) {
            return null;
          }
          clock = item.id.clock + item.length;
        }
      }
    }
  }
  return { inserted, deleted };
}
