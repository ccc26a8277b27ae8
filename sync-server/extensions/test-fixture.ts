import { afterEach } from 'vitest';
import { createSyncServer, type SyncServer, type SyncServerOptions } from '../server.js';
import { connectClient, memoryLogger, tempDir, type TestClient } from '../test-support.js';

/** A real sync server on a free port with a real SQLite file, for the extension tests; see useFixture. */
export interface ExtensionFixture {
  server: SyncServer;
  url: string;
  httpUrl: string;
  dir: string;
  logs: string[];
}

/**
 * Registers an afterEach that stops every server and client the test started; returns helpers to
 * start them. Call once per test file, at the top level.
 */
export function useFixture(): {
  start(options?: Partial<SyncServerOptions>): Promise<ExtensionFixture>;
  client(url: string, doc: string, params?: Record<string, string>): TestClient;
  later(cleanup: () => void | Promise<void>): void;
} {
  const cleanups: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup();
    }
  });
  return {
    async start(options = {}) {
      const { dir, remove } = tempDir('fokuswerk-ext-');
      cleanups.push(remove);
      const { logger, lines } = memoryLogger();
      const server = createSyncServer({ logger, ...options, dataDir: dir });
      cleanups.push(() => server.close());
      const { url } = await server.listen(0);
      return { server, url, httpUrl: url.replace(/^ws/, 'http'), dir, logs: lines };
    },
    client(url, doc, params) {
      const c = connectClient(url, doc, params);
      cleanups.push(() => c.destroy());
      return c;
    },
    later(cleanup) {
      cleanups.push(cleanup);
    },
  };
}
