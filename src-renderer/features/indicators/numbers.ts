import type { Indicator } from '../../../shared/indicators/types';
import { localeTag, type Locale } from '../../i18n/format';

/**
 * How many decimals an indicator is shown with, everywhere (charts, tables, map, legend), so that
 * "20" never stands next to "22,6". Decided once per indicator: counts of persons are whole numbers;
 * shares, rates and averages get one decimal. (The catalogue has no decimals field yet; if it gets
 * one, it wins.)
 */
export function indicatorDecimals(indicator: Pick<Indicator, 'unit' | 'countsPersons'> & { decimals?: number }): number {
  if (typeof indicator.decimals === 'number') {
    return indicator.decimals;
  }
  if (indicator.countsPersons === true || /^(personen|anzahl|einwohner)/i.test(indicator.unit.trim())) {
    return 0;
  }
  return 1;
}

/** A value with exactly `decimals` decimals in the locale: 1.234,5 (de) – also "20,0" next to "22,6". */
export function formatFixed(value: number, decimals: number, locale: Locale = 'de'): string {
  return new Intl.NumberFormat(localeTag(locale), { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

/** Rounds like formatFixed shows (half away from zero), so a class boundary is exactly the number printed. */
export function roundTo(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * f)) / f;
}

/**
 * One label format for all periods of an indicator. When every period is a date on the same day of
 * the year (a Stichtag such as 31.12.) or a plain year, the labels are years ("2015") and the day
 * is said once (`stichtag`: "31.12."); otherwise every label is a full date ("30.06.2015").
 */
export function periodFormat(periods: readonly string[]): { label: (period: string) => string; stichtag: string | null } {
  const dates = periods.map((p) => /^(\d{4})-(\d{2})-(\d{2})$/.exec(p));
  const days = new Set(dates.flatMap((m) => (m ? [`${m[3]}.${m[2]}.`] : [])));
  const full = (p: string): string => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(p);
    return m ? `${m[3]}.${m[2]}.${m[1]}` : p;
  };
  if (days.size <= 1) {
    return { label: (p) => /^\d{4}/.exec(p)?.[0] ?? p, stichtag: [...days][0] ?? null };
  }
  return { label: full, stichtag: null };
}
