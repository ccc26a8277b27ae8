import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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

/** Why an export failed, with a German/English message for people. */
export class ExportError extends Error {
  override readonly name = 'ExportError';
  constructor(
    readonly code: 'no-report' | 'no-chromium' | 'print-failed' | 'write-failed' | 'bad-input',
    message: string,
  ) {
    super(message);
  }
}
