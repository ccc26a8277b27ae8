import type { Handlers } from '../../shared/contract';
import { HostApiError } from './host-error';
import type { OpenExportTools } from './export/export-report';

const STYLE = `
@page { size: A4; margin: 20mm 18mm; }
body { font-family: 'Noto Sans', 'Liberation Sans', Arial, sans-serif; font-size: 11pt; line-height: 1.45; color: #1b1f24; }
h1 { font-size: 18pt; margin: 0 0 6pt; }
h2 { font-size: 13pt; margin: 14pt 0 4pt; break-after: avoid; }
h3 { font-size: 11.5pt; margin: 10pt 0 3pt; break-after: avoid; }
ul, ol { margin: 0 0 6pt; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #9aa3ae; padding: 3pt 6pt; text-align: left; vertical-align: top; }
`;

function escapeText(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
}

/** `Protokoll-Fokusgruppe-Wohnen.pdf`. */
export function protocolPdfName(title: string): string {
  const slug = title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `Protokoll-${slug || 'Sitzung'}.pdf`;
}

/**
 * `workshop.protocolPdf`: the protocol the moderator edited, printed with the same engine as the
 * report's PDF. The HTML comes from the renderer like the report's state does; it is printed in a
 * context without network and without scripts (chromiumPrinter), so it can show only itself.
 */
export function protocolPdfHandler(openTools: OpenExportTools | undefined): Handlers['workshop']['protocolPdf'] {
  return async ({ title, html }) => {
    if (!openTools) {
      throw new HostApiError('unavailable', 'Dieser Host kann kein PDF erzeugen / this host cannot make PDF');
    }
    const document = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${escapeText(title)}</title><style>${STYLE}</style></head><body>${html}</body></html>`;
    const tools = await openTools();
    try {
      const bytes = await tools.print(document);
      return { fileName: protocolPdfName(title), mime: 'application/pdf', base64: Buffer.from(bytes).toString('base64') };
    } catch (err) {
      throw new HostApiError('internal', `PDF-Export fehlgeschlagen / PDF export failed: ${(err as Error).message}`);
    } finally {
      await tools.close();
    }
  };
}
