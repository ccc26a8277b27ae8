import { describe, expect, it } from 'vitest';
import { isoFromGermanDate } from './german-date';

describe('isoFromGermanDate', () => {
  it('reads German dates, with or without leading zeros', () => {
    expect(isoFromGermanDate('31.12.2023')).toBe('2023-12-31');
    expect(isoFromGermanDate(' 1.3.2024 ')).toBe('2024-03-01');
    expect(isoFromGermanDate('29.02.2024')).toBe('2024-02-29');
  });

  it('refuses dates that do not exist and other formats', () => {
    expect(isoFromGermanDate('29.02.2023')).toBeNull();
    expect(isoFromGermanDate('31.04.2023')).toBeNull();
    expect(isoFromGermanDate('99.99.9999')).toBeNull();
    expect(isoFromGermanDate('2023-12-31')).toBeNull();
    expect(isoFromGermanDate('12/31/2023')).toBeNull();
    expect(isoFromGermanDate('')).toBeNull();
  });
});
