import { MAX_IMPORT_BYTES, MAX_IMPORT_CHUNK_BYTES, type ImportSummary } from '../../../shared/indicators/import';
import { toBase64 } from 'lib0/buffer';
import { api } from '../../api/client';

/** Too large for the host's import; checked before anything is sent. */
export class FileTooLargeError extends Error {
  override readonly name = 'FileTooLargeError';
}

/** The person cancelled the upload or the import, and the host confirmed that nothing changed. */
export class ImportCancelledError extends Error {
  override readonly name = 'ImportCancelledError';
}

/**
 * Sends a statistics file to the host in chunks (progress: bytes sent / size) and asks it to
 * import the whole file in one transaction. Rejects with the host's German/English message.
 * Aborting `signal` stops sending and cancels the upload or the running import on the host
 * (indicators.importCancel), which then rolls it back: rejects with ImportCancelledError. An import
 * that had already finished when the cancel arrived resolves as usual.
 */
export async function uploadStatisticsBytes(
  bytes: Uint8Array,
  fileName: string,
  stand: string | undefined,
  onProgress: (sent: number, total: number) => void = () => undefined,
  signal?: AbortSignal,
): Promise<ImportSummary> {
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new FileTooLargeError(String(MAX_IMPORT_BYTES / 1024 / 1024));
  }
  const { uploadId } = await api.indicators.importBegin({ fileName, size: bytes.length, ...(stand ? { stand } : {}) });
  const cancel = async (): Promise<never> => {
    await api.indicators.importCancel({ uploadId });
    throw new ImportCancelledError();
  };
  for (let offset = 0; offset < bytes.length; offset += MAX_IMPORT_CHUNK_BYTES) {
    if (signal?.aborted) {
      return cancel();
    }
    const chunk = bytes.subarray(offset, offset + MAX_IMPORT_CHUNK_BYTES);
    await api.indicators.importChunk({ uploadId, offset, data: toBase64(chunk) });
    onProgress(offset + chunk.length, bytes.length);
  }
  if (signal?.aborted) {
    return cancel();
  }
  // The import runs on the host until importFinish answers; a cancel meanwhile makes it fail.
  const pending: { cancel?: Promise<{ cancelled: boolean }> } = {};
  const onAbort = (): void => {
    pending.cancel = api.indicators.importCancel({ uploadId });
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await api.indicators.importFinish({ uploadId });
  } catch (e: unknown) {
    // Failed because of the cancel – or for its own reason before the cancel arrived.
    if (pending.cancel && (await pending.cancel).cancelled) {
      throw new ImportCancelledError();
    }
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
