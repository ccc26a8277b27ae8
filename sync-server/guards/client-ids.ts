import type Database from 'better-sqlite3';

/**
 * Who may write under which Yjs client id of a document. A client id is bound to the first owner
 * that adds structs under it and stays bound: an account (`account:<login>`, kept in a
 * ClientIdBindings store so it survives restarts and, in a cluster, holds on every instance) or,
 * without accounts, the open connection (kept in memory and released when that connection closes).
 */
export interface ClientIdRegistry {
  owner(doc: string, client: number): string | undefined;
  /**
   * Binds `client` to `owner` unless it is bound already; returns the owner it is bound to
   * afterwards (someone else's if another connection, perhaps on another instance, was first).
   */
  bind(doc: string, client: number, owner: string): string;
  /** Forgets the in-memory bindings of a connection owner. */
  release(owner: string): void;
}

/**
 * Where account bindings are kept: the sync database's table, or PostgreSQL for a cluster
 * (extensions/scale-out/pg-store.ts). Bindings never change once made, so callers may cache them.
 */
export interface ClientIdBindings {
  lookup(doc: string, client: number): string | undefined;
  /** Inserts the binding unless one exists (atomically); returns the owner bound afterwards. */
  claim(doc: string, client: number, owner: string): string;
}

const ACCOUNT_PREFIX = 'account:';

/** The owner string of an account. */
export function accountOwner(login: string): string {
  return `${ACCOUNT_PREFIX}${login}`;
}

/** The owner string of a connection without an account. */
export function connectionOwner(connectionId: number): string {
  return `connection:${connectionId}`;
}

/**
 * Account bindings in table `doc_client_ids` of the sync database `db` (created here if missing,
 * outside the numbered migrations: it only ever grows and older servers ignore it).
 */
export function sqliteClientIdBindings(db: Database.Database): ClientIdBindings {
  db.exec(
    `CREATE TABLE IF NOT EXISTS doc_client_ids (
       doc TEXT NOT NULL,
       client INTEGER NOT NULL,
       owner TEXT NOT NULL,
       PRIMARY KEY (doc, client)
     ) WITHOUT ROWID`,
  );
  const select = db.prepare<[string, number], { owner: string }>('SELECT owner FROM doc_client_ids WHERE doc = ? AND client = ?');
  const insert = db.prepare<[string, number, string]>('INSERT OR IGNORE INTO doc_client_ids (doc, client, owner) VALUES (?, ?, ?)');
  return {
    lookup: (doc, client) => select.get(doc, client)?.owner,
    claim(doc, client, owner) {
      insert.run(doc, client, owner);
      return select.get(doc, client)?.owner ?? owner;
    },
  };
}

/**
 * A registry keeping account bindings in `bindings` (none: only connection bindings, in memory)
 * and connection bindings in memory. Known owners are cached per document.
 */
export function createClientIdRegistry(bindings: ClientIdBindings | null): ClientIdRegistry {
  const cache = new Map<string, Map<number, string>>();
  const byOwner = new Map<string, { doc: string; client: number }[]>();
  const docCache = (doc: string): Map<number, string> => {
    let map = cache.get(doc);
    if (map === undefined) {
      map = new Map();
      cache.set(doc, map);
    }
    return map;
  };
  return {
    owner(doc, client) {
      const map = docCache(doc);
      let owner = map.get(client);
      if (owner === undefined && bindings !== null) {
        owner = bindings.lookup(doc, client);
        if (owner !== undefined) {
          map.set(client, owner);
        }
      }
      return owner;
    },
    bind(doc, client, owner) {
      const map = docCache(doc);
      const known = map.get(client);
      if (known !== undefined) {
        return known;
      }
      if (owner.startsWith(ACCOUNT_PREFIX) && bindings !== null) {
        const bound = bindings.claim(doc, client, owner);
        map.set(client, bound);
        return bound;
      }
      map.set(client, owner);
      const list = byOwner.get(owner) ?? [];
      list.push({ doc, client });
      byOwner.set(owner, list);
      return owner;
    },
    release(owner) {
      for (const { doc, client } of byOwner.get(owner) ?? []) {
        if (cache.get(doc)?.get(client) === owner) {
          cache.get(doc)?.delete(client);
        }
      }
      byOwner.delete(owner);
    },
  };
}
