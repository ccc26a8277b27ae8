import * as decoding from 'lib0/decoding';
import type { AwarenessEntry } from './awareness-stamp.js';

/**
 * Strict validators for the binary payloads clients send. Yjs's own decoders read past the end of a
 * truncated buffer without complaint, so every payload is parsed here completely, with bounds
 * checks, before it may touch a real document.
 */

/** One client's block of structs in an update: clocks [clock, end). */
export interface ClientBlock {
  client: number;
  clock: number;
  end: number;
}

/**
 * What an update adds, collected while it is validated (one pass over the bytes), for the guards
 * in guards/*.ts: whose clocks it claims, and the content the document schema must allow.
 */
export interface UpdateSummary {
  blocks: ClientBlock[];
  /** Content refs present (bit i set = content ref i, 0 GC, 10 Skip). */
  contentRefs: number;
  /** Names of Y.XmlElements (editor node names). */
  elementNames: string[];
  /** Keys and values of format marks in Y.XmlText / Y.Text (editor mark names and attributes). */
  formats: { key: string; value: unknown }[];
  /** True if any Y.XmlHook type is created. */
  hasHook: boolean;
}

/** Thrown for a payload that does not parse; the message is safe to put in a close reason. */
export class MalformedPayloadError extends Error {
  override readonly name = 'MalformedPayloadError';
}

const BITS5 = 0b11111;
const BIT6 = 0b100000;
const BIT7 = 0b1000000;
const BIT8 = 0b10000000;
/** Content refs of Items: 1 Deleted … 9 Doc (0 is GC, 10 is Skip). */
const CONTENT_DELETED = 1;
const CONTENT_JSON = 2;
const CONTENT_BINARY = 3;
const CONTENT_STRING = 4;
const CONTENT_EMBED = 5;
const CONTENT_FORMAT = 6;
const CONTENT_TYPE = 7;
const CONTENT_ANY = 8;
const CONTENT_DOC = 9;
const TYPE_XML_ELEMENT = 3;
const TYPE_XML_HOOK = 5;
const MAX_TYPE_REF = 6;

function fail(detail: string): never {
  throw new MalformedPayloadError(detail);
}

function readByte(decoder: decoding.Decoder): number {
  if (decoder.pos >= decoder.arr.length) {
    fail('unexpected end');
  }
  return decoding.readUint8(decoder);
}

/** Runs `read` and converts any decoding failure into a MalformedPayloadError. */
function guarded<T>(what: string, bytes: Uint8Array, read: (decoder: decoding.Decoder) => T): T {
  const decoder = decoding.createDecoder(bytes);
  let result: T;
  try {
    result = read(decoder);
  } catch (error: unknown) {
    if (error instanceof MalformedPayloadError) {
      throw new MalformedPayloadError(`${what}: ${error.message}`);
    }
    throw new MalformedPayloadError(`${what}: ${error instanceof Error ? error.message : 'unreadable'}`);
  }
  if (decoder.pos !== decoder.arr.length) {
    fail(`${what}: ${decoder.arr.length - decoder.pos} trailing bytes`);
  }
  return result;
}

function readJsonString(decoder: decoding.Decoder): unknown {
  return JSON.parse(decoding.readVarString(decoder)) as unknown;
}

/** Reads an Item's content and returns its length in clock ticks. */
function readItemContent(decoder: decoding.Decoder, contentRef: number, summary: UpdateSummary): number {
  switch (contentRef) {
    case CONTENT_DELETED:
      return decoding.readVarUint(decoder);
    case CONTENT_JSON: {
      const len = decoding.readVarUint(decoder);
      for (let i = 0; i < len; i++) {
        const value = decoding.readVarString(decoder);
        if (value !== 'undefined') {
          JSON.parse(value);
        }
      }
      return len;
    }
    case CONTENT_BINARY:
      decoding.readVarUint8Array(decoder);
      return 1;
    case CONTENT_STRING:
      return decoding.readVarString(decoder).length;
    case CONTENT_EMBED:
      readJsonString(decoder);
      return 1;
    case CONTENT_FORMAT: {
      const key = decoding.readVarString(decoder);
      summary.formats.push({ key, value: readJsonString(decoder) });
      return 1;
    }
    case CONTENT_TYPE: {
      const typeRef = decoding.readVarUint(decoder);
      if (typeRef > MAX_TYPE_REF) {
        fail(`unknown type ref ${typeRef}`);
      }
      if (typeRef === TYPE_XML_ELEMENT) {
        summary.elementNames.push(decoding.readVarString(decoder));
      } else if (typeRef === TYPE_XML_HOOK) {
        summary.hasHook = true;
        decoding.readVarString(decoder);
      }
      return 1;
    }
    case CONTENT_ANY: {
      const len = decoding.readVarUint(decoder);
      for (let i = 0; i < len; i++) {
        decoding.readAny(decoder);
      }
      return len;
    }
    case CONTENT_DOC:
      decoding.readVarString(decoder);
      decoding.readAny(decoder);
      return 1;
    default:
      fail(`unknown content ref ${contentRef}`);
  }
}

