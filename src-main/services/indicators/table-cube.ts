import type Database from 'better-sqlite3';
import type { MissingFlag } from '../../../shared/indicators/types';
import type { KreisStructure } from './catalog-file';
import { suppressCells, type SumGroup } from './disclosure';
import { isCountUnit } from './count-unit';

/** Flags as stored in the cube: 0 a number, 1–4 the missing-value kinds, 255 no such cell. */
const FLAGS: readonly (MissingFlag | null)[] = [null, 'secret', 'later', 'unreliable', 'blocked'];
const ABSENT = 255;
const FLAG_CODE: Record<MissingFlag, number> = { secret: 1, later: 2, unreliable: 3, blocked: 4 };

export { isCountUnit } from './count-unit';

/** Regions to load: these keys, and every key that starts with `prefix` (a Kreis and what lies in it). */
export interface RegionScope {
  keys: readonly string[];
  prefix: string;
}

/** The smallest string above every string that starts with `prefix` (its last character + 1). */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** A figure as the host hands it out: after disclosure control. */
export interface CubeCell {
  value: number | null;
  flag: MissingFlag | null;
  /** True when disclosure control (not the office) made this cell secret. */
  suppressed: boolean;
}

/** One variable of the table. */
export interface CubeVariable {
  id: number;
  path: string[];
  unit: string;
  counts: boolean;
}

/**
 * One vintage of one table in memory: every figure as region × variable × period, with the
 * Ämter added as sums of their municipalities, and disclosure control applied once for the whole
 * vintage – so every query sees the same secret cells and no combination of queries undoes it.
 */
export class TableCube {
  private constructor(
    readonly vintageId: number,
    readonly variables: readonly CubeVariable[],
    private readonly variableByPath: ReadonlyMap<string, number>,
    readonly regions: readonly string[],
    private readonly regionIndex: ReadonlyMap<string, number>,
    readonly periods: readonly string[],
    private readonly periodIndex: ReadonlyMap<string, number>,
    private readonly values: Float64Array,
    private readonly flags: Uint8Array,
    private readonly suppressed: Uint8Array,
  ) {}

