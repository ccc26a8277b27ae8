import { z } from 'zod';

/** Largest report state the host accepts for an export (base64 of the Yjs update). */
export const MAX_REPORT_STATE_BASE64 = 48 * 1024 * 1024;

/**
 * Largest request body of `export.report` over HTTP: the state plus the groups and the JSON around
 * them. The browser-mode host allows this one call more than its 1 MiB for every other call, since
 * the renderer sends the whole report (an 80-page report with its edit history is several MiB).
 */
export const MAX_REPORT_EXPORT_BODY = MAX_REPORT_STATE_BASE64 + 256 * 1024;

/**
 * What the renderer sends to export the report it has open: the year, the format, the report
 * document's state (Yjs update, base64) and the working groups' names. Reading rights are the
 * renderer's own: it sends what it could already read.
 */
export const ReportExportRequest = z
  .object({
    year: z.number().int().min(1900).max(2199),
    format: z.enum(['pdf', 'docx', 'html']),
    state: z.string().min(1).max(MAX_REPORT_STATE_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/),
    groups: z.array(z.object({ id: z.string().min(1).max(64), name: z.string().max(200) }).strict()).max(200),
  })
  .strict();
export type ReportExportRequest = z.infer<typeof ReportExportRequest>;

/** The exported file: a suggested name, its MIME type and its bytes (base64). */
export const ReportExportResult = z.object({
  fileName: z.string(),
  mime: z.string(),
  base64: z.string(),
});
export type ReportExportResult = z.infer<typeof ReportExportResult>;
