import type * as Y from 'yjs';

/**
 * Test builds only: with env FOKUSWERK_TEST_FAULT set to a marker text, a connection's message
 * handler throws when an awareness state contains that text, and a room's document throws from
 * inside Yjs's transaction when an update changes a map entry under that key, so tests can prove
 * that an unexpected exception while handling one connection's frame ends neither the process nor
 * other connections, nor leaves the document differing from what is stored. Unset (always,
 * outside tests) it does nothing.
 */
const marker = process.env['FOKUSWERK_TEST_FAULT'] ?? '';

/** Throws if fault injection is on and `value` (an awareness state) mentions the marker. */
export function injectFault(value: unknown): void {
  if (marker !== '' && JSON.stringify(value)?.includes(marker) === true) {
    throw new Error('injected fault (FOKUSWERK_TEST_FAULT)');
  }
}

/**
 * Makes `doc` throw halfway through Yjs's transaction (after the update was integrated and its
 * update event emitted, before the transaction returns) when a map entry under the marker key
 * changes, as an unforeseen failure inside Yjs would; nothing if fault injection is off.
 */
export function injectDocFault(doc: Y.Doc): void {
  if (marker === '') {
    return;
  }
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    for (const keys of transaction.changed.values()) {
      if (keys.has(marker)) {
        throw new Error('injected fault in a Yjs transaction (FOKUSWERK_TEST_FAULT)');
      }
    }
  });
}
