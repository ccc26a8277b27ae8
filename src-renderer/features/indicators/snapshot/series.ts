import type { IndicatorSeries, IndicatorValue } from '../../../../shared/indicators/types';

/** A table of figures: one row per region, one column per period, in the order asked for. */
export interface SeriesTable {
  periods: string[];
  rows: { ags: string; name: string; cells: IndicatorValue[] }[];
}

/** Arranges a series' values as a region × period table; absent values become 'later' missing cells. */
export function toTable(series: IndicatorSeries): SeriesTable {
  const byKey = new Map(series.values.map((v) => [`${v.ags}|${v.period}`, v]));
  return {
    periods: series.periods,
    rows: series.regions.map((region) => ({
      ags: region.ags,
      name: region.name,
      cells: series.periods.map(
        (period) => byKey.get(`${region.ags}|${period}`) ?? { ags: region.ags, period, value: null, flag: 'later' as const },
      ),
    })),
  };
}

/** Short label for a period: '2015-12-31' → '31.12.2015', '2015' stays. */
export function periodLabel(period: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : period;
}

/** Sign the statistical offices use for a missing value (Zeichenerklärung). */
export function flagSign(flag: IndicatorValue['flag']): string {
  switch (flag) {
    case 'secret':
      return '.';
    case 'later':
      return '...';
    case 'unreliable':
      return '/';
    case 'blocked':
      return 'x';
    default:
      return '';
  }
}
