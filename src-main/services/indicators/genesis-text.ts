import type { Fail } from './genesis-error';

/** Text encodings GENESIS exports come in. */
export type GenesisEncoding = 'utf-8' | 'latin1';
/** Line ends of a file. */
export type LineEnding = 'lf' | 'crlf';

/** A file's bytes as text lines, with what was detected on the way. */
export interface DecodedLines {
  lines: string[];
  encoding: GenesisEncoding;
  lineEnding: LineEnding;
}

/**
 * Decodes a file: valid UTF-8 is read as UTF-8, anything else as ISO-8859-1; a BOM is dropped.
 * Rejects empty and binary input (NUL or other control bytes).
 */
export function decodeLines(bytes: Uint8Array, fail: Fail): DecodedLines {
  if (bytes.length === 0) {
    fail(1, 'empty', 'Die Datei ist leer.', 'the file is empty.');
  }
  const bad = firstControlByte(bytes);
  if (bad >= 0) {
    const byte = `0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')}`;
    fail(
      lineOfOffset(bytes, bad),
      'binary',
      `Binärdaten statt Text (Steuerzeichen ${byte}) – keine GENESIS-CSV-Datei.`,
      `binary data instead of text (control byte ${byte}) – not a GENESIS CSV file.`,
    );
  }
  let encoding: GenesisEncoding = 'utf-8';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    encoding = 'latin1';
    text = new TextDecoder('latin1').decode(bytes);
  }
  if (text.startsWith('\uFEFF')) {
    text = text.slice(1);
  }
  const raw = text.split('\n');
  if (raw.length > 1 && raw[raw.length - 1] === '') {
    raw.pop();
  }
  const lineEnding: LineEnding = raw[0]?.endsWith('\r') ? 'crlf' : 'lf';
  const lines = raw.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  return { lines, encoding, lineEnding };
}

/** Index of the first byte that cannot occur in a text file (tab, LF, CR and FF are fine). */
function firstControlByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) {
      return i;
    }
  }
  return -1;
}

function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
    }
  }
  return line;
}
