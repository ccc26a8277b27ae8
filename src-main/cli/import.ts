/**
 * Imports a GENESIS CSV file into the indicator cache.
 *   npm run import -- <file> [--db <path>]
 * Default database: .data/indicators.sqlite in the repository.
 */
import { parseArgs } from 'node:util';
import type { ImportProgress } from '../../shared/indicators/import';
import { DEFAULT_DB_PATH, UsageError, formatNumber, openCliCache, out, runCli } from './cli-support';
import { assertCacheFile, assertImportFile } from './import-checks';

const USAGE = `Aufruf / usage: npm run import -- <datei.csv> [--db <pfad>]
  --db   SQLite-Datei des Indikator-Caches / indicator cache file (default ${DEFAULT_DB_PATH})`;

function progressLine(p: ImportProgress): string {
  switch (p.phase) {
    case 'read':
      return 'lesen / reading …';
    case 'parse':
      return p.total > 0 ? `gelesen / parsed: ${formatNumber(p.done)} Datenzeilen / data rows` : 'prüfen / parsing …';
    case 'write':
      return `schreiben / writing: ${formatNumber(p.done)} / ${formatNumber(p.total)} (${Math.round((100 * p.done) / Math.max(p.total, 1))} %)`;
    case 'done':
      return 'fertig / done';
  }
}

await runCli(USAGE, async () => {
  const { values, positionals } = parseArgs({ options: { db: { type: 'string' } }, allowPositionals: true });
  const [file, ...rest] = positionals;
  if (!file || rest.length > 0) {
    throw new UsageError('Genau eine Datei angeben / give exactly one file');
  }
  assertImportFile(file);
  assertCacheFile(values.db ?? DEFAULT_DB_PATH);
  const cache = openCliCache(values.db);
  try {
    const s = await cache.importFile(file, (p) => out(progressLine(p)));
    const status = { imported: 'neu importiert / imported', merged: 'zu vorhandenem Stand ergänzt / merged into existing vintage', unchanged: 'bereits importiert, nichts geändert / already imported, nothing changed' }[s.status];
    out(`Ergebnis / result: ${status}`);
    out(`Tabelle / table:   ${s.tableCode} – ${s.tableTitle}`);
    out(`Stand:             ${s.stand}${s.current ? ' (aktuell / current)' : ' (älter als der aktuelle Stand / older than the current vintage)'}`);
    if (s.status !== 'unchanged') {
      out(`Zeiträume / periods: ${s.periods.join(', ')}`);
      out(`Regionen / regions: ${formatNumber(s.regions)}, Werte / values: ${formatNumber(s.values)}, davon fehlend / missing: ${formatNumber(s.missing)}`);
    }
    out(`Dauer / duration:  ${formatNumber(s.durationMs)} ms`);
  } finally {
    cache.close();
  }
});
