import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MESSAGE_STORED } from './protocol.js';

/**
 * Framing of MESSAGE_STORED: varuint 100, then the acknowledgement payload (see stored.ts:
 * `encodeStoredAck` / `decodeStoredAck`) as a varuint-prefixed byte array.
 */
export function encodeStoredMessage(ack: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_STORED);
  encoding.writeVarUint8Array(encoder, ack);
  return encoding.toUint8Array(encoder);
}

/** Returns the acknowledgement payload of a MESSAGE_STORED frame, or null for any other message type. */
export function decodeStoredMessage(frame: Uint8Array): Uint8Array | null {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== MESSAGE_STORED) {
    return null;
  }
  return decoding.readVarUint8Array(decoder);
}