  /**
   * Loads a vintage and applies disclosure control with `threshold` (0: off). With `scope`, only
   * the rows of those regions are read (through the key's index) and the sums are protected
   * among them; without, the whole table.
   */
  static load(db: Database.Database, vintageId: number, tableCode: string, kreis: KreisStructure, threshold: number, scope: RegionScope | null = null): TableCube {
    const variables = (
      db
        .prepare(
          `SELECT id, path, unit FROM variables WHERE table_code = ? AND id IN (SELECT DISTINCT variable_id FROM variable_periods WHERE table_id = ?) ORDER BY id`,
        )
        .all(tableCode, vintageId) as { id: number; path: string; unit: string }[]
    ).map((v) => ({ id: v.id, path: JSON.parse(v.path) as string[], unit: v.unit, counts: isCountUnit(v.unit) }));
    const inScope = scope ? `AND (r.ags IN (${scope.keys.map(() => '?').join(', ')}) OR (r.ags >= ? AND r.ags < ?))` : '';
    const scopeArgs = scope ? [...scope.keys, scope.prefix, prefixEnd(scope.prefix)] : [];
    const regionRows = db
      .prepare(
        `SELECT r.ags, r.parent FROM regions r WHERE EXISTS (SELECT 1 FROM data_values d WHERE d.table_id = ? AND d.ags = r.ags) ${inScope} ORDER BY r.ags`,
      )
      .all(vintageId, ...scopeArgs) as { ags: string; parent: string | null }[];
    const periods = (db.prepare('SELECT DISTINCT period FROM variable_periods WHERE table_id = ? ORDER BY period').all(vintageId) as { period: string }[]).map(
      (r) => r.period,
    );
    const regions = regionRows.map((r) => r.ags);
    const present = new Set(regions);
    const aemter = present.has(kreis.kreis) ? kreis.aemter.filter((a) => a.members.every((m) => present.has(m))) : [];
    regions.push(...aemter.map((a) => a.key));

    const V = variables.length;
    const P = periods.length;
    const R = regions.length;
    const variableIndex = new Map(variables.map((v, i) => [v.id, i]));
    const regionIndex = new Map(regions.map((r, i) => [r, i]));
    const periodIndex = new Map(periods.map((p, i) => [p, i]));
    const at = (r: number, v: number, p: number): number => (r * V + v) * P + p;
    const values = new Float64Array(R * V * P);
    const flags = new Uint8Array(R * V * P).fill(ABSENT);

    // Row by row through the key (table, region, …): a scoped cube reads only its regions' rows.
    const byRegion = db.prepare('SELECT variable_id, ags, period, value, flag FROM data_values WHERE table_id = ? AND ags = ?').raw(true);
    const whole = db.prepare('SELECT variable_id, ags, period, value, flag FROM data_values WHERE table_id = ?').raw(true);
    const read = (rows: Iterable<[number, string, string, number | null, MissingFlag | null]>): void => {
      for (const row of rows) {
        const i = at(regionIndex.get(row[1]) ?? 0, variableIndex.get(row[0]) ?? 0, periodIndex.get(row[2]) ?? 0);
        values[i] = row[3] ?? 0;
        flags[i] = row[4] ? FLAG_CODE[row[4]] : 0;
      }
    };
    if (scope) {
      for (const r of regionRows) {
        read(byRegion.iterate(vintageId, r.ags) as Iterable<[number, string, string, number | null, MissingFlag | null]>);
      }
    } else {
      read(whole.iterate(vintageId) as Iterable<[number, string, string, number | null, MissingFlag | null]>);
    }

    // Ämter: sums of their municipalities, for counts only; a missing member makes the sum missing.
    for (const amt of aemter) {
      const r = regionIndex.get(amt.key) ?? 0;
      const members = amt.members.map((m) => regionIndex.get(m) ?? 0);
      variables.forEach((variable, v) => {
        if (!variable.counts) {
          return;
        }
        for (let p = 0; p < P; p++) {
          let sum = 0;
          let flag = 0;
          for (const m of members) {
            const f = flags[at(m, v, p)] ?? ABSENT;
            if (f !== 0) {
              flag = flag === 0 || f === 1 ? f : flag;
            }
            sum += values[at(m, v, p)] ?? 0;
          }
          values[at(r, v, p)] = flag === 0 ? sum : 0;
          flags[at(r, v, p)] = flag;
        }
      });
    }

    const groups = sumGroups({ variables, regions, regionRows, regionIndex, kreis: aemter.length > 0 ? kreis : null, aemter, P, at });
    const unknown = new Uint8Array(flags.length);
    const officeSecret = new Uint8Array(flags.length);
    const counts = new Uint8Array(flags.length);
    for (let r = 0; r < R; r++) {
      for (let v = 0; v < V; v++) {
        for (let p = 0; p < P; p++) {
          const i = at(r, v, p);
          unknown[i] = flags[i] === 0 ? 0 : 1;
          officeSecret[i] = flags[i] === 1 ? 1 : 0;
          counts[i] = variables[v]?.counts ? 1 : 0;
        }
      }
    }
    const suppressed = suppressCells({ values, unknown, officeSecret, counts }, groups, threshold);
    const byPath = new Map(variables.map((v, i) => [JSON.stringify(v.path), i]));
    return new TableCube(vintageId, variables, byPath, regions, regionIndex, periods, periodIndex, values, flags, suppressed);
  }

  /** Index of a variable by its header path, or undefined. */
  variableOf(path: readonly string[]): number | undefined {
    return this.variableByPath.get(JSON.stringify(path));
  }

  private readonly periodCache = new Map<number, string[]>();

  /** Periods (ascending) with at least one figure for a variable (computed once per variable). */
  periodsOf(variable: number): string[] {
    const cached = this.periodCache.get(variable);
    if (cached) {
      return cached;
    }
    const out: string[] = [];
    for (let p = 0; p < this.periods.length; p++) {
      for (let r = 0; r < this.regions.length; r++) {
        if (this.flags[this.at(r, variable, p)] !== ABSENT) {
          out.push(this.periods[p] ?? '');
          break;
        }
      }
    }
    this.periodCache.set(variable, out);
    return out;
  }

