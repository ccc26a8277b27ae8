import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import type { Fail } from './genesis-error';
import type { GenesisEncoding, LineEnding } from './genesis-text';
import { IndicatorError } from './indicator-error';

/** The bytes of a file to import, read in chunks (twice: once to check, once to parse). */
export interface ByteSource {
  /** Fills `buffer` from the current position; 0 at the end. */
  read(buffer: Buffer): number;
  /** Reads at an absolute offset (does not move the position). */
  readAt(buffer: Buffer, offset: number): number;
  /** Back to the start. */
  rewind(): void;
  close(): void;
}

/** A file on disk as a ByteSource (a device or pipe is read until the size limit refuses it). */
export function fileSource(filePath: string): ByteSource {
  let fd = openSync(filePath, 'r');
  let position = 0;
  return {
    read(buffer) {
      const n = readSync(fd, buffer, 0, buffer.length, position);
      position += n;
      return n;
    },
    readAt(buffer, offset) {
      return readSync(fd, buffer, 0, buffer.length, offset);
    },
    rewind() {
      closeSync(fd);
      fd = openSync(filePath, 'r');
      position = 0;
    },
    close() {
      closeSync(fd);
    },
  };
}

/** Bytes in memory as a ByteSource. */
export function bufferSource(bytes: Uint8Array): ByteSource {
  const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let position = 0;
  return {
    read(buffer) {
      const n = all.copy(buffer, 0, position, Math.min(all.length, position + buffer.length));
      position += n;
      return n;
    },
    readAt(buffer, offset) {
      return offset >= all.length ? 0 : all.copy(buffer, 0, offset, Math.min(all.length, offset + buffer.length));
    },
    rewind() {
      position = 0;
    },
    close() {
      // nothing to release
    },
  };
}

/** Chunk size for reading. */
export const CHUNK = 1024 * 1024;
/** The footer (lines after the underscores) is read into memory; it is never this long in a real table. */
const MAX_FOOTER_BYTES = 4 * 1024 * 1024;
/** A longer line is not a line of a statistics table. */
const MAX_LINE_CHARS = 16 * 1024 * 1024;
const FOOTER = /^_{3,}\s*(;\s*)*$/;

/** What the first pass over a file found. */
export interface ScannedFile {
  size: number;
  /** SHA-256, hex. */
  hash: string;
  /** The first bytes (to tell a flat file from a classic CSV). */
  head: Buffer;
  encoding: GenesisEncoding;
  lineEnding: LineEnding;
  lineCount: number;
  /** 1-based line of the row of underscores that starts the footer; null if there is none. */
  footerLine: number | null;
  /** The lines after it. */
  footerLines: string[];
  /** Byte offset of the footer line (the file's size if there is none). */
  footerOffset: number;
}

/** Megabytes, German format ("64 MB"), for messages. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toLocaleString('de-DE', { maximumFractionDigits: 1 })} MB`;
}

/** The refusal of a file over the size limit (or input that never ends). */
export function tooLarge(max: number): IndicatorError {
  return new IndicatorError(
    'bad-request',
    `Die Datei ist größer als ${megabytes(max)} (oder endet nicht) – bitte eine kleinere Tabelle exportieren, z. B. nur Schleswig-Holstein.`,
    `the file is larger than ${(max / 1024 / 1024).toFixed(0)} MB (or never ends) – please export a smaller table, e.g. Schleswig-Holstein only.`,
  );
}

/**
 * First pass over a statistics file, in chunks: refuses it after `max` bytes (a file too large, or
 * input that never ends), an empty file and binary data (with the line of the first control byte);
 * computes the hash, tells UTF-8 from ISO-8859-1 (valid UTF-8 is UTF-8) and finds the footer.
 */
