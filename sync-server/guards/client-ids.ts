import type Database from 'better-sqlite3';

/**
 * Who may write under which Yjs client id of a document. A client id is bound to the first owner
 * that adds structs under it and stays bound: an account (`account:<login>`, stored in the sync
 * database so it survives restarts) or, without accounts, the open connection (kept in memory and
 * released when that connection closes).
 */
export interface ClientIdRegistry {
  owner(doc: string, client: number): string | undefined;
  bind(doc: string, client: number, owner: string): void;
  /** Forgets the in-memory bindings of a connection owner. */
  release(owner: string): void;
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
 * A registry keeping account bindings in table `doc_client_ids` of `db` and connection bindings in
 * memory. Lookups are cached per document. A new account binding takes effect at once (in the
 * cache) and is stored by `persist`, which the server points at the document writer thread: it
 * runs there before the commit of the update that made the binding, and a synchronous write here
 * would hold the event loop for an fsync each time someone starts writing in a document. Without
 * `persist` the binding is written on `db` directly.
 */
export function createClientIdRegistry(
  db: Database.Database | null,
  persist?: (doc: string, client: number, owner: string) => void,
): ClientIdRegistry {
  db?.exec(CLIENT_ID_TABLE_DDL);
  const select = db?.prepare<[string, number], { owner: string }>('SELECT owner FROM doc_client_ids WHERE doc = ? AND client = ?');
  const insert = db?.prepare<[string, number, string]>(INSERT_CLIENT_ID);
  const store = persist ?? ((doc: string, client: number, owner: string) => insert?.run(doc, client, owner));
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
      if (owner === undefined && select !== undefined) {
        owner = select.get(doc, client)?.owner;
        if (owner !== undefined) {
          map.set(client, owner);
        }
      }
      return owner;
    },
    bind(doc, client, owner) {
      docCache(doc).set(client, owner);
      if (owner.startsWith(ACCOUNT_PREFIX)) {
        store(doc, client, owner);
      } else {
        const list = byOwner.get(owner) ?? [];
        list.push({ doc, client });
        byOwner.set(owner, list);
      }
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
