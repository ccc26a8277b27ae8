import type { Browser } from 'playwright-core';
import type { Rasterize } from './docx';

/** Renders chart SVGs to PNG (2× for print sharpness) in one offline Chromium page. */
export async function chromiumRasterizer(browser: Browser): Promise<{ rasterize: Rasterize; close(): Promise<void> }> {
  const context = await browser.newContext({ offline: true, javaScriptEnabled: false, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.route('**/*', (route) => route.abort());
  return {
    rasterize: async (svg) => {
      await page.setContent(`<!DOCTYPE html><html><body style="margin:0;background:#fff">${svg}</body></html>`);
      const element = page.locator('svg').first();
      const box = await element.boundingBox();
      const png = await element.screenshot({ type: 'png' });
      return { png: new Uint8Array(png), width: Math.round(box?.width ?? 640), height: Math.round(box?.height ?? 300) };
    },
    close: () => context.close(),
  };
}
