/**
 * Exports the annual report from the command line (nightly digital edition, archive copy).
 *   npm run export -- --year <jahr> --format pdf|docx|html --out <datei> [--data <ordner> | --sync <ws-url> --token <t>]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ExportError } from '../services/export/export-error';
import { chromiumExportTools } from '../services/export/chromium';
import { renderExport, reportModel, writeFileAtomically, type ExportFormat } from '../services/export/export-report';
import { loadReportFromSync, type LoadedReport } from '../services/export/report-source';
import { loadReportFromDataDir } from './export-data-dir';
import { UsageError, out, runCli } from './cli-support';

const USAGE = `Aufruf / usage:
  npm run export -- --year <jahr> --format pdf|docx|html --out <datei> [--data <ordner> | --sync <ws-url> --token <token>]
  --year    Berichtsjahr / report year, e.g. 2026
  --format  pdf (Druckfassung), docx (Word), html (digitale Ausgabe, eine Datei)
  --out     Zieldatei; wird erst geschrieben, wenn der Export vollständig ist / written only when complete
  --data    Datenordner eines Sync-Servers (nur lesend) / a sync server's data directory (read-only)
  --sync    Adresse des Sync-Servers / sync server address, e.g. wss://fokuswerk.example/sync
  --token   Anmeldetoken für --sync / sign-in token for --sync (or FOKUSWERK_TOKEN)`;

const FORMATS: readonly ExportFormat[] = ['pdf', 'docx', 'html'];

await runCli(USAGE, async () => {
  const { values: opts } = parseArgs({
    options: {
      year: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      data: { type: 'string' },
      sync: { type: 'string' },
      token: { type: 'string' },
    },
  });
  const year = Number(opts.year);
  if (!opts.year || !Number.isInteger(year) || year < 1900 || year > 2199) {
    throw new UsageError('--year <jahr> fehlt oder ist ungültig / --year is missing or invalid');
  }
  const format = FORMATS.find((f) => f === opts.format);
  if (!format) {
    throw new UsageError('--format muss pdf, docx oder html sein / --format must be pdf, docx or html');
  }
  if (!opts.out) {
    throw new UsageError('--out <datei> fehlt / --out is missing');
  }
  if (Boolean(opts.data) === Boolean(opts.sync)) {
    throw new UsageError('Genau eines von --data oder --sync angeben / give either --data or --sync');
  }
  const token = opts.token ?? process.env.FOKUSWERK_TOKEN;
  if (opts.sync && !token) {
    throw new UsageError('--sync braucht --token / --sync needs --token');
  }
  try {
    const loaded: LoadedReport = opts.sync
      ? await loadReportFromSync(opts.sync, token ?? '', year)
      : await loadReportFromDataDir(path.resolve(opts.data ?? ''), year);
    const model = reportModel(loaded.doc, year, loaded.context);
    const started = Date.now();
    const bytes = await renderExport(model, format, chromiumExportTools);
    const file = path.resolve(opts.out);
    await writeFileAtomically(file, bytes);
    out(`${file} (${format}, ${bytes.length.toLocaleString('de-DE')} Bytes, ${Date.now() - started} ms)`);
  } catch (err) {
    if (err instanceof ExportError) {
      process.stderr.write(`Fehler / error: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
});
