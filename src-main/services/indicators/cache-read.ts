import type Database from 'better-sqlite3';
import type { MissingFlag, Region, RegionLevel, SourceInfo } from '../../../shared/indicators/types';
import { IndicatorError } from './indicator-error';

/** One stored vintage of a table. */
export interface Vintage {
  id: number;
  tableCode: string;
  title: string;
  stand: string;
  attribution: string;
  licence: string;
  /** Whether this is the newest Stand of the table (the one queries use by default). */
  current: boolean;
}

/** One stored figure with its provenance, as the CLI prints it. */
export interface ValueRow {
  table: string;
  variable: string[];
  region: string;
  period: string;
  value: number | null;
  flag: MissingFlag | null;
  unit: string;
  stand: string;
}

/** Filter for `values()`: one table, optionally narrowed; `stand` picks an older vintage. */
export interface ValueFilter {
  tableCode: string;
  region?: string;
  period?: string;
  variable?: readonly string[];
  stand?: string;
}

interface VintageRow {
  id: number;
  code: string;
  title: string;
  stand: string;
  attribution: string;
  licence: string;
  latest: string;
}

/** All vintages of a table, newest first. */
export function vintagesOf(db: Database.Database, tableCode: string): Vintage[] {
  const rows = db
    .prepare(
      `SELECT id, code, title, stand, attribution, licence, (SELECT MAX(stand) FROM source_tables s WHERE s.code = t.code) AS latest
       FROM source_tables t WHERE code = ? ORDER BY stand DESC`,
    )
    .all(tableCode) as VintageRow[];
  return rows.map((r) => ({
    id: r.id,
    tableCode: r.code,
    title: r.title,
    stand: r.stand,
    attribution: r.attribution,
    licence: r.licence,
    current: r.stand === r.latest,
  }));
}

/** The vintage to read: the given Stand, or the newest. Throws IndicatorError if there is none. */
export function vintageFor(db: Database.Database, tableCode: string, stand?: string): Vintage {
  return pickVintage(vintagesOf(db, tableCode), tableCode, stand);
}

/** Picks the given Stand, or the newest, from a table's vintages (newest first). Throws IndicatorError if there is none. */
export function pickVintage(all: readonly Vintage[], tableCode: string, stand?: string): Vintage {
  const found = stand === undefined ? all[0] : all.find((v) => v.stand === stand);
  if (!found) {
    if (all.length === 0) {
      throw new IndicatorError('not-found', `Tabelle ${tableCode} ist nicht im Indikator-Cache.`, `table ${tableCode} is not in the indicator cache.`);
    }
    const known = all.map((v) => v.stand).join(', ');
    throw new IndicatorError('not-found', `Tabelle ${tableCode} hat keinen Stand ${stand ?? ''} (vorhanden: ${known}).`, `table ${tableCode} has no Stand ${stand ?? ''} (available: ${known}).`);
  }
  return found;
}

/** The citation facts of a vintage. */
export function sourceInfoOf(v: Vintage): SourceInfo {
  return { tableCode: v.tableCode, tableTitle: v.title, stand: v.stand, attribution: v.attribution, licence: v.licence };
}

/** Periods (ascending) with figures for a variable in a vintage. */
export function periodsOf(db: Database.Database, tableId: number, variableId: number): string[] {
  const rows = db
    .prepare('SELECT DISTINCT period FROM data_values WHERE table_id = ? AND variable_id = ? ORDER BY period')
    .all(tableId, variableId) as { period: string }[];
  return rows.map((r) => r.period);
}

/** A stored region, or undefined. `level` is null for regions without one (e.g. Regierungsbezirke). */
export function regionOf(db: Database.Database, ags: string): { ags: string; name: string; level: RegionLevel | null } | undefined {
  return db.prepare('SELECT ags, name, level FROM regions WHERE ags = ?').get(ags) as
    | { ags: string; name: string; level: RegionLevel | null }
    | undefined;
}

const LEVEL_ORDER: Record<RegionLevel, number> = { country: 0, land: 1, kreis: 2, amt: 3, gemeinde: 4 };

/** Stored regions that pass `keep`, country first, then by level and key. */
export function regionsWhere(db: Database.Database, keep: (ags: string) => boolean): Region[] {
  const rows = db.prepare('SELECT ags, name, level FROM regions WHERE level IS NOT NULL').all() as Region[];
  return rows.filter((r) => keep(r.ags)).sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.ags.localeCompare(b.ags));
}

/** Figures of one table (current vintage unless `stand` is given), in file-independent order. */
export function valuesWhere(db: Database.Database, filter: ValueFilter): ValueRow[] {
  const vintage = vintageFor(db, filter.tableCode, filter.stand);
  const where = ['d.table_id = ?'];
  const params: (string | number)[] = [vintage.id];
  if (filter.region !== undefined) {
    where.push('d.ags = ?');
    params.push(filter.region);
  }
  if (filter.period !== undefined) {
    where.push('d.period = ?');
    params.push(filter.period);
  }
  if (filter.variable !== undefined) {
    where.push('v.path = ?');
    params.push(JSON.stringify(filter.variable));
  }
  const rows = db
    .prepare(
      `SELECT v.path, d.ags, d.period, d.value, d.flag, v.unit FROM data_values d JOIN variables v ON v.id = d.variable_id
       WHERE ${where.join(' AND ')} ORDER BY d.ags, d.period, d.variable_id`,
    )
    .all(...params) as { path: string; ags: string; period: string; value: number | null; flag: MissingFlag | null; unit: string }[];
  return rows.map((r) => ({
    table: vintage.tableCode,
    variable: JSON.parse(r.path) as string[],
    region: r.ags,
    period: r.period,
    value: r.value,
    flag: r.flag,
    unit: r.unit,
    stand: vintage.stand,
  }));
}
