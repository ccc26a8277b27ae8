import type { Handlers } from '../../../shared/contract';
import type { IndicatorCache } from './cache';
import type { ImportUploads } from './import-uploads';

/** The cache as the contract's `indicators` handlers, for the IPC and HTTP hosts. */
export function indicatorHandlers(cache: IndicatorCache, uploads: ImportUploads): Handlers['indicators'] {
  return {
    list: () => cache.list(),
    regions: () => cache.regions(),
    query: (q) => cache.query(q),
    vintages: ({ tableCode }) => cache.vintages(tableCode).map((v) => ({ tableCode: v.tableCode, title: v.title, stand: v.stand, current: v.current })),
    importedFiles: () => ({ hashes: cache.importedFileHashes() }),
    importBegin: (input) => uploads.begin(input),
    importChunk: (input) => uploads.chunk(input),
    importFinish: (input) => uploads.finish(input),
    importCancel: (input) => uploads.cancel(input),
  };
}
