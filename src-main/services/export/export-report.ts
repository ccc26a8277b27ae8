import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as Y from 'yjs';
import { readReportForExport, validateReport, type ReportContext, type ReportExport } from '../../../shared/docs/report';
import { renderDigitalEdition } from '../../../shared/export/digital-html';
import { ExportError } from './export-error';
import type { ChartCache } from './chart-cache';
import { renderReportDocx, type RasterizeAll } from './docx';
import { renderReportPdf, type PrintToPdf } from './pdf';

/** The three exports of the report. */
export type ExportFormat = 'pdf' | 'docx' | 'html';

/** MIME type and file extension per format. */
export const EXPORT_FORMATS: Record<ExportFormat, { mime: string; ext: string }> = {
  pdf: { mime: 'application/pdf', ext: 'pdf' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' },
  html: { mime: 'text/html; charset=utf-8', ext: 'html' },
};

/** The export model of a stored report; malformed parts become notes in the output. */
export function reportModel(doc: Y.Doc, year: number, context: ReportContext): ReportExport {
  const model = readReportForExport(doc, year, context);
  const problems = validateReport(doc);
  if (problems.length > 0) {
    model.notes.push(`Hinweis: ${problems.length} Einträge des Berichts waren nicht lesbar und fehlen in dieser Ausgabe.`);
  }
  return model;
}

/** What PDF and DOCX need from a browser engine: printing and turning chart SVGs into PNG. */
export interface ExportTools {
  print: PrintToPdf;
  rasterize: RasterizeAll;
  close(): Promise<void>;
}

/** Opens the tools of a host; browser mode and CLI start a headless Chromium (chromium.ts), Electron uses its own. */
export type OpenExportTools = () => Promise<ExportTools>;

/**
 * Renders one export. HTML needs nothing else; PDF prints with the host's engine (two passes for
 * the page numbers of the table of contents); DOCX uses it only to turn charts into PNG, and with
 * a chart cache only for charts it has not drawn before (no engine at all when none is new).
 */
export async function renderExport(model: ReportExport, format: ExportFormat, openTools: OpenExportTools | undefined, charts?: ChartCache): Promise<Uint8Array> {
  if (format === 'html') {
    return new TextEncoder().encode(renderDigitalEdition(model));
  }
  if (!openTools) {
    throw new ExportError('no-chromium', 'Dieser Host kann kein PDF oder DOCX erzeugen / this host cannot make PDF or DOCX');
  }
  let tools: ExportTools | null = null;
  const open = async (): Promise<ExportTools> => (tools ??= await openTools());
  try {
    if (format === 'pdf') {
      return await renderReportPdf(model, (await open()).print);
    }
    const draw: RasterizeAll = async (svgs) => (await open()).rasterize(svgs);
    return await renderReportDocx(model, charts ? charts.rasterizer(draw) : draw);
  } catch (err) {
    throw err instanceof ExportError ? err : new ExportError('print-failed', `Export fehlgeschlagen / export failed: ${(err as Error).message}`);
  } finally {
    await (tools as ExportTools | null)?.close();
  }
}

/** Writes a file completely or not at all: to a temporary name next to it, then renamed. */
export async function writeFileAtomically(file: string, data: Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data, { mode: 0o644 });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw new ExportError('write-failed', `Datei konnte nicht geschrieben werden / could not write ${file}: ${(err as Error).message}`);
  }
}
