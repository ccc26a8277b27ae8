import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { asksForHelp, printUsage } from '../../shared/cli-usage';
import { startWebHost } from './host';

const USAGE = `Aufruf / usage: npm run serve -- --port <port> [--host <addr>] [--allowed-host <name>…] [--data <dir>] [--sync <ws-url>] [--year <jahr>] [--tls-cert <pem> --tls-key <pem>]
  --port   TCP-Port (Standard 5173) / TCP port (default 5173)
  --host   Adresse, an die gebunden wird (Standard 127.0.0.1; 0.0.0.0 für iPads im Netz) / address to bind
  --data   Datenverzeichnis (Standard .data/app) / data directory
  --allowed-host <name>  Weiterer Hostname, unter dem iPads im Netz den Host erreichen (mehrfach möglich) / further host name for LAN use (repeatable)
  --sync   Externer Sync-Server (ws:// oder wss://); ohne: eingebetteter Server mit Demo / external sync server
  --year   Jahr des Jahresberichts (Standard: laufendes Jahr) / report year (default: this year)
  --tls-cert  Zertifikat (PEM) für https:// – nötig, damit iPads im Netz die App auch offline starten / certificate (PEM) for https://, needed for the offline start on LAN devices
  --tls-key   Privater Schlüssel (PEM) dazu / its private key (PEM)`;

/** `npm run serve`: the browser-mode host, for browsers, iPads and tests. */
async function main(): Promise<void> {
  if (asksForHelp(process.argv.slice(2))) {
    printUsage(process, USAGE);
    return;
  }
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '5173' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string', default: '.data/app' },
        sync: { type: 'string' },
        'allowed-host': { type: 'string', multiple: true },
        year: { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
      },
      strict: true,
    }));
  } catch (e: unknown) {
    fail(`Ungültige Argumente / invalid arguments: ${e instanceof Error ? e.message : String(e)}\n${USAGE}`);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    fail(`Ungültiger Port „${values.port}“ / invalid port "${values.port}"\n${USAGE}`);
  }
  if (values.sync && !/^wss?:\/\//.test(values.sync)) {
    fail(`--sync braucht eine ws://- oder wss://-Adresse / --sync needs a ws:// or wss:// URL: ${values.sync}\n${USAGE}`);
  }
  const year = values.year ? Number(values.year) : undefined;
  if (year !== undefined && !(Number.isInteger(year) && year >= 1900 && year <= 2199)) {
    fail(`Ungültiges Berichtsjahr / invalid report year: ${values.year}`);
  }
  const certFile = values['tls-cert'];
  const keyFile = values['tls-key'];
  if ((certFile === undefined) !== (keyFile === undefined)) {
    fail(`--tls-cert und --tls-key nur zusammen / --tls-cert and --tls-key go together\n${USAGE}`);
  }
  let tls: { cert: Buffer; key: Buffer } | undefined;
  if (certFile !== undefined && keyFile !== undefined) {
    try {
      tls = { cert: readFileSync(certFile), key: readFileSync(keyFile) };
    } catch (e: unknown) {
      fail(`Zertifikat oder Schlüssel nicht lesbar / cannot read certificate or key: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const host = await startWebHost({
    port,
    host: values.host,
    dataDir: path.resolve(values.data),
    ...(values.sync ? { syncUrl: values.sync } : {}),
    allowedHosts: values['allowed-host'] ?? [],
    ...(year !== undefined ? { reportYear: year } : {}),
    ...(tls ? { tls } : {}),
  });
  process.stdout.write(`Fokuswerk (Browser-Modus) läuft auf ${host.url}\n`);
  const stop = (): void => {
    void host.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

main().catch((e: unknown) => {
  fail(e instanceof Error ? e.message : String(e));
});
