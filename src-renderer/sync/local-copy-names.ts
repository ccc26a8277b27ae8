import { parseDocName } from '../../shared/sync/doc-names';

/**
 * Names of documents' local copies: every copy is an IndexedDB database named per account, so
 * people who share an iPad in a workshop never open each other's copies; the emergency copy of
 * unconfirmed changes (see DocConnection) is a localStorage entry under the same name. Without
 * accounts (demo, display names) there is one shared set of copies. A leaf module: the connection
 * and the copy listing both read it.
 */

const PREFIX = 'fokuswerk:';
/** Suffix of the localStorage key holding a copy's unconfirmed changes. */
export const UNCONFIRMED_SUFFIX = '|unconfirmed';
/** Key in y-indexeddb's custom store: how many changes the server has not confirmed. */
export const PENDING_KEY = 'fokuswerk:pending';
/** Key in the same store: when the oldest of those changes was made (ms since 1970; 0 when none). */
export const PENDING_SINCE_KEY = 'fokuswerk:pending-since';

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
export function docNameOf(copyName: string, scope: string): string | null {
  const prefix = scopePrefix(scope);
  const docName = copyName.startsWith(prefix) ? copyName.slice(prefix.length) : '';
  // Document names never contain ':', so "fokuswerk:anke:…" is no document of the scope ''.
  return parseDocName(docName) ? docName : null;
}
