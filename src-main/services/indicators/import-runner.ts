import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportSummary } from '../../../shared/indicators/import';
import type { IndicatorCache, ProgressListener } from './cache';
import { GenesisParseError } from './genesis-error';
import { IndicatorError } from './indicator-error';
import type { ImportJob, ImportWorkerMessage } from './import-worker-protocol';

/** One file to import. */
export interface ImportRequest {
  filePath: string;
  fileName: string;
  stand?: string;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

/**
 * Heap limit of an import worker: the import streams (a chunk, a row and a batch in memory), so
 * this is plenty for any file up to the size limit; a bug that needs more fails the import
 * instead of exhausting the machine.
 */
const WORKER_HEAP_MB = 256;

/**
 * Where the worker's code is: beside this module as .js/.cjs in a build (the desktop bundle must
 * emit `import-worker.cjs` next to main.cjs), else the TypeScript source run through tsx.
 */
function workerEntry(): { code: URL | string; eval: boolean } {
  for (const name of ['./import-worker.cjs', './import-worker.js']) {
    const url = new URL(name, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) {
      return { code: url, eval: false };
    }
  }
  // Development and tests: register tsx in the worker, then load the TypeScript source.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const source = new URL('./import-worker.ts', import.meta.url).href;
  return { code: `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); });`, eval: true };
}

/**
 * Runs imports off the host's event loop: each in a worker thread with its own SQLite connection
 * to the cache file, one at a time (SQLite has one writer). After a successful import the host's
 * cache forgets what it computed, so the next list or query sees the new table. A cache in memory
 * (tests) cannot be shared with a thread; its imports run in place.
 */
export class ImportRunner {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly cache: IndicatorCache,
    private readonly dbPath: string,
    private readonly nativeBinding?: string,
    /** Heap limit of each import worker (MB). */
    private readonly heapMb = WORKER_HEAP_MB,
  ) {}

  /** Imports a file; rejects with GenesisParseError for a broken file, IndicatorError when cancelled. */
  run(request: ImportRequest): Promise<ImportSummary> {
    const next = this.queue.then(() => this.runNow(request));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runNow(request: ImportRequest): Promise<ImportSummary> {
    if (request.signal?.aborted) {
      throw cancelledError();
    }
    if (this.dbPath === ':memory:') {
      return this.cache.importFile(request.filePath, request.onProgress, { ...(request.stand ? { stand: request.stand } : {}), ...(request.signal ? { signal: request.signal } : {}) }, request.fileName);
    }
    const cancel = new SharedArrayBuffer(4);
    const job: ImportJob = {
      dbPath: this.dbPath,
      ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}),
      filePath: request.filePath,
      fileName: request.fileName,
      ...(request.stand ? { stand: request.stand } : {}),
      cancel,
    };
    const entry = workerEntry();
    const worker = new Worker(entry.code, { eval: entry.eval, workerData: job, resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    const onAbort = (): void => {
      Atomics.store(new Int32Array(cancel), 0, 1);
    };
    request.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const message = await new Promise<ImportWorkerMessage>((resolve, reject) => {
        let settled = false;
        worker.on('message', (m: ImportWorkerMessage) => {
          if (m.type === 'progress') {
            request.onProgress?.(m.progress);
            return;
          }
          settled = true;
          resolve(m);
        });
        worker.on('error', (e) => {
          settled = true;
          reject(
            /memory/i.test(e.message)
              ? new IndicatorError('bad-request', 'Die Datei ist zu groß für den Import (Speichergrenze erreicht).', 'the file is too large to import (memory limit reached).')
              : e,
          );
        });
        worker.on('exit', (code) => {
          if (!settled) {
            reject(new Error(`import worker stopped (exit code ${code})`));
          }
        });
      });
      switch (message.type) {
        case 'done':
          this.cache.refresh();
          return message.summary;
        case 'parse-error':
          throw new GenesisParseError(message.line, message.reason, message.de, message.en, message.fileName);
        case 'cancelled':
          throw cancelledError();
        case 'failed':
          throw new Error(message.message);
        default:
          throw new Error('unexpected message from the import worker');
      }
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
      await worker.terminate();
    }
  }
}

/** What a cancelled import reports. */
export function cancelledError(): IndicatorError {
  return new IndicatorError('bad-request', 'Import abgebrochen – nichts wurde geändert.', 'import cancelled – nothing was changed.');
}
