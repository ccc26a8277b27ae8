import { docNameOf, PENDING_KEY, UNCONFIRMED_SUFFIX } from './local-copy-names';

/*
 * The local copies on this device (IndexedDB databases, localStorage entries; names in
 * local-copy-names.ts): which hold unconfirmed changes, and removing an account's copies at sign-out.
 */

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
