import { describe, expect, it } from 'vitest';
import { parseCell, parsePeriod, parseStand } from './genesis-cells';

describe('parseCell', () => {
  it('reads integers, decimal commas and negative numbers', () => {
    expect(parseCell('48684')).toEqual({ value: 48684, flag: null });
    expect(parseCell('44,2')).toEqual({ value: 44.2, flag: null });
    expect(parseCell('-12')).toEqual({ value: -12, flag: null });
    expect(parseCell('0')).toEqual({ value: 0, flag: null });
  });

  it('reads "-" as a true zero and the other signs as flagged nulls', () => {
    expect(parseCell('-')).toEqual({ value: 0, flag: null });
    expect(parseCell('.')).toEqual({ value: null, flag: 'secret' });
    expect(parseCell('...')).toEqual({ value: null, flag: 'later' });
    expect(parseCell('/')).toEqual({ value: null, flag: 'unreliable' });
    expect(parseCell('x')).toEqual({ value: null, flag: 'blocked' });
  });

  it('rejects anything else instead of guessing', () => {
    for (const raw of ['', 'abc', '1.234', '12,', '..', '1 000', 'X']) {
      expect(parseCell(raw)).toBeUndefined();
    }
  });
});

describe('parsePeriod / parseStand', () => {
  it('turns German dates into ISO and keeps years', () => {
    expect(parsePeriod('31.12.2015')).toBe('2015-12-31');
    expect(parsePeriod('2015')).toBe('2015');
    expect(parsePeriod('Insgesamt')).toBeUndefined();
    expect(parsePeriod('- Stichtag 31.12. -')).toBeUndefined();
  });

  it('reads the footer Stand with and without time', () => {
    expect(parseStand('Stand: 10.10.2017 / 11:01:03')).toBe('2017-10-10T11:01:03');
    expect(parseStand('Stand: 10.10.2017')).toBe('2017-10-10');
    expect(parseStand('Stand der Daten')).toBeUndefined();
  });
});
