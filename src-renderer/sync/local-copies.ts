import { parseDocName } from '../../shared/sync/doc-names';
import type { SyncStatus } from './doc-connection';
import type { DocRegistry } from './doc-registry';

/**
 * Where documents' local copies live, how changes kept in them reach the server even when their
 * documents are not opened, and how an account's copies leave a device at sign-out.
 *
 * Every copy is an IndexedDB database named per account, so people who share an iPad in a workshop
 * never open each other's copies; the emergency copy of unconfirmed changes (see DocConnection) is
 * a localStorage entry under the same name. Without accounts (demo, display names) there is one
 * shared set of copies.
 */

const PREFIX = 'fokuswerk:';
const UNCONFIRMED_SUFFIX = '|unconfirmed';
/** Key in y-indexeddb's custom store: how many changes the server has not confirmed. */
export const PENDING_KEY = 'fokuswerk:pending';

/** IndexedDB database holding one document's local copy for an account ('' without accounts). */
export function localCopyName(scope: string, docName: string): string {
  return `${scopePrefix(scope)}${docName}`;
}

/** localStorage key of the synchronous copy of a document's unconfirmed changes. */
export function unconfirmedKey(copyName: string): string {
  return copyName + UNCONFIRMED_SUFFIX;
}

function scopePrefix(scope: string): string {
  return scope === '' ? PREFIX : `${PREFIX}${scope}:`;
}

/** The document a copy of this scope holds; null for other scopes' copies and anything else. */
function docNameOf(copyName: string, scope: string): string | null {
  const prefix = scopePrefix(scope);
  const docName = copyName.startsWith(prefix) ? copyName.slice(prefix.length) : '';
  // Document names never contain ':', so "fokuswerk:anke:…" is no document of the scope ''.
  return parseDocName(docName) ? docName : null;
}

async function localCopies(scope: string): Promise<{ copyName: string; docName: string }[]> {
  const databases = await indexedDB.databases();
  return databases.flatMap(({ name }) => {
    const docName = name === undefined ? null : docNameOf(name, scope);
    return name !== undefined && docName !== null ? [{ copyName: name, docName }] : [];
  });
}

function unconfirmedKeys(scope: string): { key: string; docName: string }[] {
  return Object.keys(localStorage).flatMap((key) => {
    const docName = key.endsWith(UNCONFIRMED_SUFFIX) ? docNameOf(key.slice(0, -UNCONFIRMED_SUFFIX.length), scope) : null;
    return docName === null ? [] : [{ key, docName }];
  });
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** The pending-change count a copy recorded, 0 if it has none. */
async function pendingIn(copyName: string): Promise<number> {
  const db = await request(indexedDB.open(copyName));
  try {
    if (!db.objectStoreNames.contains('custom')) {
      return 0;
    }
    const value: unknown = await request(db.transaction('custom', 'readonly').objectStore('custom').get(PENDING_KEY));
    return typeof value === 'number' ? value : 0;
  } finally {
    db.close();
  }
}

/** The documents whose local copies on this device hold changes the server has not confirmed. */
export async function documentsWithUnconfirmedChanges(scope: string): Promise<string[]> {
  const names = new Set(unconfirmedKeys(scope).map(({ docName }) => docName));
  for (const { copyName, docName } of await localCopies(scope)) {
    if (!names.has(docName) && (await pendingIn(copyName)) > 0) {
      names.add(docName);
    }
  }
  return [...names].sort();
}

/**
 * Opens every document with unconfirmed local changes until the server has confirmed them, so
 * changes made offline reach the server at the next start even if nobody opens their document
 * again. Returns a stop function.
 */
export function syncUnconfirmedCopies(registry: DocRegistry, scope: string): () => void {
  const releases = new Set<() => void>();
  let stopped = false;
  void documentsWithUnconfirmedChanges(scope).then((names) => {
    for (const name of names) {
      if (stopped) {
        return;
      }
      const handle = registry.acquire(name);
      let unsubscribe = (): void => undefined;
      const release = (): void => {
        unsubscribe();
        handle.release();
        releases.delete(release);
      };
      releases.add(release);
      const check = (status: SyncStatus): void => {
        const confirmed = status.localLoaded && status.serverSynced && status.unsynced === 0;
        if (confirmed || status.connection === 'refused') {
          release();
        }
      };
      unsubscribe = handle.connection.subscribe(check);
      check(handle.connection.getStatus());
    }
  });
  return () => {
    stopped = true;
    for (const release of [...releases]) {
      release();
    }
  };
}

/** Deletes the account's local copies from this device (their connections must be closed first). */
export async function forgetCopies(scope: string): Promise<void> {
  if (scope === '') {
    throw new Error('local copies without an account belong to everyone on the device');
  }
  for (const { key } of unconfirmedKeys(scope)) {
    localStorage.removeItem(key);
  }
  await Promise.all(
    (await localCopies(scope)).map(
      ({ copyName }) =>
        new Promise<void>((resolve) => {
          const deletion = indexedDB.deleteDatabase(copyName);
          deletion.onsuccess = () => resolve();
          deletion.onerror = () => resolve();
          // Another tab still has it open: it is deleted once that tab closes it; do not wait for that.
          deletion.onblocked = () => resolve();
        }),
    ),
  );
}
