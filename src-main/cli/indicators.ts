/**
 * Reads the indicator cache from the command line.
 *   npm run indicators -- [--db <path>] values <tableCode> --region <ags> [--period <p>] [--stand <s>] [--json]
 *   npm run indicators -- [--db <path>] list [--json]
 *   npm run indicators -- [--db <path>] regions [--json]
 * Default database: .data/indicators.sqlite in the repository (built from the bundled data if new).
 */
import { parseArgs } from 'node:util';
import { MISSING_FLAG_SIGNS } from '../../shared/indicators/signs';
import type { ValueRow } from '../services/indicators/cache-read';
import { DEFAULT_DB_PATH, UsageError, formatNumber, openCliCache, out, runCli } from './cli-support';

const USAGE = `Aufruf / usage:
  npm run indicators -- [--db <pfad>] values <tabellencode> --region <ags> [--period <zeitraum>] [--stand <stand>] [--json]
  npm run indicators -- [--db <pfad>] list [--json]
  npm run indicators -- [--db <pfad>] regions [--json]
  --db      SQLite-Datei / database file (default ${DEFAULT_DB_PATH})
  --period  z. B. / e.g. 2015-12-31 oder / or 2015
  --stand   älterer Stand einer Tabelle / an older vintage, e.g. 2017-10-10T11:01:03
  --json    ein JSON-Objekt je Zeile / one JSON object per line`;

function valueText(v: ValueRow): string {
  return v.flag ? MISSING_FLAG_SIGNS[v.flag] : formatNumber(v.value ?? 0);
}

await runCli(USAGE, () => {
  const { values: opts, positionals } = parseArgs({
    options: {
      db: { type: 'string' },
      region: { type: 'string' },
      period: { type: 'string' },
      stand: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  const [command, ...args] = positionals;
  if (command !== 'values' && command !== 'list' && command !== 'regions') {
    throw new UsageError(`Unbekannter Befehl / unknown command: ${command ?? '(keiner / none)'}`);
  }
  if (command === 'values' && (args.length !== 1 || !opts.region)) {
    throw new UsageError('values braucht <tabellencode> und --region / values needs <tableCode> and --region');
  }
  const cache = openCliCache(opts.db);
  try {
    if (command === 'list') {
      for (const i of cache.list()) {
        out(opts.json ? JSON.stringify(i) : `${i.id}\t${i.label}\t${i.unit}\t${i.tableCode}\t${i.periods.join(',')}`);
      }
    } else if (command === 'regions') {
      for (const r of cache.regions()) {
        out(opts.json ? JSON.stringify(r) : `${r.ags}\t${r.level}\t${r.name}`);
      }
    } else {
      const rows = cache.values({ tableCode: args[0] ?? '', region: opts.region, period: opts.period, stand: opts.stand });
      for (const v of rows) {
        out(
          opts.json
            ? JSON.stringify({ table: v.table, variable: v.variable, region: v.region, period: v.period, value: v.value, flag: v.flag, unit: v.unit, stand: v.stand })
            : `${v.region}\t${v.period}\t${v.variable.join(' / ')}\t${valueText(v)}\t${v.unit}`,
        );
      }
    }
  } finally {
    cache.close();
  }
});
