import type { ImportProgress, ImportSummary } from '../../../shared/indicators/import';
import type { GenesisParseReason } from './genesis-error';

/** What the host asks the import worker to do: import one file into the cache at `dbPath`. */
export interface ImportJob {
  dbPath: string;
  nativeBinding?: string;
  /** The file, spooled to disk by the host (the worker reads it; nothing large crosses threads). */
  filePath: string;
  fileName: string;
  stand?: string;
  /** One Int32: set to 1 (Atomics.store) to cancel; the import then rolls back. */
  cancel: SharedArrayBuffer;
}

/** What the worker reports back. */
export type ImportWorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'parse-error'; line: number; reason: GenesisParseReason; de: string; en: string; fileName?: string }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string };
