import { roundTo } from '../numbers';

/**
 * Classes of a choropleth map, chosen by quantiles: each class holds about the same number of
 * municipalities, which suits skewed figures (a few towns, many villages) better than equal
 * intervals. Boundaries are rounded to the indicator's decimals, so the legend prints exactly the
 * boundary used; classes are half-open ("13,6 – unter 17,3") and never overlap; the last one
 * includes the maximum. Equal boundaries (many equal values) merge, so there may be fewer classes.
 */
export interface Classes {
  /** Lower bounds of classes 2…n (ascending, distinct). */
  breaks: number[];
  /** Smallest and largest value classified. */
  min: number;
  max: number;
}

export function quantileClasses(values: readonly number[], count: number, decimals: number): Classes | null {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const min = sorted[0];
  const max = sorted.at(-1);
  if (min === undefined || max === undefined) {
    return null;
  }
  const breaks: number[] = [];
  for (let i = 1; i < count; i++) {
    // The value at the i/count quantile (nearest rank) starts class i+1.
    const at = sorted[Math.ceil((i * sorted.length) / count)] ?? max;
    const b = roundTo(at, decimals);
    if (b > roundTo(min, decimals) && b <= max && b > (breaks.at(-1) ?? -Infinity)) {
      breaks.push(b);
    }
  }
  return { breaks, min, max };
}

/** The class (0-based) a value falls in: the number of lower bounds it reaches. */
export function classIndex(value: number, classes: Classes): number {
  let i = 0;
  while (i < classes.breaks.length && value >= (classes.breaks[i] ?? Infinity)) {
    i++;
  }
  return i;
}

/** The bounds of every class: [from, to) for all but the last, [from, to] for the last. */
export function classRanges(classes: Classes): { from: number; to: number; last: boolean }[] {
  const lows = [classes.min, ...classes.breaks];
  return lows.map((from, i) => ({ from, to: classes.breaks[i] ?? classes.max, last: i === lows.length - 1 }));
}
