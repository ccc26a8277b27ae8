import type Database from 'better-sqlite3';
import {
  IndicatorQuery,
  type Indicator,
  type IndicatorSeries,
  type IndicatorValue,
  type MissingFlag,
  type Region,
} from '../../../shared/indicators/types';
import { BASE_INDICATORS, type IndicatorDefinition } from './indicator-catalog';
import { IndicatorError } from './indicator-error';
import { periodsOf, regionOf, sourceInfoOf, variableIdOf, vintageFor, vintagesOf, type Vintage } from './cache-read';

interface Resolved {
  indicator: Indicator;
  vintage: Vintage;
  variableId: number;
}

/** Indicators whose table and variable are in the cache, with their periods. */
export function listIndicators(db: Database.Database): Indicator[] {
  return BASE_INDICATORS.flatMap((def) => {
    if (vintagesOf(db, def.tableCode).length === 0) {
      return [];
    }
    const resolved = resolve(db, def);
    return resolved && resolved.indicator.periods.length > 0 ? [resolved.indicator] : [];
  });
}

/**
 * Answers an indicator query: one figure per requested region × period (missing values keep
 * their flag), plus the source to cite. Throws IndicatorError for unknown indicator, region or period.
 */
export function queryIndicator(db: Database.Database, input: IndicatorQuery, stand?: string): IndicatorSeries {
  const parsed = IndicatorQuery.safeParse(input);
  if (!parsed.success) {
    throw new IndicatorError('bad-request', `Ungültige Abfrage: ${parsed.error.message}`, `invalid query: ${parsed.error.message}`);
  }
  const q = parsed.data;
  const def = BASE_INDICATORS.find((d) => d.id === q.indicatorId);
  if (!def) {
    throw new IndicatorError('not-found', `Unbekannter Indikator „${q.indicatorId}“.`, `unknown indicator "${q.indicatorId}".`);
  }
  const resolved = resolve(db, def, stand);
  if (!resolved) {
    throw new IndicatorError('not-found', `Tabelle ${def.tableCode} enthält die Variable von „${def.label}“ nicht.`, `table ${def.tableCode} lacks the variable of "${def.id}".`);
  }
  const { indicator, vintage, variableId } = resolved;
  const regionKeys = [...new Set(q.regions)];
  const periods = [...new Set(q.periods)];
  const regions = regionKeys.map((ags) => knownRegion(db, ags));
  const unknownPeriods = periods.filter((p) => !indicator.periods.includes(p));
  if (unknownPeriods.length > 0) {
    const known = indicator.periods.join(', ');
    throw new IndicatorError(
      'not-found',
      `Für „${indicator.label}“ gibt es keinen Zeitraum ${unknownPeriods.join(', ')} (vorhanden: ${known}).`,
      `"${indicator.id}" has no period ${unknownPeriods.join(', ')} (available: ${known}).`,
    );
  }
  const rows = db
    .prepare(
      `SELECT ags, period, value, flag FROM data_values WHERE table_id = ? AND variable_id = ?
       AND ags IN (SELECT value FROM json_each(?)) AND period IN (SELECT value FROM json_each(?))`,
    )
    .all(vintage.id, variableId, JSON.stringify(regionKeys), JSON.stringify(periods)) as {
    ags: string;
    period: string;
    value: number | null;
    flag: MissingFlag | null;
  }[];
  const byKey = new Map(rows.map((r) => [`${r.ags}|${r.period}`, r]));
  const values: IndicatorValue[] = [];
  const gaps: string[] = [];
  for (const ags of regionKeys) {
    for (const period of periods) {
      const r = byKey.get(`${ags}|${period}`);
      if (r) {
        values.push({ ags, period, value: r.value, flag: r.flag });
      } else {
        gaps.push(`${ags}/${period}`);
      }
    }
  }
  if (gaps.length > 0) {
    const list = gaps.slice(0, 5).join(', ') + (gaps.length > 5 ? ' …' : '');
    throw new IndicatorError(
      'not-found',
      `Tabelle ${vintage.tableCode} (Stand ${vintage.stand}) hat keine Zeile für ${list}.`,
      `table ${vintage.tableCode} (Stand ${vintage.stand}) has no row for ${list}.`,
    );
  }
  return { indicator, regions, periods, values, source: sourceInfoOf(vintage) };
}

function resolve(db: Database.Database, def: IndicatorDefinition, stand?: string): Resolved | undefined {
  const vintage = vintageFor(db, def.tableCode, stand);
  const variableId = variableIdOf(db, def.tableCode, def.variable);
  if (variableId === undefined) {
    return undefined;
  }
  const { variable: _variable, ...rest } = def;
  return { indicator: { ...rest, periods: periodsOf(db, vintage.id, variableId) }, vintage, variableId };
}

function knownRegion(db: Database.Database, ags: string): Region {
  const region = regionOf(db, ags);
  if (!region) {
    throw new IndicatorError('not-found', `Unbekannte Region „${ags}“.`, `unknown region "${ags}".`);
  }
  if (region.level === null) {
    throw new IndicatorError('bad-request', `Region ${ags} (${region.name}) hat keine abfragbare Ebene.`, `region ${ags} (${region.name}) has no level that can be queried.`);
  }
  return { ags: region.ags, name: region.name, level: region.level };
}
