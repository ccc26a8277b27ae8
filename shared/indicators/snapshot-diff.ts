import type { IndicatorSeries, IndicatorValue, SourceInfo, VintageInfo } from './types';
import { sourcesOf } from './types';

/** One figure that differs between an old snapshot and its update. */
export interface CellChange {
  ags: string;
  regionName: string;
  period: string;
  before: Pick<IndicatorValue, 'value' | 'flag'> | null;
  after: Pick<IndicatorValue, 'value' | 'flag'> | null;
}

const same = (a: Pick<IndicatorValue, 'value' | 'flag'> | null, b: Pick<IndicatorValue, 'value' | 'flag'> | null): boolean =>
  a?.value === b?.value && a?.flag === b?.flag;

/** The cells whose value or flag differ between two series of the same regions and periods, in the old order. */
export function diffSeries(before: IndicatorSeries, after: IndicatorSeries): CellChange[] {
  const key = (v: IndicatorValue): string => `${v.ags}|${v.period}`;
  const old = new Map(before.values.map((v) => [key(v), v]));
  const next = new Map(after.values.map((v) => [key(v), v]));
  const names = new Map([...after.regions, ...before.regions].map((r) => [r.ags, r.name]));
  const changes: CellChange[] = [];
  for (const region of before.regions) {
    for (const period of before.periods) {
      const k = `${region.ags}|${period}`;
      const a = old.get(k) ?? null;
      const b = next.get(k) ?? null;
      if (!same(a, b)) {
        changes.push({
          ags: region.ags,
          regionName: names.get(region.ags) ?? region.ags,
          period,
          before: a && { value: a.value, flag: a.flag },
          after: b && { value: b.value, flag: b.flag },
        });
      }
    }
  }
  return changes;
}

/** The newest Stand per source table that is later than the snapshot's, or an empty list. */
export function newerStands(series: Pick<IndicatorSeries, 'source' | 'sources'>, vintages: readonly VintageInfo[]): { source: SourceInfo; newest: string }[] {
  return sourcesOf(series).flatMap((source) => {
    const current = vintages.find((v) => v.tableCode === source.tableCode && v.current);
    return current && current.stand > source.stand ? [{ source, newest: current.stand }] : [];
  });
}