  /** Whether the table has a row for a region. */
  hasRegion(ags: string): boolean {
    return this.regionIndex.has(ags);
  }

  /** A figure after disclosure control; undefined if the table has no such cell. */
  cell(variable: number, ags: string, period: string): CubeCell | undefined {
    const r = this.regionIndex.get(ags);
    const p = this.periodIndex.get(period);
    if (r === undefined || p === undefined || variable < 0 || variable >= this.variables.length) {
      return undefined;
    }
    const i = this.at(r, variable, p);
    const flag = this.flags[i] ?? ABSENT;
    if (flag === ABSENT) {
      return undefined;
    }
    if (this.suppressed[i]) {
      return { value: null, flag: 'secret', suppressed: true };
    }
    return flag === 0 ? { value: this.values[i] ?? 0, flag: null, suppressed: false } : { value: null, flag: FLAGS[flag] ?? 'secret', suppressed: false };
  }

  private at(r: number, v: number, p: number): number {
    return (r * this.variables.length + v) * this.periods.length + p;
  }
}

interface GroupArgs {
  variables: readonly CubeVariable[];
  regions: readonly string[];
  regionRows: readonly { ags: string; parent: string | null }[];
  regionIndex: ReadonlyMap<string, number>;
  kreis: KreisStructure | null;
  aemter: KreisStructure['aemter'];
  P: number;
  at: (r: number, v: number, p: number) => number;
}

/** Variable groups: for one position of the header path, the "Insgesamt" column and ≥ 2 siblings. */
function variableGroups(variables: readonly CubeVariable[]): { total: number; parts: number[] }[] {
  const out: { total: number; parts: number[] }[] = [];
  const depth = Math.max(0, ...variables.map((v) => v.path.length));
  for (let k = 0; k < depth; k++) {
    const byContext = new Map<string, number[]>();
    variables.forEach((v, i) => {
      if (!v.counts || v.path.length !== depth) {
        return;
      }
      const key = JSON.stringify([...v.path.slice(0, k), ...v.path.slice(k + 1)]);
      byContext.set(key, [...(byContext.get(key) ?? []), i]);
    });
    for (const members of byContext.values()) {
      const totals = members.filter((i) => variables[i]?.path[k] === 'Insgesamt');
      const parts = members.filter((i) => variables[i]?.path[k] !== 'Insgesamt');
      if (totals.length === 1 && parts.length >= 2) {
        out.push({ total: totals[0] ?? 0, parts });
      }
    }
  }
  return out;
}

/** Every sum group instance of the cube (see disclosure.ts for the rule). */
function sumGroups(a: GroupArgs): SumGroup[] {
  const groups: SumGroup[] = [];
  const R = a.regions.length;
  const varGroups = variableGroups(a.variables);
  for (let r = 0; r < R; r++) {
    for (const g of varGroups) {
      for (let p = 0; p < a.P; p++) {
        groups.push({ total: a.at(r, g.total, p), parts: g.parts.map((v) => a.at(r, v, p)) });
      }
    }
  }
  const children = new Map<string, string[]>();
  for (const row of a.regionRows) {
    if (row.parent && a.regionIndex.has(row.parent)) {
      children.set(row.parent, [...(children.get(row.parent) ?? []), row.ags]);
    }
  }
  for (const amt of a.aemter) {
    children.set(amt.key, amt.members);
  }
  const regionGroups: [string, string[]][] = [...children.entries()];
  if (a.kreis) {
    regionGroups.push([a.kreis.kreis, [...a.aemter.map((x) => x.key), ...a.kreis.amtsfrei]]);
  }
  for (const [parent, kids] of regionGroups) {
    const total = a.regionIndex.get(parent);
    const parts = kids.map((k) => a.regionIndex.get(k));
    if (total === undefined || parts.length < 2 || parts.some((x) => x === undefined)) {
      continue;
    }
    a.variables.forEach((variable, v) => {
      if (!variable.counts) {
        return;
      }
      for (let p = 0; p < a.P; p++) {
        groups.push({ total: a.at(total, v, p), parts: parts.map((x) => a.at(x ?? 0, v, p)) });
      }
    });
  }
  return groups;
}
