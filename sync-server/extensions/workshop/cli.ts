import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SessionBundle, WorkshopPath, type ImportResponse } from '../../../shared/docs/workshop/index.js';

/**
 * `npm run workshop -- …`: hands a session from the offline room (the moderator's laptop running
 * the server) to the central server. Import is idempotent — the session keeps its id, so running a
 * transfer twice (or after a broken connection) never makes a duplicate.
 */
export const WORKSHOP_USAGE = `Aufruf / usage: npm run workshop -- <befehl/command> …
  export   --from <http(s)://laptop:port> --session <id> [--out <datei.json>]
  import   --to <http(s)://zentral> --file <datei.json>
  transfer --from <http(s)://laptop:port> --session <id> --to <http(s)://zentral>
Schlüssel / keys: WORKSHOP_KEY = Moderationsschlüssel der Sitzung auf dem Laptop / the session's moderator token there;
                  FOKUSWERK_TOKEN = Konto-Token auf dem zentralen Server (mit Konten) / account token on the central server.
(Als Umgebungsvariablen, damit sie nicht in der Prozessliste stehen / environment variables keep them out of the process list.)`;

async function exportBundle(from: string, sessionId: string, key: string): Promise<SessionBundle> {
  const response = await fetch(`${from}${WorkshopPath.bundle(sessionId)}`, { headers: { authorization: `Bearer ${key}` } });
  if (!response.ok) {
    throw new Error(`Export: HTTP ${response.status} ${await response.text()}`);
  }
  return SessionBundle.parse(await response.json());
}

async function importBundle(to: string, bundle: SessionBundle, token: string | undefined): Promise<ImportResponse> {
  const response = await fetch(`${to}${WorkshopPath.import}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(bundle),
  });
  if (!response.ok) {
    throw new Error(`Import: HTTP ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as ImportResponse;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      session: { type: 'string' },
      file: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help === true || command === undefined) {
    process.stdout.write(`${WORKSHOP_USAGE}\n`);
    return;
  }
  const key = process.env.WORKSHOP_KEY;
  const token = process.env.FOKUSWERK_TOKEN;
  const trim = (url: string): string => url.replace(/\/+$/, '');
  const need = (value: string | undefined, name: string): string => {
    if (value === undefined || value === '') {
      throw new Error(`--${name} fehlt / missing`);
    }
    return value;
  };
  switch (command) {
    case 'export': {
      const bundle = await exportBundle(trim(need(values.from, 'from')), need(values.session, 'session'), need(key, 'WORKSHOP_KEY'));
      const json = JSON.stringify(bundle, null, 2);
      if (values.out === undefined) {
        process.stdout.write(`${json}\n`);
      } else {
        writeFileSync(values.out, json);
        process.stdout.write(`${values.out}\n`);
      }
      return;
    }
    case 'import': {
      const bundle = SessionBundle.parse(JSON.parse(readFileSync(need(values.file, 'file'), 'utf8')));
      process.stdout.write(`${JSON.stringify(await importBundle(trim(need(values.to, 'to')), bundle, token))}\n`);
      return;
    }
    case 'transfer': {
      const bundle = await exportBundle(trim(need(values.from, 'from')), need(values.session, 'session'), need(key, 'WORKSHOP_KEY'));
      process.stdout.write(`${JSON.stringify(await importBundle(trim(need(values.to, 'to')), bundle, token))}\n`);
      return;
    }
    default:
      throw new Error(`Unbekannter Befehl / unknown command: ${command}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Fehler / error: ${error instanceof Error ? error.message : String(error)}\n\n${WORKSHOP_USAGE}\n`);
  process.exitCode = 1;
});
