import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MESSAGE_STORED } from './protocol.js';

/** Builds a MESSAGE_STORED frame: varuint 100, then the state vector as a varuint-prefixed byte array. */
export function encodeStoredMessage(stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_STORED);
  encoding.writeVarUint8Array(encoder, stateVector);
  return encoding.toUint8Array(encoder);
}

/** Returns the state vector of a MESSAGE_STORED frame, or null if `frame` is another message type. */
export function decodeStoredMessage(frame: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== MESSAGE_STORED) {
    return null;
  }
  return decoding.readVarUint8Array(decoder);
}

/**
 * True if every client clock in `required` (a decoded state vector, e.g. `Y.decodeStateVector`)
 * is reached by `stored`; i.e. the server has durably stored all of `required`.
 */
export function isStateCovered(stored: Map<number, number>, required: Map<number, number>): boolean {
  for (const [client, clock] of required) {
    if ((stored.get(client) ?? 0) < clock) {
      return false;
    }
  }
  return true;
}
