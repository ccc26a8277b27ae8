import type { Browser } from 'playwright-core';
import type { RasterizeAll } from './docx';

/** Renders chart SVGs to PNG (2× for print sharpness) in one offline Chromium page, all at once. */
export function chromiumRasterizer(browser: Browser): RasterizeAll {
  return async (svgs) => {
    if (svgs.length === 0) {
      return [];
    }
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.route('**/*', (route) => route.abort());
      await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:#fff">${svgs.map((svg) => `<div class="c" style="display:block;width:max-content">${svg}</div>`).join('')}</body></html>`);
      // The page is never scrolled, so viewport and page coordinates agree. One layout, then a clip of the full page per chart: much cheaper than element screenshots.
      type Measurable = { getBoundingClientRect(): { left: number; top: number; width: number; height: number } };
      const boxes = await page.$$eval('div.c > svg', (elements: Measurable[]) =>
        elements.map((e) => {
          const r = e.getBoundingClientRect();
          return { x: r.left, y: r.top, width: r.width, height: r.height };
        }),
      );
      // Chromium's own screenshot call: Playwright's adds waits per shot that cost more than the shot.
      const cdp = await context.newCDPSession(page);
      const results = [];
      for (const box of boxes) {
        const shot = await cdp.send('Page.captureScreenshot', { format: 'png', clip: { ...box, scale: 2 }, captureBeyondViewport: true, optimizeForSpeed: true });
        results.push({ png: new Uint8Array(Buffer.from(shot.data, 'base64')), width: Math.round(box.width), height: Math.round(box.height) });
      }
      return results;
    } finally {
      await context.close();
    }
  };
}
