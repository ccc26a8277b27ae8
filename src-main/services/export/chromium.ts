import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { ExportError } from './export-error';
import type { OpenExportTools } from './export-report';
import { chromiumPrinter } from './pdf';
import { chromiumRasterizer } from './rasterize';

/** Where the host finds Chromium: CHROMIUM_PATH, else the distribution's binary. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  for (const c of candidates) {
    if (c && existsSync(c)) {
      return c;
    }
  }
  throw new ExportError('no-chromium', 'Chromium wurde nicht gefunden (CHROMIUM_PATH setzen) / Chromium not found (set CHROMIUM_PATH)');
}

/** Starts a headless Chromium for printing; offline: every request the page makes is refused. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}

/** A headless Chromium of its own (browser mode and CLI), closed afterwards. */
export const chromiumExportTools: OpenExportTools = async () => {
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (err) {
    throw err instanceof ExportError ? err : new ExportError('print-failed', `Chromium konnte nicht starten / Chromium failed to start: ${(err as Error).message}`);
  }
  return { print: chromiumPrinter(browser), rasterize: chromiumRasterizer(browser), close: () => browser.close() };
};
