/**
 * The import worker (a worker thread in the browser-mode host and in the desktop app's main
 * process): parses a statistics file and writes it into the indicator cache through its own
 * SQLite connection, so the host's event loop – HTTP, the embedded sync server, the UI's calls –
 * keeps running during a long import. One job per worker; the host starts a worker per import.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createLogger } from '../../../shared/log';
import { IndicatorCache } from './cache';
import { GenesisParseError } from './genesis-error';
import type { ImportJob, ImportWorkerMessage } from './import-worker-protocol';

const CANCELLED = 'import cancelled';

async function run(job: ImportJob): Promise<ImportWorkerMessage> {
  const cancel = new Int32Array(job.cancel);
  const cache = IndicatorCache.open({
    dbPath: job.dbPath,
    bundledDataDir: null,
    ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}),
    logger: createLogger(() => undefined),
  });
  try {
    const summary = await cache.importFile(
      job.filePath,
      (progress) => {
        // Throwing here rolls the import back (see IndicatorCache.importBytes).
        if (Atomics.load(cancel, 0) !== 0) {
          throw new Error(CANCELLED);
        }
        post({ type: 'progress', progress });
      },
      job.stand ? { stand: job.stand } : {},
      job.fileName,
    );
    return { type: 'done', summary };
  } catch (e: unknown) {
    if (e instanceof GenesisParseError) {
      return { type: 'parse-error', line: e.line, reason: e.reason, de: e.messageDe, en: e.messageEn, ...(e.fileName ? { fileName: e.fileName } : {}) };
    }
    if (e instanceof Error && e.message === CANCELLED) {
      return { type: 'cancelled' };
    }
    return { type: 'failed', message: e instanceof Error ? e.message : String(e) };
  } finally {
    cache.close();
  }
}

function post(message: ImportWorkerMessage): void {
  parentPort?.postMessage(message);
}

if (parentPort) {
  run(workerData as ImportJob).then(post, (e: unknown) => post({ type: 'failed', message: e instanceof Error ? e.message : String(e) }));
}
