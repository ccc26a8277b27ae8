import type Database from 'better-sqlite3';
import {
  IndicatorQuery,
  type Indicator,
  type IndicatorSeries,
  type IndicatorValue,
  type Region,
  type SourceInfo,
} from '../../../shared/indicators/types';
import type { BaseIndicatorDef, Catalog, ChangeIndicatorDef, DerivedIndicatorDef, FormulaTerm, RatioIndicatorDef } from './catalog-file';
import { IndicatorError } from './indicator-error';
import { isPickerRegion } from './indicator-catalog';
import { combineFlags, computed, yearOf } from './indicator-values';
import { pickVintage, regionOf, regionsWhere, sourceInfoOf, vintagesOf, type Vintage } from './cache-read';
import { TableCube, isCountUnit, type CubeCell, type RegionScope } from './table-cube';

/** Vintages to read: table code → Stand; tables not named are read at their newest Stand. */
export type Stands = Readonly<Record<string, string>>;

/** A variable of a vintage: its periods, and its figures (after disclosure control). */
interface BoundVariable {
  periods: string[];
  cell(ags: string, period: string): CubeCell | undefined;
}

/** An indicator bound to concrete vintages: its periods and how to get one figure. */
interface Resolved {
  indicator: Indicator;
  vintages: Vintage[];
  cell(ags: string, period: string): CubeCell | undefined;
}

/**
 * Answers the contract's indicator calls from the cache: base indicators read one variable,
 * derived ones compute from several (catalogue file), Ämter are sums of their municipalities, and
 * every count of persons passes disclosure control (table-cube.ts, disclosure.ts) first.
 */
