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

/** Table of the account bindings, created if missing (outside the numbered migrations: it only grows and older servers ignore it). */
export const CLIENT_ID_TABLE_DDL = `CREATE TABLE IF NOT EXISTS doc_client_ids (
   doc TEXT NOT NULL,
   client INTEGER NOT NULL,
   owner TEXT NOT NULL,
   PRIMARY KEY (doc, client)
 ) WITHOUT ROWID`;

/** The statement that stores one account binding (a binding never changes once made). */
export const INSERT_CLIENT_ID = 'INSERT OR IGNORE INTO doc_client_ids (doc, client, owner) VALUES (?, ?, ?)';

/**
 * Account bindings in table `doc_client_ids` of the sync database `db`. Without `persist` a new
 * binding is written on `db` at once; with it (the server points it at the document writer
 * thread) the write runs there, before the commit of the update that made the binding, instead of
 * holding the event loop for an fsync each time someone starts writing in a document. Claims are
 * atomic either way: one process holds the database, and the registry caches every binding.
 */
export function sqliteClientIdBindings(db: Database.Database, persist?: (doc: string, client: number, owner: string) => void): ClientIdBindings {
  db.exec(CLIENT_ID_TABLE_DDL);
  const select = db.prepare<[string, number], { owner: string }>('SELECT owner FROM doc_client_ids WHERE doc = ? AND client = ?');
  const insert = db.prepare<[string, number, string]>(INSERT_CLIENT_ID);
  const store = persist ?? ((doc: string, client: number, owner: string) => void insert.run(doc, client, owner));
  return {
    lookup: (doc, client) => select.get(doc, client)?.owner,
    claim(doc, client, owner) {
      const bound = select.get(doc, client)?.owner;
      if (bound !== undefined) {
        return bound;
      }
      store(doc, client, owner);
      return owner;
    },
  };
}

/**
 * A registry keeping account bindings in `bindings` (none: only connection bindings, in memory)
 * and connection bindings in memory. Known owners are cached per document; a new binding takes
 * effect at once.
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
