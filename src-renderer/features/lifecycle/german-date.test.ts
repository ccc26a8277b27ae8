import { describe, expect, it } from 'vitest';
import { germanToday, isoDate } from './german-date';

describe('German dates of the rating form', () => {
  it('reads TT.MM.JJJJ (also without leading zeros) as an ISO date', () => {
    expect(isoDate('12.03.2026')).toBe('2026-03-12');
    expect(isoDate(' 1.3.2026 ')).toBe('2026-03-01');
    expect(isoDate('29.02.2028')).toBe('2028-02-29');
  });

  it('refuses what is no real date, or not written the German way', () => {
    for (const input of ['31.02.2026', '29.02.2027', '00.01.2026', '12.13.2026', '2026-03-12', '03/12/2026', '12.03.26', '']) {
      expect(isoDate(input), input).toBeNull();
    }
  });

  it('suggests today in the German form, which it reads back', () => {
    expect(germanToday()).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(isoDate(germanToday())).not.toBeNull();
  });
});
