import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SqliteAuthStore } from './auth/store.js';
import { openDatabase } from './database.js';
import { printUsage, refuseArguments } from '../shared/cli-usage.js';
import { processLogger } from '../shared/log.js';
import { parseCliArgs, USAGE } from './cli-args.js';
import { resolveScaleConfig } from './extensions/scale-out/config.js';
import { scaleOutExtension } from './extensions/scale-out/extension.js';
import { startScaleOut, type ScaleOut } from './extensions/scale-out/scale-out.js';
import { METRICS_TOKEN_ENV } from './metrics-access.js';
import { createSyncServer, type SyncServer } from './server.js';

/**
 * Standalone sync server: `npm run sync-server -- --port <port> --data <dir> [--auth] …`.
 * Sign-in is opt-in with --auth, so the demo and the embedded server work without accounts; a
 * database that has accounts refuses to start without either --auth or an explicit --no-auth, so
 * forgetting the flag never opens the documents to everyone.
 */
async function main(): Promise<void> {
  const args = parseCliArgs(process.argv.slice(2));
  if (args.kind === 'help') {
    printUsage(process, USAGE);
    return;
  }
  if (args.kind === 'error') {
    refuseArguments(process, args.message, USAGE);
    return;
  }
  const { port, host, dataDir, pathPrefix, seedDemo, auth, tokenTtlSeconds, tls, corsOrigins, trustProxy } = args.options;
  const logger = processLogger(process, { service: 'sync-server' });

  const scaleConfig = resolveScaleConfig(args.options, process.env);
  if (scaleConfig !== null && 'error' in scaleConfig) {
    refuseArguments(process, scaleConfig.error, USAGE);
    return;
  }

  let server: SyncServer;
  let url: string;
  let scale: ScaleOut | null = null;
  try {
    scale = scaleConfig === null ? null : await startScaleOut({ ...scaleConfig, logger });
    if (auth === 'unset' && (scale === null ? databaseHasAccounts(resolve(dataDir)) : scale.accounts.store.hasAccounts())) {
      process.stderr.write(
        'Die Datenbank enthält Konten: bitte mit --auth (Anmeldung verlangen) oder --no-auth (ausdrücklich ohne) starten.\n' +
          'The database holds accounts: start with --auth (require sign-in) or --no-auth (explicitly without).\n',
      );
      process.exit(2);
    }
    server = createSyncServer({
      ...(scale === null
        ? {}
        : {
            extensions: [scaleOutExtension(scale)],
            accounts: scale.accounts,
            clientIdBindings: scale.clientIdBindings,
            ...(scale.signInBuckets === undefined ? {} : { signInBuckets: scale.signInBuckets }),
          }),
      dataDir: resolve(dataDir),
      logger,
      pathPrefix,
      auth: auth === 'on' ? { ...(tokenTtlSeconds === undefined ? {} : { tokenTtlSeconds }) } : false,
      corsOrigins,
      trustProxy,
      ...(process.env[METRICS_TOKEN_ENV] ? { metricsToken: process.env[METRICS_TOKEN_ENV] } : {}),
      ...(tls === undefined ? {} : { tls: { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) } }),
    });
    if (seedDemo) {
      // Loaded only on demand: the demo content pulls in the editor schema.
      const { buildDemoSeed } = await import('../shared/demo/seed.js');
      await server.seedIfEmpty(buildDemoSeed(new Date().getFullYear()));
    }
    ({ url } = await server.listen(port, host));
  } catch (error: unknown) {
    logger.error('start failed', { error, port, host, dataDir });
    process.stderr.write(
      `Sync-Server konnte nicht starten / sync server could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn('second signal: exiting immediately', { signal });
      process.exit(1);
    }
    stopping = true;
    logger.info('shutting down', { signal });
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  logger.info('access control', { auth: auth === 'on' });
  process.stdout.write(`Fokuswerk sync server listening on ${url}\n`);
}

/** True if the database in `dataDir` has accounts (then running without --auth must be explicit). */
function databaseHasAccounts(dataDir: string): boolean {
  const db = openDatabase(dataDir);
  try {
    return new SqliteAuthStore(db).hasAccounts();
  } finally {
    db.close();
  }
}

await main();
