import { parseArgs } from 'node:util';

/** Options of the sync server command line. */
export interface CliOptions {
  port: number;
  host: string;
  dataDir: string;
  pathPrefix: string;
  /** Seed the demo workspace if the database is empty. */
  seedDemo: boolean;
}

/** Parsed command line: options, a request for help, or an error to show with the usage text. */
export type CliArgs = { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'error'; message: string };

/** Usage text shown for --help and after argument errors. */
export const USAGE = `Aufruf / usage:
  npm run sync-server -- --port <port> --data <verzeichnis/dir> [--host 127.0.0.1] [--path-prefix /sync] [--seed-demo]

  --port         TCP-Port, 0 = freien Port wählen / TCP port, 0 = pick a free one
  --data         Datenverzeichnis für die SQLite-Datenbank / data directory for the SQLite database
  --host         Adresse, an die gebunden wird (Standard 127.0.0.1) / address to bind (default 127.0.0.1)
  --path-prefix  Dokumente unter diesem Pfad anbieten / serve documents below this path
  --seed-demo    Leere Datenbank mit dem Demo-Arbeitsbereich füllen / seed an empty database with the demo workspace
  Umgebung / environment: LOG_LEVEL=debug|info|warn|error`;

/** Parses `argv` (without node and script); never throws. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        'path-prefix': { type: 'string', default: '' },
        'seed-demo': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error: unknown) {
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: 'error', message: `Ungültige Argumente / invalid arguments: ${detail}` };
  }
  if (values.help === true) {
    return { kind: 'help' };
  }
  const { port, data, host } = values;
  if (typeof data !== 'string' || data.trim() === '') {
    return { kind: 'error', message: 'Fehlendes Argument --data <verzeichnis> / missing argument --data <dir>' };
  }
  if (typeof port !== 'string') {
    return { kind: 'error', message: 'Fehlendes Argument --port <port> / missing argument --port <port>' };
  }
  if (!/^\d+$/.test(port) || Number(port) > 65535) {
    return {
      kind: 'error',
      message: `Ungültiger Port „${port}“, erwartet 0–65535 / invalid port, expected 0–65535`,
    };
  }
  return {
    kind: 'run',
    options: {
      port: Number(port),
      host: typeof host === 'string' ? host : '127.0.0.1',
      dataDir: data,
      pathPrefix: typeof values['path-prefix'] === 'string' ? values['path-prefix'] : '',
      seedDemo: values['seed-demo'] === true,
    },
  };
}
