/**
 * Where documents' local copies live, and how an account's copies leave a device at sign-out.
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
  return scope === '' ? `${PREFIX}${docName}` : `${PREFIX}${scope}:${docName}`;
}

/** localStorage key of the synchronous copy of a document's unconfirmed changes. */
export function unconfirmedKey(copyName: string): string {
  return copyName + UNCONFIRMED_SUFFIX;
}

function scopePrefix(scope: string): string {
  if (scope === '') {
    throw new Error('local copies without an account cannot be told apart');
  }
  return `${PREFIX}${scope}:`;
}

async function copyNames(scope: string): Promise<string[]> {
  const prefix = scopePrefix(scope);
  const databases = await indexedDB.databases();
  return databases.flatMap((db) => (db.name?.startsWith(prefix) ? [db.name] : []));
}

function unconfirmedKeys(scope: string): string[] {
  const prefix = scopePrefix(scope);
  return Object.keys(localStorage).filter((key) => key.startsWith(prefix) && key.endsWith(UNCONFIRMED_SUFFIX));
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** The pending-change count a closed copy recorded, 0 if it has none. */
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

/** Whether any of the account's local copies on this device holds changes the server has not confirmed. */
export async function hasUnconfirmedCopies(scope: string): Promise<boolean> {
  if (unconfirmedKeys(scope).length > 0) {
    return true;
  }
  for (const name of await copyNames(scope)) {
    if ((await pendingIn(name)) > 0) {
      return true;
    }
  }
  return false;
}

/** Deletes the account's local copies from this device (their connections must be closed first). */
export async function forgetCopies(scope: string): Promise<void> {
  for (const key of unconfirmedKeys(scope)) {
    localStorage.removeItem(key);
  }
  await Promise.all(
    (await copyNames(scope)).map(
      (name) =>
        new Promise<void>((resolve) => {
          const deletion = indexedDB.deleteDatabase(name);
          deletion.onsuccess = () => resolve();
          deletion.onerror = () => resolve();
          // Another tab still has it open: it is deleted once that tab closes it; do not wait for that.
          deletion.onblocked = () => resolve();
        }),
    ),
  );
}
