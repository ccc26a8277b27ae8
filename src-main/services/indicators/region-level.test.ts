import { describe, expect, it } from 'vitest';
import { regionLevelOf } from './region-level';

describe('regionLevelOf', () => {
  it('maps the rows of a Gemeinden table to levels', () => {
    expect(regionLevelOf('DG', null)).toBe('country');
    expect(regionLevelOf('01', 'country')).toBe('land');
    expect(regionLevelOf('01056', 'land')).toBe('kreis');
    expect(regionLevelOf('01056015', 'kreis')).toBe('gemeinde');
    expect(regionLevelOf('031', 'land')).toBeNull();
    expect(regionLevelOf('03151', null)).toBe('kreis');
    expect(regionLevelOf('02000000', 'land')).toBe('kreis');
    expect(regionLevelOf('11001', 'kreis')).toBe('gemeinde');
    expect(regionLevelOf('010515163', 'kreis')).toBe('amt');
  });
});
