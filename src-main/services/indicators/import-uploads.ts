import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ImportSummary } from '../../../shared/indicators/import';
import { GenesisParseError } from './genesis-error';
import { IndicatorError } from './indicator-error';
import { cancelledError, type ImportRunner } from './import-runner';

interface Upload {
  fileName: string;
  size: number;
  stand: string | undefined;
  /** The bytes received so far, on disk (memory stays small whatever the file's size). */
  filePath: string;
  received: number;
  touched: number;
  /** Aborted by importCancel: the import (now or when finish comes) rolls back. */
  abort: AbortController;
}

/** Uploads not finished within this time are dropped. */
const UPLOAD_TTL_MS = 15 * 60 * 1000;
/** At most this many uploads at once per host. */
const MAX_UPLOADS = 8;

/**
 * Files sent by the app's import dialog: begun, sent in base64 chunks (so the dialog can show
 * progress and no call exceeds the body limit) that are spooled to a temporary file, then
 * imported in one transaction by the import worker, off the host's event loop. A broken file
 * is reported with file, line and reason, and leaves the cache unchanged.
 */
export class ImportUploads {
  private readonly uploads = new Map<string, Upload>();
  /** Imports running in the worker, by upload id, so they can be cancelled. */
  private readonly running = new Map<string, AbortController>();
  private readonly spoolDir = mkdtempSync(path.join(tmpdir(), 'fokuswerk-upload-'));

  constructor(
    private readonly runner: ImportRunner,
    /** Called after a successful import (e.g. to offer publishing), with the spooled file. */
    private readonly onImported: (summary: ImportSummary, filePath: string) => void = () => undefined,
  ) {}

  /** Starts an upload; returns its id. */
  begin(input: { fileName: string; size: number; stand?: string | undefined }): { uploadId: string } {
    this.expire();
    if (this.uploads.size >= MAX_UPLOADS) {
      throw new IndicatorError('bad-request', 'Zu viele Importe gleichzeitig – bitte kurz warten.', 'too many imports at once – please wait a moment.');
    }
    const uploadId = randomUUID();
    const filePath = path.join(this.spoolDir, uploadId);
    writeFileSync(filePath, new Uint8Array(0), { mode: 0o600 });
    this.uploads.set(uploadId, { fileName: input.fileName, size: input.size, stand: input.stand, filePath, received: 0, touched: Date.now(), abort: new AbortController() });
    return { uploadId };
  }

  /** Appends the next chunk; chunks must come in order. */
  chunk(input: { uploadId: string; offset: number; data: string }): { received: number } {
    const upload = this.get(input.uploadId);
    if (upload.abort.signal.aborted) {
      this.drop(input.uploadId, upload);
      throw cancelledError();
    }
    if (input.offset !== upload.received) {
      throw new IndicatorError('bad-request', `Teil bei Byte ${input.offset} erwartet ${upload.received}.`, `chunk at byte ${input.offset}, expected ${upload.received}.`);
    }
    const bytes = Buffer.from(input.data, 'base64');
    if (upload.received + bytes.length > upload.size) {
      this.drop(input.uploadId, upload);
      throw new IndicatorError('bad-request', `Mehr Daten als angekündigt (${upload.size} Bytes).`, `more data than announced (${upload.size} bytes).`);
    }
    appendFileSync(upload.filePath, bytes);
    upload.received += bytes.length;
    upload.touched = Date.now();
    return { received: upload.received };
  }

  /** Imports the complete file in one transaction (in the import worker) and forgets the upload. */
  async finish(input: { uploadId: string }): Promise<ImportSummary> {
    const upload = this.get(input.uploadId);
    this.uploads.delete(input.uploadId);
    this.running.set(input.uploadId, upload.abort);
    try {
      if (upload.received !== upload.size) {
        throw new IndicatorError('bad-request', `Datei unvollständig: ${upload.received} von ${upload.size} Bytes.`, `file incomplete: ${upload.received} of ${upload.size} bytes.`);
      }
      const summary = await this.runner.run({ filePath: upload.filePath, fileName: upload.fileName, signal: upload.abort.signal, ...(upload.stand ? { stand: upload.stand } : {}) });
      this.onImported(summary, upload.filePath);
      return summary;
    } catch (e: unknown) {
      if (e instanceof GenesisParseError) {
        const where = e.fileName ? `${e.fileName}, ` : '';
        throw new IndicatorError('bad-request', `${where}Zeile ${e.line}: ${e.messageDe}`, `${where}line ${e.line}: ${e.messageEn}`);
      }
      throw e;
    } finally {
      this.running.delete(input.uploadId);
      rmSync(upload.filePath, { force: true });
    }
  }

  /**
   * Cancels an upload (its finish then reports the cancellation) or its running import (the worker
   * stops at its next progress step and rolls back). False when there is nothing to cancel.
   */
  cancel(input: { uploadId: string }): { cancelled: boolean } {
    const abort = this.running.get(input.uploadId) ?? this.uploads.get(input.uploadId)?.abort;
    if (!abort || abort.signal.aborted) {
      return { cancelled: false };
    }
    abort.abort();
    return { cancelled: true };
  }

  /** Removes every spooled file (when the host closes). */
  close(): void {
    this.uploads.clear();
    rmSync(this.spoolDir, { recursive: true, force: true });
  }

  private drop(uploadId: string, upload: Upload): void {
    this.uploads.delete(uploadId);
    rmSync(upload.filePath, { force: true });
  }

  private get(uploadId: string): Upload {
    this.expire();
    const upload = this.uploads.get(uploadId);
    if (!upload) {
      throw new IndicatorError('not-found', 'Unbekannter oder abgelaufener Import – bitte neu starten.', 'unknown or expired import – please start again.');
    }
    return upload;
  }

  private expire(): void {
    const now = Date.now();
    for (const [id, u] of this.uploads) {
      if (now - u.touched > UPLOAD_TTL_MS) {
        this.drop(id, u);
      }
    }
  }
}
