import type { MissingFlag } from '../../../shared/indicators/types';
import type { CubeCell } from './table-cube';

/** Rounds a computed figure to two decimals, so documents store clean numbers. */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The year of a period label ("2015-12-31" or "2015"). */
export function yearOf(period: string): number {
  return Number(period.slice(0, 4));
}

/**
 * Combines the input cells of a computed figure: any unknown input makes the result unknown.
 * Secret wins over the other flags, since a computed figure must not reveal a secret input.
 */
export function combineFlags(cells: readonly CubeCell[]): CubeCell | null {
  let flag: MissingFlag | null = null;
  let suppressed = false;
  for (const c of cells) {
    if (c.flag !== null) {
      suppressed ||= c.suppressed;
      flag = flag === null || c.flag === 'secret' ? c.flag : flag;
    }
  }
  return flag === null ? null : { value: null, flag, suppressed };
}

/** A computed value, or "x" (not meaningful) when it divides by zero or is not finite. */
export function computed(value: number): CubeCell {
  return Number.isFinite(value) ? { value: round2(value), flag: null, suppressed: false } : { value: null, flag: 'blocked', suppressed: false };
}