export function scanFile(source: ByteSource, max: number, fail: Fail): ScannedFile {
  const hash = createHash('sha256');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let isUtf8 = true;
  const buffer = Buffer.allocUnsafe(CHUNK);
  let size = 0;
  let newlines = 0;
  let lastByte = -1;
  let head: Buffer | null = null;
  let lineEnding: LineEnding | null = null;
  /** Underscores at the start of the current line (-1: the line has other content). */
  let underscores = 0;
  const candidates: { line: number; offset: number }[] = [];
  let lineStart = 0;
  // Reported after the size check, as the whole-file reader did: input that never ends is "too large".
  let control: { line: number; byte: number } | null = null;
  for (;;) {
    const n = source.read(buffer);
    if (n === 0) {
      break;
    }
    if (size + n > max) {
      throw tooLarge(max);
    }
    const chunk = buffer.subarray(0, n);
    head ??= Buffer.from(chunk.subarray(0, 64));
    hash.update(chunk);
    if (isUtf8) {
      try {
        utf8.decode(chunk, { stream: true });
      } catch {
        isUtf8 = false;
      }
    }
    for (let i = 0; i < n; i++) {
      const b = chunk[i] ?? 0;
      if (b === 0x0a) {
        if (lineEnding === null) {
          lineEnding = lastByte === 0x0d ? 'crlf' : 'lf';
        }
        newlines++;
        underscores = 0;
        lineStart = size + i + 1;
      } else if (b < 0x20 && b !== 0x09 && b !== 0x0d && b !== 0x0c) {
        control ??= { line: newlines + 1, byte: b };
        underscores = -1;
      } else if (underscores >= 0) {
        if (b === 0x5f) {
          underscores++;
          if (underscores === 3 && candidates.length < 100) {
            candidates.push({ line: newlines + 1, offset: lineStart });
          }
        } else {
          underscores = -1;
        }
      }
      lastByte = b;
    }
    size += n;
  }
  if (control !== null) {
    const byte = `0x${control.byte.toString(16).padStart(2, '0')}`;
    fail(control.line, 'binary', `Binärdaten statt Text (Steuerzeichen ${byte}) – keine GENESIS-CSV-Datei.`, `binary data instead of text (control byte ${byte}) – not a GENESIS CSV file.`);
  }
  if (size === 0) {
    fail(1, 'empty', 'Die Datei ist leer.', 'the file is empty.');
  }
  if (isUtf8) {
    try {
      utf8.decode();
    } catch {
      isUtf8 = false;
    }
  }
  const encoding: GenesisEncoding = isUtf8 ? 'utf-8' : 'latin1';
  const lineCount = newlines + (lastByte === 0x0a && newlines > 0 ? 0 : 1);
  const scanned: ScannedFile = {
    size,
    hash: hash.digest('hex'),
    head: head ?? Buffer.alloc(0),
    encoding,
    lineEnding: lineEnding ?? (lastByte === 0x0d ? 'crlf' : 'lf'),
    lineCount,
    footerLine: null,
    footerLines: [],
    footerOffset: size,
  };
  for (const c of candidates) {
    const line = lineAt(source, c.offset, encoding);
    if (FOOTER.test(line.text)) {
      const rest = size - line.next;
      if (rest > MAX_FOOTER_BYTES) {
        fail(c.line, 'footer', `Nach der Fußzeile folgen mehr als ${megabytes(MAX_FOOTER_BYTES)} – keine GENESIS-Tabelle?`, `more than ${megabytes(MAX_FOOTER_BYTES)} follow the footer line – not a GENESIS table?`);
      }
      const bytes = Buffer.alloc(Math.max(0, rest));
      source.readAt(bytes, line.next);
      scanned.footerLine = c.line;
      scanned.footerOffset = c.offset;
      scanned.footerLines = rest <= 0 ? [] : splitLines(new TextDecoder(encoding).decode(bytes));
      break;
    }
  }
  source.rewind();
  return scanned;
}

/** Text lines as the whole-file parser splits them: at LF, without CR, no empty last line. */
function splitLines(text: string): string[] {
  const raw = text.split('\n');
  if (raw.length > 1 && raw[raw.length - 1] === '') {
    raw.pop();
  }
  return raw.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** The line starting at `offset` (without its line end), and the offset after it. */
function lineAt(source: ByteSource, offset: number, encoding: GenesisEncoding): { text: string; next: number } {
  const buffer = Buffer.allocUnsafe(64 * 1024);
  const n = source.readAt(buffer, offset);
  const end = buffer.subarray(0, n).indexOf(0x0a);
  const bytes = buffer.subarray(0, end < 0 ? n : end);
  let text = new TextDecoder(encoding).decode(bytes);
  if (text.endsWith('\r')) {
    text = text.slice(0, -1);
  }
  return { text, next: end < 0 ? offset + n : offset + end + 1 };
}

/**
 * Second pass: hands every text line before `stopAt` (1-based; null: all) to `onLine`, decoded
 * chunk by chunk, so only one chunk and one line are in memory at a time. `onLine` gets the line,
 * its number and about how many bytes precede it (characters, for progress).
 */
export function eachLine(source: ByteSource, encoding: GenesisEncoding, stopAt: number | null, fail: Fail, onLine: (text: string, line: number, bytesRead: number) => void): void {
  const decoder = new TextDecoder(encoding);
  const buffer = Buffer.allocUnsafe(CHUNK);
  let carry = '';
  let line = 0;
  let position = 0;
  let sawNewline = false;
  const emit = (text: string): boolean => {
    line++;
    if (stopAt !== null && line >= stopAt) {
      return false;
    }
    onLine(text.endsWith('\r') ? text.slice(0, -1) : text, line, position);
    position += text.length + 1;
    return true;
  };
  for (;;) {
    const n = source.read(buffer);
    const text = n === 0 ? decoder.decode() : decoder.decode(buffer.subarray(0, n), { stream: true });
    const parts = text.split('\n');
    const last = parts.pop() ?? '';
    for (let i = 0; i < parts.length; i++) {
      sawNewline = true;
      const part = i === 0 ? carry + (parts[0] ?? '') : (parts[i] ?? '');
      if (!emit(part)) {
        return;
      }
    }
    carry = parts.length > 0 ? last : carry + last;
    if (carry.length > MAX_LINE_CHARS) {
      fail(line + 1, 'field-count', 'Die Zeile ist länger als 16 Millionen Zeichen – keine GENESIS-Tabelle?', 'the line is longer than 16 million characters – not a GENESIS table?');
    }
    if (n === 0) {
      break;
    }
  }
  if (carry !== '' || !sawNewline) {
    emit(carry);
  }
}
