import { MAX_IMPORT_BYTES, MAX_IMPORT_CHUNK_BYTES, type ImportSummary } from '../../../shared/indicators/import';
import { toBase64 } from 'lib0/buffer';
import { api } from '../../api/client';

/** Too large for the host's import; checked before anything is sent. */
export class FileTooLargeError extends Error {
  override readonly name = 'FileTooLargeError';
}

/**
 * Sends a statistics file to the host in chunks (progress: bytes sent / size) and asks it to
 * import the whole file in one transaction. Rejects with the host's German/English message.
 */
export async function uploadStatisticsBytes(
  bytes: Uint8Array,
  fileName: string,
  stand: string | undefined,
  onProgress: (sent: number, total: number) => void = () => undefined,
): Promise<ImportSummary> {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new FileTooLargeError(String(MAX_IMPORT_BYTES / 1024 / 1024));
  }
  const { uploadId } = await api.indicators.importBegin({ fileName, size: bytes.length, ...(stand ? { stand } : {}) });
  for (let offset = 0; offset < bytes.length; offset += MAX_IMPORT_CHUNK_BYTES) {
    const chunk = bytes.subarray(offset, offset + MAX_IMPORT_CHUNK_BYTES);
    await api.indicators.importChunk({ uploadId, offset, data: toBase64(chunk) });
    onProgress(offset + chunk.length, bytes.length);
  }
  return api.indicators.importFinish({ uploadId });
}
