import * as Y from 'yjs';
import type { Handlers } from '../../../shared/contract';
import { HostApiError } from '../host-error';
import { ExportError } from './export-error';
import { ChartCache } from './chart-cache';
import { EXPORT_FORMATS, renderExport, reportModel, type OpenExportTools } from './export-report';

/**
 * The contract's `export` handlers: render the report state the renderer sent, with the host's
 * engine for PDF and DOCX (passed in, so the desktop bundle never loads the headless launcher).
 */
export function exportHandlers(openTools?: OpenExportTools): Handlers['export'] {
  // Charts drawn once per host: a repeated Word export redraws only charts whose data changed.
  const charts = new ChartCache();
  return {
    report: async ({ year, format, state, groups }) => {
      const doc = new Y.Doc();
      try {
        Y.applyUpdate(doc, Buffer.from(state, 'base64'));
      } catch {
        throw new HostApiError('bad-request', 'Der Berichtsstand ist nicht lesbar / the report state cannot be read');
      }
      try {
        const bytes = await renderExport(reportModel(doc, year, { groups }), format, openTools, charts);
        return { fileName: `Fokusbericht-${year}.${EXPORT_FORMATS[format].ext}`, mime: EXPORT_FORMATS[format].mime, base64: Buffer.from(bytes).toString('base64') };
      } catch (err) {
        if (err instanceof ExportError) {
          throw new HostApiError(err.code === 'no-chromium' ? 'unavailable' : 'internal', err.message);
        }
        throw err;
      }
    },
  };
}
