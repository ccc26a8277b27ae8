/**
 * Export times of the Fokusbericht at its real size (issue 9): a generated report of about 80 A4
 * pages (40,000 words, 60 recommendations, 30 charts, 50 tables), exported as digital edition,
 * DOCX and PDF the way `npm run export` does it. Prints JSON with an `aims` object
 * (HTML < 2 s, DOCX < 5 s, PDF < 20 s, host memory < 500 MB). The reading view and editor figures
 * of the benchmark come with the renderer's report view.
 *   npm run bench:report
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumExportTools } from '../../src-main/services/export/chromium';
import { ChartCache } from '../../src-main/services/export/chart-cache';
import { renderExport, reportModel, type ExportFormat } from '../../src-main/services/export/export-report';
import { plainText } from '../../shared/docs/report';
import { FIXTURE_GROUPS, FULL, generateReport } from '../fixtures/report/generate';
import { benchReportBrowser } from './report-browser';

/** The aims for the reading view and the editor. */
function browserAims(b: Awaited<ReturnType<typeof benchReportBrowser>>): Record<string, boolean> {
  const k = b.keystrokeMs;
  return {
    readingViewUnder1s: Math.max(...b.openReadingViewMs.again) < 1_000,
    keystrokeP95Under16msAlone: k.alone.p95 < 16,
    keystrokeP95Under16msWithSecondTypist: k.withSecondTypist.p95 < 16,
    remoteKeystrokeUnder5ms: b.remoteKeystrokeMainThreadMs < 5,
  };
}

const dir = mkdtempSync(join(tmpdir(), 'fokuswerk-bench-report-'));
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
try {
  const doc = generateReport(2026, FULL);
  const readStart = performance.now();
  const model = reportModel(doc, 2026, { groups: FIXTURE_GROUPS });
  const readMs = performance.now() - readStart;
  const chapters = model.parts.flatMap((p) => p.chapters);
  const words = chapters
    .flatMap((c) => [c.content ? plainText(c.content) : '', ...c.recommendations.map((r) => plainText(r.content))])
    .join(' ')
    .split(/\s+/)
    .filter(Boolean).length;
  const times: Record<ExportFormat, number> = { html: 0, docx: 0, pdf: 0 };
  const sizes: Record<ExportFormat, number> = { html: 0, docx: 0, pdf: 0 };
  // The host keeps one chart cache: the first Word export draws every chart, a repeated one none.
  const charts = new ChartCache();
  for (const format of ['html', 'docx', 'pdf'] as const) {
    const start = performance.now();
    const bytes = await renderExport(model, format, chromiumExportTools, charts);
    times[format] = Math.round(performance.now() - start);
    sizes[format] = bytes.length;
    writeFileSync(join(dir, `report.${format}`), bytes);
  }
  const repeatStart = performance.now();
  await renderExport(model, 'docx', chromiumExportTools, charts);
  const docxRepeatMs = Math.round(performance.now() - repeatStart);
  const browser = process.argv.includes('--no-browser') ? null : await benchReportBrowser();
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(dir, 'report.pdf')], { encoding: 'utf8' }))?.[1] ?? 0);
  const peakRssMb = Math.round(peakRss / 1024 / 1024);
  const output = {
    report: {
      size: { pages, words, recommendations: chapters.flatMap((c) => c.recommendations).length, charts: model.figures.length, tables: FULL.tables },
      readModelMs: Math.round(readMs),
      exportMs: times,
      docxRepeatMs,
      bytes: sizes,
      hostPeakRssMb: peakRssMb,
      ...(browser ? { browser } : {}),
      note: 'export times include starting Chromium (PDF: two print passes; DOCX: charts drawn to PNG on a canvas in one page); docxRepeatMs: the same report again, charts from the host’s cache, no Chromium; memory is the Node host, Chromium runs in its own processes',
    },
    aims: {
      htmlUnder2s: times.html < 2_000,
      docxUnder5s: times.docx < 5_000,
      docxRepeatUnder5s: docxRepeatMs < 5_000,
      pdfUnder20s: times.pdf < 20_000,
      hostMemoryUnder500Mb: peakRssMb < 500,
      ...(browser ? browserAims(browser) : {}),
    },
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
