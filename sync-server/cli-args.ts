import { parseArgs } from 'node:util';

/** Options of the sync server command line. */
export interface CliOptions {
  port: number;
  host: string;
  dataDir: string;
  pathPrefix: string;
  /** Seed the demo workspace if the database is empty. */
  seedDemo: boolean;
  /** 'on': accounts required; 'off': explicitly none; 'unset': none, refused if the database has accounts. */
  auth: 'on' | 'off' | 'unset';
  /** Lifetime of issued tokens in seconds, if given. */
  tokenTtlSeconds?: number;
  /** PEM files for wss://; both or neither. */
  tls?: { certFile: string; keyFile: string };
  /** Browser origins allowed to call /auth/* cross-origin. */
  corsOrigins: string[];
  /** Believe X-Forwarded-For from this machine (browser-mode host or reverse proxy in front). */
  trustProxy: boolean;
  /** Scale-out: store documents in this PostgreSQL database (see extensions/scale-out/). */
  postgresUrl?: string;
  /** Scale-out: share documents with other instances through this Redis (needs PostgreSQL). */
  redisUrl?: string;
}

/** Parsed command line: options, a request for help, or an error to show with the usage text. */
export type CliArgs = { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'error'; message: string };

/** Usage text shown for --help and after argument errors. */
export const USAGE = `Aufruf / usage:
  npm run sync-server -- --port <port> --data <verzeichnis/dir> [--host 127.0.0.1] [--path-prefix /sync] [--seed-demo]
                         [--auth | --no-auth] [--token-ttl <sekunden>] [--tls-cert <pem> --tls-key <pem>] [--cors-origin <origin>]…
                         [--trust-proxy]

  --port         TCP-Port, 0 = freien Port wählen / TCP port, 0 = pick a free one
  --data         Datenverzeichnis für die SQLite-Datenbank / data directory for the SQLite database
  --host         Adresse, an die gebunden wird (Standard 127.0.0.1) / address to bind (default 127.0.0.1)
  --path-prefix  Dokumente unter diesem Pfad anbieten / serve documents below this path
  --seed-demo    Leere Datenbank mit dem Demo-Arbeitsbereich füllen / seed an empty database with the demo workspace
  --auth         Anmeldung verlangen (Konten: npm run admin) / require sign-in (accounts: npm run admin)
  --no-auth      Ausdrücklich ohne Anmeldung, auch wenn es Konten gibt / explicitly without sign-in, even with accounts
  --token-ttl    Gültigkeit der Zugangs-Tokens in Sekunden (Standard 43200) / token lifetime in seconds (default 43200)
  --tls-cert     Zertifikat (PEM) für wss:// / certificate (PEM) for wss://
  --tls-key      Privater Schlüssel (PEM) für wss:// / private key (PEM) for wss://
  --cors-origin  Browser-Origin, die /auth/* direkt aufrufen darf (mehrfach) / origin allowed to call /auth/* (repeatable)
  --trust-proxy  X-Forwarded-For von diesem Rechner glauben (Browser-Modus-Host oder Reverse-Proxy davor), damit
                 Anmeldeversuche je Gerät begrenzt werden / believe X-Forwarded-For from this machine (browser-mode
                 host or reverse proxy in front), so sign-in attempts are limited per device
  --postgres     Dokumente in PostgreSQL statt SQLite (mehrere Instanzen) / store documents in PostgreSQL (several instances)
                 postgres://user:pass@host:5432/db, auch / also FOKUSWERK_POSTGRES_URL
  --redis        Dokumente über Redis mit anderen Instanzen teilen (braucht --postgres) / share documents with other
                 instances through Redis (needs --postgres): redis://host:6379, auch / also FOKUSWERK_REDIS_URL
  Umgebung / environment: LOG_LEVEL=debug|info|warn|error
                 FOKUSWERK_METRICS_TOKEN: GET /metrics auch von anderen Rechnern mit "Authorization: Bearer <token>"
                 (sonst nur lokal) / lets other machines read GET /metrics with that bearer token (else local only)`;

/** Parses `argv` (without node and script); never throws. */
export function parseCliArgs(argv: readonly string[]): CliArgs {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        data: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        'path-prefix': { type: 'string', default: '' },
        'seed-demo': { type: 'boolean', default: false },
        auth: { type: 'boolean' },
        'no-auth': { type: 'boolean' },
        'trust-proxy': { type: 'boolean', default: false },
        'token-ttl': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'cors-origin': { type: 'string', multiple: true },
        postgres: { type: 'string' },
        redis: { type: 'string' },
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
  if (values.auth === true && values['no-auth'] === true) {
    return { kind: 'error', message: '--auth und --no-auth schließen sich aus / --auth and --no-auth are exclusive' };
  }
  const ttl = values['token-ttl'];
  if (ttl !== undefined && (typeof ttl !== 'string' || !/^\d+$/.test(ttl) || Number(ttl) < 60)) {
    return { kind: 'error', message: `Ungültige --token-ttl „${String(ttl)}“, erwartet Sekunden ≥ 60 / invalid token lifetime` };
  }
  const certFile = values['tls-cert'];
  const keyFile = values['tls-key'];
  if ((typeof certFile === 'string') !== (typeof keyFile === 'string')) {
    return { kind: 'error', message: '--tls-cert und --tls-key nur zusammen / --tls-cert and --tls-key go together' };
  }
  const corsOrigins = Array.isArray(values['cors-origin']) ? values['cors-origin'] : [];
  return {
    kind: 'run',
    options: {
      port: Number(port),
      host: typeof host === 'string' ? host : '127.0.0.1',
      dataDir: data,
      pathPrefix: typeof values['path-prefix'] === 'string' ? values['path-prefix'] : '',
      seedDemo: values['seed-demo'] === true,
      auth: values.auth === true ? 'on' : values['no-auth'] === true ? 'off' : 'unset',
      ...(typeof ttl === 'string' ? { tokenTtlSeconds: Number(ttl) } : {}),
      ...(typeof certFile === 'string' && typeof keyFile === 'string' ? { tls: { certFile, keyFile } } : {}),
      corsOrigins,
      trustProxy: values['trust-proxy'] === true,
      ...(typeof values.postgres === 'string' ? { postgresUrl: values.postgres } : {}),
      ...(typeof values.redis === 'string' ? { redisUrl: values.redis } : {}),
    },
  };
}
