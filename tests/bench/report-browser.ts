/**
 * The Fokusbericht in Chromium at its real size (80 pages, 60 recommendations, 30 charts, 50
 * tables), served by the real browser-mode host with its embedded sync server: time to open the
 * reading view and the editing view, and keystroke latency in a chapter editor (keydown to the
 * next frame, p50/p95) alone and while a second client types in another chapter. Part of
 * `npm run bench:report` (needs `npm run build:renderer`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { chromium } from 'playwright-core';
import { createLogger } from '../../shared/log';
import { Fragment } from '../../shared/schema/fragments';
import { PROTOCOL_VERSION_PARAM, SYNC_PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { reportDocName } from '../../shared/sync/doc-names';
import { chromiumPath } from '../../src-main/services/export/chromium';
import { startWebHost } from '../../src-main/web/host';
import { FULL } from '../fixtures/report/generate';
import { writeReportDataDir } from '../fixtures/report/data-dir';

const YEAR = 2026;

/** What the page functions below touch (this file has no DOM types). */
type PageWindow = { location: { hash: string }; requestAnimationFrame(cb: () => void): void; __latencies: number[] };

/** Percentile of a sorted copy. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) * 10) / 10;
}

/** Installed in the page: for every keydown, the time until the next frame is painted. */
const LATENCY_PROBE = `(() => {
  window.__latencies = [];
  document.addEventListener('keydown', () => {
    const start = performance.now();
    requestAnimationFrame(() => setTimeout(() => window.__latencies.push(performance.now() - start), 0));
  }, true);
})()`;

/** Opening times and keystroke latencies of the report in Chromium. */
export interface ReportBrowserFigures {
  openReadingViewMs: { first: number; again: number[] };
  openEditingViewMs: number[];
  editorsMountedOnOpen: number;
  keystrokeMs: Record<'alone' | 'withSecondTypist', { p50: number; p95: number; n: number }>;
  remoteKeystrokeMainThreadMs: number;
}

export async function benchReportBrowser(): Promise<ReportBrowserFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'fokuswerk-bench-report-browser-'));
  await writeReportDataDir(join(dir, 'sync'), YEAR, FULL);
  const host = await startWebHost({ port: 0, dataDir: dir, reportYear: YEAR, logger: createLogger(() => undefined) });
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  let typist: { provider: WebsocketProvider; doc: Y.Doc; timer: ReturnType<typeof setInterval> } | null = null;
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' })).newPage();
    await page.goto(host.url);
    await page.getByLabel('Ihr Anzeigename').fill('Sabine Stabsstelle');
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByRole('heading', { name: 'Arbeitsgruppen', level: 1 }).waitFor();

    const open = async (hash: string, ready: string): Promise<number> => {
      await page.evaluate(() => ((globalThis as unknown as PageWindow).location.hash = '#/'));
      await page.getByRole('heading', { name: 'Arbeitsgruppen', level: 1 }).waitFor();
      const start = Date.now();
      await page.evaluate((h) => ((globalThis as unknown as PageWindow).location.hash = h), hash);
      await page.locator(ready).first().waitFor({ state: 'attached', timeout: 60_000 });
      // Until the frame after the report is there.
      await page.evaluate(() => new Promise((resolve) => (globalThis as unknown as PageWindow).requestAnimationFrame(() => setTimeout(resolve, 0))));
      return Date.now() - start;
    };
    const lastRecommendation = '[id="empfehlung-vorschlag-60"]';
    const readingFirst = await open(`#/report/${YEAR}/read`, lastRecommendation);
    const reading = [await open(`#/report/${YEAR}/read`, lastRecommendation), await open(`#/report/${YEAR}/read`, lastRecommendation)];
    const editing = [await open('#/report', '[data-proposal-id="vorschlag-60"]'), await open('#/report', '[data-proposal-id="vorschlag-60"]')];
    const mountedEditors = await page.locator('.ProseMirror').count();

    await page.evaluate(LATENCY_PROBE);
    const editor = page.getByTestId('chapter-_vorwort').locator('.ProseMirror');
    await editor.click();
    const type = async (): Promise<number[]> => {
      await page.evaluate(() => ((globalThis as unknown as PageWindow).__latencies = []));
      for (let i = 0; i < 60; i++) {
        await page.keyboard.type(i % 8 === 7 ? ' ' : 'a', { delay: 0 });
        await page.waitForTimeout(30);
      }
      await page.waitForTimeout(200);
      return page.evaluate(() => (globalThis as unknown as PageWindow).__latencies);
    };
    const alone = await type();

    // A second person types in another chapter: one character every 100 ms over the sync server.
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${host.url.replace(/^http/, 'ws')}/sync`, reportDocName(YEAR), doc, {
      WebSocketPolyfill: WebSocket as never,
      disableBc: true,
      params: { [PROTOCOL_VERSION_PARAM]: String(SYNC_PROTOCOL_VERSION) },
    });
    await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
    const fragment = doc.getXmlFragment(Fragment.reportChapter('_netzwerk-text'));
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    fragment.insert(fragment.length, [paragraph]);
    typist = { provider, doc, timer: setInterval(() => text.insert(text.length, 'x'), 100) };
    await page.waitForTimeout(500);
    const withSecond = await type();
    const remote = await page.evaluate(async () => {
      // Main-thread time the page spends per remote keystroke: long-task-free idle share over 3 s.
      let busy = 0;
      let last = performance.now();
      const end = last + 3000;
      while (performance.now() < end) {
        await new Promise((r) => setTimeout(r, 0));
        const now = performance.now();
        busy += Math.max(0, now - last - 4);
        last = now;
      }
      return busy;
    });
    return {
      openReadingViewMs: { first: readingFirst, again: reading },
      openEditingViewMs: editing,
      editorsMountedOnOpen: mountedEditors,
      keystrokeMs: { alone: { p50: percentile(alone, 50), p95: percentile(alone, 95), n: alone.length }, withSecondTypist: { p50: percentile(withSecond, 50), p95: percentile(withSecond, 95), n: withSecond.length } },
      remoteKeystrokeMainThreadMs: Math.round((remote / 30) * 10) / 10,
    };
  } finally {
    if (typist) {
      clearInterval(typist.timer);
      typist.provider.destroy();
      typist.doc.destroy();
    }
    await browser.close();
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
