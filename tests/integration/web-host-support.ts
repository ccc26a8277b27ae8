import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../shared/log.js';
import { startWebHost, type WebHost, type WebHostOptions } from '../../src-main/web/host.js';
import { tempDir } from '../../sync-server/test-support.js';

/**
 * A browser-mode host in a temporary folder, with a placeholder renderer page and a silent logger
 * (report year 2026); `close` stops it and removes the folder. `options` add to or replace these.
 */
export async function startTestWebHost(prefix: string, options: Partial<WebHostOptions> = {}): Promise<{ host: WebHost; dir: string; close: () => Promise<void> }> {
  const { dir, remove } = tempDir(prefix);
  const rendererDir = path.join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Fokuswerk</title>');
  const host = await startWebHost({ port: 0, dataDir: path.join(dir, 'data'), rendererDir, reportYear: 2026, logger: createLogger(() => undefined), ...options });
  return {
    host,
    dir,
    close: async () => {
      await host.close();
      remove();
    },
  };
}
