import { useState } from 'react';
import * as Y from 'yjs';
import type { OutlineGroup } from '../../../shared/docs/report';
import { api } from '../../api/client';
import { downloadFile, fromBase64 } from '../../ui/download';

/** Export formats of the report and the German file names they are saved under. */
export type ExportFormat = 'pdf' | 'docx' | 'html';

const EXTENSION: Record<ExportFormat, string> = { pdf: 'pdf', docx: 'docx', html: 'html' };

/** "Sozialplanung-Fokus-2026.pdf", "…-Digitale-Ausgabe.html". */
export function exportFileName(year: number, format: ExportFormat): string {
  return `Sozialplanung-Fokus-${year}${format === 'html' ? '-Digitale-Ausgabe' : ''}.${EXTENSION[format]}`;
}

/** Base64 of bytes, in chunks (String.fromCharCode on a whole report would overflow the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** State of the export buttons. */
export type ExportState = { kind: 'idle' } | { kind: 'running'; format: ExportFormat } | { kind: 'done'; name: string } | { kind: 'failed'; reason: string };

/** Sends the report the renderer holds to the host (`export.report`) and downloads the file. */
export function useReportExport(doc: Y.Doc, year: number, groups: readonly OutlineGroup[]): { state: ExportState; run: (format: ExportFormat) => void } {
  const [state, setState] = useState<ExportState>({ kind: 'idle' });
  const run = (format: ExportFormat): void => {
    setState({ kind: 'running', format });
    const name = exportFileName(year, format);
    api.export
      .report({ year, format, state: toBase64(Y.encodeStateAsUpdate(doc)), groups: groups.map((g) => ({ id: g.id, name: g.name })) })
      .then((result) => {
        downloadFile(fromBase64(result.base64), name, result.mime);
        setState({ kind: 'done', name });
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        // Host messages are "Deutsch / English"; the German half is the one shown.
        setState({ kind: 'failed', reason: message.split(' / ')[0] ?? message });
      });
  };
  return { state, run };
}
