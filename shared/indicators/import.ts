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
