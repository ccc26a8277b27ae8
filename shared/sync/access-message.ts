import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MESSAGE_ACCESS } from './protocol.js';

/** What a connection may do, as MESSAGE_ACCESS reports it. */
export type WireAccess = 'read-write' | 'read-only';

/** Framing of MESSAGE_ACCESS: varuint 101, then the access as a varString. */
export function encodeAccessMessage(access: WireAccess): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_ACCESS);
  encoding.writeVarString(encoder, access);
  return encoding.toUint8Array(encoder);
}

/** Reads the payload after the message type (as y-websocket's messageHandlers get it); null if unknown. */
export function readAccessPayload(decoder: decoding.Decoder): WireAccess | null {
  const access = decoding.readVarString(decoder);
  return access === 'read-write' || access === 'read-only' ? access : null;
}
