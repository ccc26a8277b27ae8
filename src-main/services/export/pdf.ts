import type { Browser } from 'playwright-core';
import type { ReportExport } from '../../../shared/docs/report/read';
import { renderPrintHtml, type PageNumbers } from '../../../shared/export/print-html';
import { pdfNamedDestinationPages } from './pdf-destinations';

/** Prints HTML to a PDF with Chromium's PDF engine: A4, tagged, with an outline from the headings. */
export type PrintToPdf = (html: string) => Promise<Uint8Array>;

/** The browser-mode and CLI printer: a headless Chromium page, network off, CSS page size. */
export function chromiumPrinter(browser: Browser): PrintToPdf {
  return async (html) => {
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
      return new Uint8Array(pdf);
    } finally {
      await context.close();
    }
  };
}

/**
 * The PDF of a report in two passes: the first print tells the page of every heading (named
 * destinations of the table of contents' links), the second prints the table of contents with
 * those page numbers. The contents page has a fixed number of lines, so the pages do not shift.
 */
export async function renderReportPdf(report: ReportExport, print: PrintToPdf): Promise<Uint8Array> {
  const first = await print(renderPrintHtml(report));
  const pages: PageNumbers = pdfNamedDestinationPages(first);
  if (pages.size === 0) {
    return first;
  }
  return print(renderPrintHtml(report, pages));
}