export class IndicatorEngine {
  private readonly cubes = new Map<number, TableCube>();
  /** Per vintage, the cube of the regions queries may ask for (see `scope`). */
  private readonly scopedCubes = new Map<number, TableCube>();
  /** Indicators bound to vintages, by id and Stands: resolved once, dropped on import. */
  private readonly resolvedCache = new Map<string, Resolved>();
  /** Per table code, its vintages; and regions by key: read once, dropped on import. */
  private readonly vintageLists = new Map<string, Vintage[]>();
  private readonly regionByKey = new Map<string, Region | null>();
  /** Periods of a variable of a vintage (catalogue summary), by vintage id and path. */
  private readonly periodLists = new Map<string, string[] | undefined>();
  private selectPeriods: Database.Statement | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly catalog: Catalog,
    /** Counts below this are secret; 0 switches disclosure control off. */
    readonly threshold: number,
  ) {}

  /** Forgets loaded tables; call after every import. */
  invalidate(): void {
    this.cubes.clear();
    this.scopedCubes.clear();
    this.resolvedCache.clear();
    this.vintageLists.clear();
    this.regionByKey.clear();
    this.periodLists.clear();
  }

  /** The in-memory, disclosure-controlled form of a whole vintage (loaded once; only for regions outside `scope`). */
  private cube(vintage: Vintage): TableCube {
    let cube = this.cubes.get(vintage.id);
    if (!cube) {
      cube = TableCube.load(this.db, vintage.id, vintage.tableCode, this.catalog.kreis, this.threshold);
      this.cubes.set(vintage.id, cube);
    }
    return cube;
  }

  /**
   * The regions queries answer for: Germany, the Land, the Kreis and everything in it (its
   * municipalities; the Ämter are computed). A query reads only their rows, and disclosure control
   * protects the sums among exactly the figures it can hand out, so every query sees the same
   * secret cells however large the table is.
   */
  get scope(): RegionScope {
    return (this.regionScope ??= { keys: ['DG', this.catalog.kreis.land], prefix: this.catalog.kreis.kreis });
  }

  private regionScope: RegionScope | null = null;

  /** The disclosure-controlled figures of a vintage for the regions in `scope` (loaded once). */
  private scopedCube(vintage: Vintage): TableCube {
    let cube = this.scopedCubes.get(vintage.id);
    if (!cube) {
      cube = TableCube.load(this.db, vintage.id, vintage.tableCode, this.catalog.kreis, this.threshold, this.scope);
      this.scopedCubes.set(vintage.id, cube);
    }
    return cube;
  }

  /**
   * A stored figure after disclosure control: for a region in `scope` exactly as queries hand it
   * out, for any other region protected over the whole table. Undefined if there is no such cell.
   */
  storedCell(vintage: Vintage, path: readonly string[], ags: string, period: string): CubeCell | undefined {
    const cube = this.inScope(ags) ? this.scopedCube(vintage) : this.cube(vintage);
    const v = cube.variableOf(path);
    return v === undefined ? undefined : cube.cell(v, ags, period);
  }

  private inScope(ags: string): boolean {
    const { keys, prefix } = this.scope;
    return keys.includes(ags) || ags.startsWith(prefix) || this.catalog.kreis.aemter.some((a) => a.key === ags);
  }

  /** Indicators whose tables and variables are in the cache, with their periods. */
  list(): Indicator[] {
    const ids = [...this.catalog.base, ...this.catalog.derived].map((d) => d.id);
    return ids.flatMap((id) => {
      const r = this.tryResolve(id, {});
      return r && r.indicator.periods.length > 0 ? [r.indicator] : [];
    });
  }

  /** Germany, the Land, the Kreis, its Ämter and municipalities, each with its parent. */
  regions(): Region[] {
    const { kreis } = this.catalog;
    const amtOf = new Map(kreis.aemter.flatMap((a) => a.members.map((m) => [m, a.key] as const)));
    const stored = regionsWhere(this.db, isPickerRegion).map((r): Region => {
      const parent = r.level === 'land' ? 'DG' : r.level === 'kreis' ? kreis.land : r.level === 'gemeinde' ? (amtOf.get(r.ags) ?? kreis.kreis) : null;
      return { ...r, parent };
    });
    const hasKreis = stored.some((r) => r.ags === kreis.kreis);
    const aemter: Region[] = hasKreis ? kreis.aemter.map((a) => ({ ags: a.key, name: a.name, level: 'amt', parent: kreis.kreis })) : [];
    const at = stored.findIndex((r) => r.level === 'gemeinde');
    return at < 0 ? [...stored, ...aemter] : [...stored.slice(0, at), ...aemter, ...stored.slice(at)];
  }

  /**
   * Figures for regions × periods (newest vintages, or those in `q.stands`), plus the sources to
   * cite. Throws IndicatorError for an unknown indicator, region, period or Stand.
   */
  query(input: IndicatorQuery): IndicatorSeries {
    const parsed = IndicatorQuery.safeParse(input);
    if (!parsed.success) {
      throw new IndicatorError('bad-request', `Ungültige Abfrage: ${parsed.error.message}`, `invalid query: ${parsed.error.message}`);
    }
    const q = parsed.data;
    const resolved = this.resolveCached(q.indicatorId, q.stands ?? {});
    const { indicator } = resolved;
    const regionKeys = [...new Set(q.regions)];
    const periods = [...new Set(q.periods)];
    const regions = regionKeys.map((ags) => this.knownRegion(ags));
    const unknownPeriods = periods.filter((p) => !indicator.periods.includes(p));
    if (unknownPeriods.length > 0) {
      const known = indicator.periods.join(', ');
      throw new IndicatorError(
        'not-found',
        `Für „${indicator.label}“ gibt es keinen Zeitraum ${unknownPeriods.join(', ')} (vorhanden: ${known}).`,
        `"${indicator.id}" has no period ${unknownPeriods.join(', ')} (available: ${known}).`,
      );
    }
    const values: IndicatorValue[] = [];
    const gaps: string[] = [];
    let suppressed = 0;
    for (const ags of regionKeys) {
      for (const period of periods) {
        const cell = resolved.cell(ags, period);
        if (cell) {
          values.push({ ags, period, value: cell.value, flag: cell.flag });
          suppressed += cell.suppressed ? 1 : 0;
        } else {
          gaps.push(`${ags}/${period}`);
        }
      }
    }
    if (gaps.length > 0) {
      const list = gaps.slice(0, 5).join(', ') + (gaps.length > 5 ? ' …' : '');
      const where = resolved.vintages.map((v) => `${v.tableCode} (Stand ${v.stand})`).join(', ');
      throw new IndicatorError('not-found', `Tabelle ${where} hat keine Zeile für ${list}.`, `table ${where} has no row for ${list}.`);
    }
    const sources: SourceInfo[] = resolved.vintages.map(sourceInfoOf);
    const series: IndicatorSeries = { indicator, regions, periods, values, source: sources[0] as SourceInfo };
    if (sources.length > 1) {
      series.sources = sources;
    }
    if (this.involvesCounts(q.indicatorId)) {
      series.disclosure = { threshold: this.threshold, suppressed };
    }
    return series;
  }

  /** Stored vintages of a table, newest first. */
  vintages(tableCode: string): Vintage[] {
    let list = this.vintageLists.get(tableCode);
    if (!list) {
      list = vintagesOf(this.db, tableCode);
      this.vintageLists.set(tableCode, list);
    }
    return list;
  }

  private vintage(tableCode: string, stand: string | undefined): Vintage {
    return pickVintage(this.vintages(tableCode), tableCode, stand);
  }

  private involvesCounts(id: string): boolean {
    const base = this.catalog.base.find((d) => d.id === id);
    if (base) {
      return isCountUnit(base.unit);
    }
    const derived = this.catalog.derived.find((d) => d.id === id);
    return derived ? (derived.type === 'change' ? this.involvesCounts(derived.of) : true) : false;
  }

  private resolveCached(id: string, stands: Stands): Resolved {
    const key = `${id}\u0000${JSON.stringify(stands)}`;
    let resolved = this.resolvedCache.get(key);
    if (!resolved) {
      resolved = memoised(this.resolve(id, stands));
      this.resolvedCache.set(key, resolved);
    }
    return resolved;
  }

  private tryResolve(id: string, stands: Stands): Resolved | undefined {
    try {
      return this.resolveCached(id, stands);
    } catch (e: unknown) {
      if (e instanceof IndicatorError) {
        return undefined;
      }
      throw e;
    }
  }

  private resolve(id: string, stands: Stands): Resolved {
    const base = this.catalog.base.find((d) => d.id === id);
    if (base) {
      return this.resolveBase(base, stands);
    }
    const derived = this.catalog.derived.find((d) => d.id === id);
    if (!derived) {
      throw new IndicatorError('not-found', `Unbekannter Indikator „${id}“.`, `unknown indicator "${id}".`);
    }
    return derived.type === 'ratio' ? this.resolveRatio(derived, stands) : this.resolveChange(derived, stands);
  }

  /**
   * A variable of a vintage: its periods from the catalogue summary, and its figures from the
   * vintage's cube, loaded only when a figure is asked for (the indicator list needs none).
   */
  private variable(vintage: Vintage, path: readonly string[], label: string): BoundVariable {
    const periods = this.periodsOf(vintage, path);
    if (periods === undefined) {
      throw new IndicatorError(
        'not-found',
        `Tabelle ${vintage.tableCode} enthält die Variable „${path.join(' / ')}“ von „${label}“ nicht.`,
        `table ${vintage.tableCode} lacks the variable "${path.join(' / ')}" of "${label}".`,
      );
    }
    let bound: { cube: TableCube; v: number | undefined } | null = null;
    return {
      periods,
      cell: (ags, period) => {
        if (!bound) {
          const cube = this.scopedCube(vintage);
          bound = { cube, v: cube.variableOf(path) };
        }
        return bound.v === undefined ? undefined : bound.cube.cell(bound.v, ags, period);
      },
    };
  }

  /** Periods (ascending) with figures for a variable of a vintage; undefined if it has none there. */
  private periodsOf(vintage: Vintage, path: readonly string[]): string[] | undefined {
    const json = JSON.stringify(path);
    const key = `${vintage.id}\u0000${json}`;
    if (this.periodLists.has(key)) {
      return this.periodLists.get(key);
    }
    const periods = (this.selectPeriods ??= this.db
      .prepare(
        `SELECT period FROM variable_periods WHERE table_id = @id AND variable_id = (
           SELECT MAX(v.id) FROM variables v WHERE v.table_code = @code AND v.path = @path
           AND EXISTS (SELECT 1 FROM variable_periods q WHERE q.table_id = @id AND q.variable_id = v.id))
         ORDER BY period`,
      )
      .pluck())
      .all({ id: vintage.id, code: vintage.tableCode, path: json }) as string[];
    const found = periods.length > 0 ? periods : undefined;
    this.periodLists.set(key, found);
    return found;
  }

  private resolveBase(def: BaseIndicatorDef, stands: Stands): Resolved {
    const vintage = this.vintage(def.tableCode, stands[def.tableCode]);
    const variable = this.variable(vintage, def.variable, def.label);
    const { variable: _variable, weightedBy, ...rest } = def;
    const indicator: Indicator = { ...rest, kind: 'base', periods: variable.periods, tableCodes: [def.tableCode], countsPersons: isCountUnit(def.unit) };
    const weights = weightedBy ? this.resolve(weightedBy, stands) : null;
    const vintages = weights ? uniqueVintages([vintage, ...weights.vintages]) : [vintage];
    return {
      indicator,
      vintages,
      cell: (ags, period) => variable.cell(ags, period) ?? (weights ? this.weightedMean(ags, period, (a) => variable.cell(a, period), weights) : undefined),
    };
  }

  /** Mean over an Amt's municipalities weighted by another indicator of the same year (e.g. population). */
  private weightedMean(ags: string, period: string, valueOf: (ags: string) => CubeCell | undefined, weights: Resolved): CubeCell | undefined {
    const amt = this.catalog.kreis.aemter.find((a) => a.key === ags);
    const weightPeriod = weights.indicator.periods.find((p) => yearOf(p) === yearOf(period));
    if (!amt || !weightPeriod) {
      return undefined;
    }
    const cells: CubeCell[] = [];
    let sum = 0;
    let total = 0;
    for (const m of amt.members) {
      const value = valueOf(m);
      const weight = weights.cell(m, weightPeriod);
      if (!value || !weight) {
        return undefined;
      }
      cells.push(value, weight);
      sum += (value.value ?? 0) * (weight.value ?? 0);
      total += weight.value ?? 0;
    }
    return combineFlags(cells) ?? computed(sum / total);
  }

  private resolveRatio(def: RatioIndicatorDef, stands: Stands): Resolved {
    const bind = (t: FormulaTerm): { vintage: Vintage; variable: BoundVariable; sign: number; byYear: Map<number, string> } => {
      const vintage = this.vintage(t.table, stands[t.table]);
      const variable = this.variable(vintage, t.variable, def.label);
      return { vintage, variable, sign: t.sign ?? 1, byYear: new Map(variable.periods.map((p) => [yearOf(p), p])) };
    };
    const numerator = def.numerator.map(bind);
    const denominator = def.denominator.map(bind);
    const all = [...numerator, ...denominator];
    const years = [...(all[0]?.byYear.keys() ?? [])].filter((y) => all.every((t) => t.byYear.has(y))).sort((a, b) => a - b);
    const vintages = uniqueVintages(all.map((t) => t.vintage));
    const indicator = derivedIndicator(def, years.map(String), vintages);
    return {
      indicator,
      vintages,
      cell: (ags, period) => {
        const year = Number(period);
        const read = (t: (typeof all)[number]): CubeCell | undefined => t.variable.cell(ags, t.byYear.get(year) ?? '');
        const num = numerator.map(read);
        const den = denominator.map(read);
        const cells = [...num, ...den];
        if (cells.some((c) => c === undefined)) {
          return undefined;
        }
        const known = cells as CubeCell[];
        const missing = combineFlags(known);
        if (missing) {
          return missing;
        }
        const n = num.reduce((s, c, i) => s + (numerator[i]?.sign ?? 1) * (c?.value ?? 0), 0);
        const d = den.reduce((s, c, i) => s + (denominator[i]?.sign ?? 1) * (c?.value ?? 0), 0);
        return computed((n / d) * def.scale);
      },
    };
  }

  private resolveChange(def: ChangeIndicatorDef, stands: Stands): Resolved {
    const of = this.resolve(def.of, stands);
    const byYear = new Map(of.indicator.periods.map((p) => [yearOf(p), p]));
    const periods = of.indicator.periods.filter((p) => byYear.has(yearOf(p) - def.lagYears));
    return {
      indicator: derivedIndicator(def, periods, of.vintages),
      vintages: of.vintages,
      cell: (ags, period) => {
        const cur = of.cell(ags, period);
        const prev = of.cell(ags, byYear.get(yearOf(period) - def.lagYears) ?? '');
        if (!cur || !prev) {
          return undefined;
        }
        const missing = combineFlags([cur, prev]);
        if (missing) {
          return missing;
        }
        const a = cur.value ?? 0;
        const b = prev.value ?? 0;
        return computed(def.relative ? (a / b - 1) * 100 : a - b);
      },
    };
  }

  private knownRegion(ags: string): Region {
    let region = this.regionByKey.get(ags);
    if (region === undefined) {
      region = this.lookupRegion(ags);
      this.regionByKey.set(ags, region);
    }
    if (!region) {
      throw new IndicatorError('not-found', `Unbekannte Region „${ags}“.`, `unknown region "${ags}".`);
    }
    if (!this.inScope(ags)) {
      throw new IndicatorError(
        'not-found',
        `Region „${ags}“ (${region.name}) wird nicht angeboten: abfragbar sind Deutschland, das Land, der Kreis, seine Ämter und Gemeinden.`,
        `region "${ags}" (${region.name}) is not offered: Germany, the Land, the Kreis, its Ämter and municipalities can be queried.`,
      );
    }
    return region;
  }

  private lookupRegion(ags: string): Region | null {
    const amt = this.catalog.kreis.aemter.find((a) => a.key === ags);
    if (amt) {
      return { ags, name: amt.name, level: 'amt', parent: this.catalog.kreis.kreis };
    }
    const region = regionOf(this.db, ags);
    if (!region) {
      return null;
    }
    if (region.level === null) {
      throw new IndicatorError('bad-request', `Region ${ags} (${region.name}) hat keine abfragbare Ebene.`, `region ${ags} (${region.name}) has no level that can be queried.`);
    }
    return { ags: region.ags, name: region.name, level: region.level };
  }
}

