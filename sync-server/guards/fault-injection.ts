/**
 * Test builds only: with env FOKUSWERK_TEST_FAULT set to a marker text, a connection's message
 * handler throws when an awareness state contains that text, so tests can prove that an
 * unexpected exception while handling one connection's frame ends neither the process nor other
 * connections. Unset (always, outside tests) it does nothing.
 */
const marker = process.env['FOKUSWERK_TEST_FAULT'] ?? '';

/** Throws if fault injection is on and `value` (an awareness state) mentions the marker. */
export function injectFault(value: unknown): void {
  if (marker !== '' && JSON.stringify(value)?.includes(marker) === true) {
    throw new Error('injected fault (FOKUSWERK_TEST_FAULT)');
  }
}
