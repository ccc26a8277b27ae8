import * as encoding from 'lib0/encoding';
import type { Identity } from './authorize.js';

/** One client's entry in an awareness update; `state` null means the client left. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
  /** Length of the state's JSON text as received (set by validateAwarenessUpdate). */
  chars?: number;
}

/** Encodes entries in the y-protocols awareness format. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}

const COLOR_RE = /^#[0-9a-fA-F]{6}$/;

/**
 * Overwrites the `user` field of every live state with the signed-in identity, so nobody can
 * appear as someone else. The client's own colour is kept if it is a plain `#rrggbb`.
 */
export function stampIdentity(entries: readonly AwarenessEntry[], identity: Identity): AwarenessEntry[] {
  return entries.map((entry) => {
    if (entry.state === null) {
      return entry;
    }
    const state = typeof entry.state === 'object' && !Array.isArray(entry.state) ? (entry.state as Record<string, unknown>) : {};
    const claimed = state['user'];
    const claimedColor =
      typeof claimed === 'object' && claimed !== null ? (claimed as Record<string, unknown>)['color'] : undefined;
    const color = typeof claimedColor === 'string' && COLOR_RE.test(claimedColor) ? claimedColor : identity.color;
    return { clientId: entry.clientId, clock: entry.clock, state: { ...state, user: { name: identity.name, color, login: identity.login } } };
  });
}
