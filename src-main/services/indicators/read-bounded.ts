import { open } from 'node:fs/promises';
import { IndicatorError } from './indicator-error';

const CHUNK = 1024 * 1024;

/** Megabytes, German format ("64 MB"), for messages. */
function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toLocaleString('de-DE', { maximumFractionDigits: 1 })} MB`;
}

/**
 * Reads a file, but never more than `max` bytes: a larger file – or input that never ends, such as
 * a pipe or /dev/zero – is refused with a clear message after reading just past the limit.
 */
export async function readBounded(filePath: string, max: number): Promise<Buffer> {
  const handle = await open(filePath, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) {
        break;
      }
      total += bytesRead;
      if (total > max) {
        throw new IndicatorError(
          'bad-request',
          `Die Datei ist größer als ${mb(max)} (oder endet nicht) – bitte eine kleinere Tabelle exportieren, z. B. nur Schleswig-Holstein.`,
          `the file is larger than ${(max / 1024 / 1024).toFixed(0)} MB (or never ends) – please export a smaller table, e.g. Schleswig-Holstein only.`,
        );
      }
      chunks.push(bytesRead === CHUNK ? buffer : buffer.subarray(0, bytesRead));
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}