/**
 * Remembers every figure once computed: a derived figure reads several cells and combines them,
 * the next query of it is one lookup. Queries only reach the regions in the engine's scope, so
 * this holds at most regions × periods figures per indicator; dropped with the engine's caches.
 */
function memoised(r: Resolved): Resolved {
  const known = new Map<string, CubeCell | undefined>();
  return {
    ...r,
    cell: (ags, period) => {
      const key = `${ags}\u0000${period}`;
      if (known.has(key)) {
        return known.get(key);
      }
      const cell = r.cell(ags, period);
      known.set(key, cell);
      return cell;
    },
  };
}

function uniqueVintages(vintages: readonly Vintage[]): Vintage[] {
  return vintages.filter((v, i) => vintages.findIndex((w) => w.id === v.id) === i);
}

function derivedIndicator(def: DerivedIndicatorDef, periods: string[], vintages: readonly Vintage[]): Indicator {
  const codes = [...new Set(vintages.map((v) => v.tableCode))];
  return {
    id: def.id,
    label: def.label,
    unit: def.unit,
    definition: def.definition,
    tableCode: codes[0] ?? '',
    periods,
    kind: 'derived',
    formula: def.formula,
    tableCodes: codes,
    countsPersons: false,
    topic: def.topic,
  };
}
