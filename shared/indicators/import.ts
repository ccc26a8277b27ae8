import { z } from 'zod';

/** What an import did: a new vintage, more rows for a known vintage, or nothing (same file again). */
export const ImportStatus = z.enum(['imported', 'merged', 'unchanged']);
export type ImportStatus = z.infer<typeof ImportStatus>;

/** The result of importing one statistics file into the indicator cache. */
export const ImportSummary = z.object({
  status: ImportStatus,
  fileName: z.string(),
  /** SHA-256 of the file's bytes, hex. */
  fileHash: z.string(),
  tableCode: z.string(),
  tableTitle: z.string(),
  /** Vintage of the table as ISO date-time, e.g. "2017-10-10T11:01:03". */
  stand: z.string(),
  /** Whether this vintage is now the one indicator queries use. */
  current: z.boolean(),
  regions: z.number().int(),
  values: z.number().int(),
  /** How many of the values are missing (secret, later, unreliable, blocked). */
  missing: z.number().int(),
  periods: z.array(z.string()),
  durationMs: z.number(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

/** Progress of a running import; `total` is 0 while unknown. */
export const ImportProgress = z.object({
  phase: z.enum(['read', 'parse', 'write', 'done']),
  done: z.number().int(),
  total: z.number().int(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

/** Largest statistics file the app imports (bytes): it is read in chunks, so memory stays small (the full GENESIS exports are about 3 MB). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
/** Largest chunk of an upload (bytes before base64), so every call stays below the hosts' body limit. */
export const MAX_IMPORT_CHUNK_BYTES = 512 * 1024;

/** Starts an upload of a statistics file to the host (contract: indicators.importBegin). */
export const ImportBegin = z.object({
  fileName: z.string().min(1).max(255),
  size: z.number().int().min(1).max(MAX_IMPORT_BYTES),
  /** Stand for a flat file (ffcsv), which carries none: "YYYY-MM-DD". */
  stand: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});

/** One piece of an upload, base64, at its byte offset (contract: indicators.importChunk). */
export const ImportChunk = z.object({
  uploadId: z.string().min(1),
  offset: z.number().int().min(0),
  data: z.string().max(Math.ceil(MAX_IMPORT_CHUNK_BYTES / 3) * 4),
});
