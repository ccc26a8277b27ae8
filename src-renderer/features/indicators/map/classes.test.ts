import { describe, expect, it } from 'vitest';
import { classIndex, classRanges, quantileClasses } from './classes';
import { formatFixed, indicatorDecimals, periodFormat, roundTo } from '../numbers';

describe('quantile classes of the map', () => {
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

  it('puts about the same number of values in each class, every value in exactly one class', () => {
    const c = quantileClasses(values, 5, 0);
    expect(c).toEqual({ breaks: [3, 5, 7, 9], min: 1, max: 10 });
    const counts = [0, 0, 0, 0, 0];
    for (const v of values) {
      counts[classIndex(v, c!)]! += 1;
    }
    expect(counts).toEqual([2, 2, 2, 2, 2]);
  });

  it('makes half-open classes that do not overlap; the last includes the maximum', () => {
    const c = quantileClasses([13.61, 15, 17.28, 17.3, 19.7, 22.04], 3, 1)!;
    const ranges = classRanges(c);
    for (let i = 1; i < ranges.length; i++) {
      expect(ranges[i]!.from).toBe(ranges[i - 1]!.to);
    }
    expect(ranges.at(-1)).toMatchObject({ to: 22.04, last: true });
    expect(classIndex(22.04, c)).toBe(ranges.length - 1);
    // A value on a boundary belongs to the upper class only.
    expect(classIndex(c.breaks[0]!, c)).toBe(1);
  });

  it('rounds boundaries to the shown decimals, so the legend prints the boundary used', () => {
    const c = quantileClasses([0.123, 0.456, 0.789, 1.234], 2, 1)!;
    expect(c.breaks).toEqual([0.8]);
    expect(classIndex(0.789, c)).toBe(0); // 0,789 is shown as 0,8 but is below the boundary 0,8
  });

  it('merges equal boundaries (many equal values) instead of making empty classes', () => {
    const c = quantileClasses([0, 0, 0, 0, 0, 0, 0, 5, 6, 7], 5, 0)!;
    expect(c.breaks).toEqual([6]);
    expect(quantileClasses([4, 4, 4], 5, 0)).toEqual({ breaks: [], min: 4, max: 4 });
  });

  it('has no classes without values; NaN and Infinity are left out', () => {
    expect(quantileClasses([], 5, 1)).toBeNull();
    expect(quantileClasses([Number.NaN, Infinity], 5, 1)).toBeNull();
  });
});

describe('numbers with a fixed number of decimals per indicator', () => {
  it('writes German numbers with exactly the indicator decimals', () => {
    expect(formatFixed(20, 1)).toBe('20,0');
    expect(formatFixed(22.64, 1)).toBe('22,6');
    expect(formatFixed(48684, 0)).toBe('48.684');
    expect(formatFixed(1234.5, 1, 'en')).toBe('1,234.5');
  });

  it('decides the decimals from the indicator: persons whole, shares and rates one decimal', () => {
    expect(indicatorDecimals({ unit: 'Personen' })).toBe(0);
    expect(indicatorDecimals({ unit: '%', countsPersons: false })).toBe(1);
    expect(indicatorDecimals({ unit: 'je 1.000 Einw.' })).toBe(1);
    expect(indicatorDecimals({ unit: 'Jahre' })).toBe(1);
    expect(indicatorDecimals({ unit: '%', decimals: 2 })).toBe(2);
  });

  it('rounds half away from zero like the printed number', () => {
    expect(roundTo(17.25, 1)).toBe(17.3);
    expect(roundTo(-2.5, 0)).toBe(-3);
  });
});

describe('one period format per indicator', () => {
  it('writes years when every period falls on the same day, and says the day once', () => {
    const f = periodFormat(['2015', '2015-12-31', '2016-12-31']);
    expect(['2015', '2015-12-31', '2016-12-31'].map(f.label)).toEqual(['2015', '2015', '2016']);
    expect(f.stichtag).toBe('31.12.');
    expect(periodFormat(['2014', '2015']).stichtag).toBeNull();
  });

  it('writes full dates when the days differ', () => {
    const f = periodFormat(['2015-06-30', '2015-12-31']);
    expect(f.label('2015-06-30')).toBe('30.06.2015');
    expect(f.stichtag).toBeNull();
  });
});
