import { publishDataset, listPublishedDatasets, readDatasetBytes, type PublishedDataset } from '../../../shared/docs/datasets';
import type { ImportSummary } from '../../../shared/indicators/import';
import { DATASETS_DOC, datasetDocName } from '../../../shared/sync/doc-names';
import { api, HostError } from '../../api/client';
import type { DocRegistry } from '../../sync/doc-registry';
import { uploadStatisticsBytes } from './upload';

/**
 * Publishing statistics: the Stabsstelle imports a file once and publishes its bytes through the
 * sync server; every client's renderer sees the new entry and imports the bytes into its own
 * host's cache. The renderer is the bridge because it already holds the user's sync connection
 * (and later their credentials); the published bytes are also kept in IndexedDB, so a client that
 * was offline catches up on its next connection.
 */
export function publishImportedFile(registry: DocRegistry, summary: ImportSummary, bytes: Uint8Array, importStand: string | undefined, by: string): void {
  const list = registry.acquire(DATASETS_DOC);
  const file = registry.acquire(datasetDocName(summary.fileHash));
  try {
    publishDataset(
      list.connection.doc,
      file.connection.doc,
      {
        fileHash: summary.fileHash,
        fileName: summary.fileName,
        tableCode: summary.tableCode,
        tableTitle: summary.tableTitle,
        stand: summary.stand,
        ...(importStand ? { importStand } : {}),
        size: bytes.length,
        publishedAt: new Date().toISOString(),
        publishedBy: by,
      },
      bytes,
    );
  } finally {
    // Released, the documents stay connected a while, long enough to reach the server.
    list.release();
    file.release();
  }
}

/** What the background import is doing, for a status line. */
export type DatasetSyncState =
  | { kind: 'idle' }
  | { kind: 'importing'; file: string }
  /** The host could not be reached or was busy: tried again later and when the network returns. */
  | { kind: 'retrying'; message: string }
  /** The file itself was refused (broken, too large): not tried again in this session. */
  | { kind: 'failed'; file: string; message: string };

/** How long a catch-up import waits after the host could not be reached. */
const RETRY_AFTER_MS = 10_000;

/** Host failures that say nothing about the file: the same import may well succeed later. */
function isTransient(e: unknown): boolean {
  return e instanceof HostError && (e.code === 'unreachable' || e.code === 'unavailable' || e.code === 'rate-limited');
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Waits until a published file's bytes have arrived in its document. */
function whenBytes(registry: DocRegistry, fileHash: string): { bytes: Promise<Uint8Array>; release: () => void } {
  const handle = registry.acquire(datasetDocName(fileHash));
  const doc = handle.connection.doc;
  const bytes = new Promise<Uint8Array>((resolve) => {
    const check = (): void => {
      const value = readDatasetBytes(doc);
      if (value) {
        doc.off('update', check);
        resolve(value);
      }
    };
    doc.on('update', check);
    check();
  });
  return { bytes, release: handle.release };
}

/**
 * Keeps the local host's cache up to date with everything published: imports each published file
 * the host does not have yet, one at a time. Returns a stop function.
 */
export function startDatasetSync(registry: DocRegistry, onState: (state: DatasetSyncState) => void): () => void {
  const list = registry.acquire(DATASETS_DOC);
  const attempted = new Set<string>();
  let running = false;
  let again = false;
  let stopped = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const retryLater = (e: unknown): void => {
    onState({ kind: 'retrying', message: messageOf(e) });
    retryTimer ??= setTimeout(() => {
      retryTimer = undefined;
      run();
    }, RETRY_AFTER_MS);
  };

  const importMissing = async (entries: PublishedDataset[]): Promise<void> => {
    const { hashes } = await api.indicators.importedFiles({});
    const have = new Set(hashes);
    for (const entry of entries) {
      if (stopped || have.has(entry.fileHash) || attempted.has(entry.fileHash)) {
        continue;
      }
      attempted.add(entry.fileHash);
      onState({ kind: 'importing', file: entry.fileName });
      const pending = whenBytes(registry, entry.fileHash);
      try {
        const bytes = await pending.bytes;
        await uploadStatisticsBytes(bytes, entry.fileName, entry.importStand);
      } catch (e: unknown) {
        if (isTransient(e)) {
          attempted.delete(entry.fileHash);
          retryLater(e);
        } else {
          onState({ kind: 'failed', file: entry.fileName, message: messageOf(e) });
        }
        return;
      } finally {
        pending.release();
      }
    }
    onState({ kind: 'idle' });
  };

  function run(): void {
    if (stopped) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    const entries = listPublishedDatasets(list.connection.doc);
    if (entries.every((e) => attempted.has(e.fileHash))) {
      return;
    }
    running = true;
    importMissing(entries)
      .catch((e: unknown) => (isTransient(e) ? retryLater(e) : onState({ kind: 'failed', file: '', message: messageOf(e) })))
      .finally(() => {
        running = false;
        if (again && !stopped) {
          again = false;
          run();
        }
      });
  }

  list.connection.doc.on('update', run);
  window.addEventListener('online', run);
  void list.connection.whenLocalLoaded.then(run);
  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    window.removeEventListener('online', run);
    list.connection.doc.off('update', run);
    list.release();
  };
}
