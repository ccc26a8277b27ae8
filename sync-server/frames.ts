import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { AwarenessEntry } from './awareness-stamp.js';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../shared/sync/protocol.js';
import { MalformedPayloadError, validateAwarenessUpdate, validateStateVector, validateUpdate, type UpdateSummary } from './validate.js';

/** A fully decoded and validated message from a client. */
export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2'; update: Uint8Array; summary: UpdateSummary }
  | { type: 'sync-update'; update: Uint8Array; summary: UpdateSummary }
  | { type: 'awareness'; entries: AwarenessEntry[] }
  | { type: 'query-awareness' };

/** Result of parsing a frame: the message, or why it was rejected. */
export type ParsedFrame = { ok: true; message: ClientMessage } | { ok: false; reason: string };

function readFrame(decoder: decoding.Decoder): ClientMessage {
  const messageType = decoding.readVarUint(decoder);
  switch (messageType) {
    case MESSAGE_SYNC: {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        validateStateVector(payload);
        return { type: 'sync-step1', stateVector: payload };
      }
      if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
        const summary = validateUpdate(payload);
        return { type: syncType === syncProtocol.messageYjsSyncStep2 ? 'sync-step2' : 'sync-update', update: payload, summary };
      }
      throw new MalformedPayloadError(`unknown sync message type ${syncType}`);
    }
    case MESSAGE_AWARENESS: {
      const update = decoding.readVarUint8Array(decoder);
      return { type: 'awareness', entries: validateAwarenessUpdate(update) };
    }
    case MESSAGE_QUERY_AWARENESS:
      return { type: 'query-awareness' };
    default:
      throw new MalformedPayloadError(`unknown message type ${messageType}`);
  }
}

/** Decodes one WebSocket frame completely; never throws. Payloads are copied out of `frame`. */
export function parseClientFrame(frame: Uint8Array): ParsedFrame {
  const decoder = decoding.createDecoder(new Uint8Array(frame));
  try {
    const message = readFrame(decoder);
    if (decoder.pos !== decoder.arr.length) {
      return { ok: false, reason: `${decoder.arr.length - decoder.pos} trailing bytes` };
    }
    return { ok: true, message };
  } catch (error: unknown) {
    if (error instanceof MalformedPayloadError) {
      return { ok: false, reason: error.message };
    }
    return { ok: false, reason: error instanceof Error ? error.message : 'unreadable frame' };
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Server → client: sync step 1 with the server's state vector. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(e, stateVector);
  });
}

/** Server → client: sync step 2 with the updates the client is missing. */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, update);
  });
}

/** Server → client: a document update made by someone else. */
export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, syncProtocol.messageYjsUpdate);
    encoding.writeVarUint8Array(e, update);
  });
}

/** Server → client: an awareness update. */
export function encodeAwareness(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });
}
