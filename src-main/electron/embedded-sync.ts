import { randomBytes } from 'node:crypto';
import { buildDemoSeed } from '../../shared/demo/seed';
import type { Logger } from '../../shared/log';
import { createSyncServer, type SyncServer } from '../../sync-server/server';

/** Options of the sync server the desktop app embeds. */
export interface EmbeddedSyncOptions {
  dataDir: string;
  reportYear: number;
  nativeBinding?: string;
  logger?: Logger;
}

/** The embedded server and the address (secret included) only the desktop app knows. */
export interface EmbeddedSync {
  server: SyncServer;
  /** `ws://127.0.0.1:<port>/<secret>`: hand it to the renderer; without the secret every request is refused. */
  url: string;
}

/**
 * Starts the desktop app's own sync server on loopback, a random port and a path made of a fresh
 * 256-bit secret. The server has no accounts, so anything that reaches it could read and write
 * every document: a web page in the user's browser (which may open WebSockets to 127.0.0.1) or
 * another local user. Neither learns the secret — it lives only in this process and the
 * renderer's sync address — so requests without it get 404 before any document is touched.
 */
export async function startEmbeddedSync(options: EmbeddedSyncOptions): Promise<EmbeddedSync> {
  const secret = randomBytes(32).toString('base64url');
  const server = createSyncServer({
    dataDir: options.dataDir,
    pathPrefix: `/${secret}`,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  try {
    const { url } = await server.listen(0, '127.0.0.1');
    await server.seedIfEmpty(buildDemoSeed(options.reportYear));
    return { server, url };
  } catch (error: unknown) {
    await server.close();
    throw error;
  }
}