/**
 * Reads an id an Item refers to (origin, right origin, parent). A client's own items can only
 * refer to its earlier items; anything else makes Yjs throw halfway through integrating.
 */
function readReference(decoder: decoding.Decoder, client: number, clock: number, what: string): void {
  const refClient = decoding.readVarUint(decoder);
  const refClock = decoding.readVarUint(decoder);
  if (refClient === client && refClock >= clock) {
    fail(`${what} refers to a later item`);
  }
}

function readStructs(decoder: decoding.Decoder, summary: UpdateSummary): void {
  const clients = decoding.readVarUint(decoder);
  for (let c = 0; c < clients; c++) {
    const structs = decoding.readVarUint(decoder);
    const client = decoding.readVarUint(decoder);
    let clock = decoding.readVarUint(decoder);
    const block: ClientBlock = { client, clock, end: clock };
    summary.blocks.push(block);
    for (let s = 0; s < structs; s++) {
      const info = readByte(decoder);
      const contentRef = info & BITS5;
      summary.contentRefs |= 1 << contentRef;
      if (contentRef === 0 || contentRef === 10) {
        const length = decoding.readVarUint(decoder); // length of GC / Skip
        if (length < 1) {
          fail('empty struct');
        }
        clock += length;
        block.end = clock;
        continue;
      }
      if ((info & BIT8) !== 0) {
        readReference(decoder, client, clock, 'origin');
      }
      if ((info & BIT7) !== 0) {
        readReference(decoder, client, clock, 'right origin');
      }
      if ((info & (BIT7 | BIT8)) === 0) {
        if (decoding.readVarUint(decoder) === 1) {
          decoding.readVarString(decoder); // name of a root type
        } else {
          readReference(decoder, client, clock, 'parent');
        }
        if ((info & BIT6) !== 0) {
          decoding.readVarString(decoder); // map key
        }
      }
      const length = readItemContent(decoder, contentRef, summary);
      if (length < 1) {
        fail('empty struct');
      }
      clock += length;
      block.end = clock;
    }
  }
}

function readDeleteSet(decoder: decoding.Decoder): void {
  const clients = decoding.readVarUint(decoder);
  for (let c = 0; c < clients; c++) {
    decoding.readVarUint(decoder); // client
    const ranges = decoding.readVarUint(decoder);
    for (let r = 0; r < ranges; r++) {
      decoding.readVarUint(decoder); // clock
      if (decoding.readVarUint(decoder) < 1) {
        fail('empty delete range');
      }
    }
  }
}

/**
 * Throws MalformedPayloadError unless `update` is a complete Yjs update (format v1); returns what
 * it adds (see UpdateSummary).
 */
export function validateUpdate(update: Uint8Array): UpdateSummary {
  const summary: UpdateSummary = { blocks: [], contentRefs: 0, elementNames: [], formats: [], hasHook: false };
  guarded('update', update, (decoder) => {
    readStructs(decoder, summary);
    readDeleteSet(decoder);
  });
  return summary;
}

/** Throws MalformedPayloadError unless `stateVector` is a complete encoded Yjs state vector. */
export function validateStateVector(stateVector: Uint8Array): void {
  guarded('state vector', stateVector, (decoder) => {
    const entries = decoding.readVarUint(decoder);
    for (let i = 0; i < entries; i++) {
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
    }
  });
}

/**
 * Decodes a complete awareness update into its entries (each state parsed once, with the length of
 * its JSON text); throws MalformedPayloadError for anything else.
 */
export function validateAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  return guarded('awareness', update, (decoder) => {
    const count = decoding.readVarUint(decoder);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      entries.push({ clientId, clock, state: JSON.parse(json) as unknown, chars: json.length });
    }
    return entries;
  });
}
