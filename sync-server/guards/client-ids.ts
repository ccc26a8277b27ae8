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

/**
 * A registry keeping account bindings in table `doc_client_ids` of `db` (created here if missing,
 * outside the numbered migrations: it only ever grows and older servers ignore it) and connection
 * bindings in memory. Lookups are cached per document.
 */
export function createClientIdRegistry(db: Database.Database | null): ClientIdRegistry {
  db?.exec(
    `CREATE TABLE IF NOT EXISTS doc_client_ids (
       doc TEXT NOT NULL,
       client INTEGER NOT NULL,
       owner TEXT NOT NULL,
       PRIMARY KEY (doc, client)
     ) WITHOUT ROWID`,
  );
  const select = db?.prepare<[string, number], { owner: string }>('SELECT owner FROM doc_client_ids WHERE doc = ? AND client = ?');
  const insert = db?.prepare<[string, number, string]>('INSERT OR IGNORE INTO doc_client_ids (doc, client, owner) VALUES (?, ?, ?)');
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
        insert?.run(doc, client, owner);
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
