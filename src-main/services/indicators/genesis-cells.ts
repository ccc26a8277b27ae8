import { flagOfSign, ZERO_SIGN } from '../../../shared/indicators/signs';
import type { MissingFlag } from '../../../shared/indicators/types';

/** One figure as read from a cell: a number, or null with the reason it is missing. */
export interface GenesisCell {
  value: number | null;
  flag: MissingFlag | null;
}

const ZERO: GenesisCell = Object.freeze({ value: 0, flag: null });
const NUMBER = /^-?\d+(?:,\d+)?$/;

/**
 * Reads one data cell: decimal comma, "-" is a true zero, ".", "...", "/", "x" are missing values
 * with a flag. Returns undefined for anything else (the caller reports line and column).
 */
export function parseCell(raw: string): GenesisCell | undefined {
  const text = raw.trim();
  if (NUMBER.test(text)) {
    return { value: Number(text.replace(',', '.')), flag: null };
  }
  if (text === ZERO_SIGN) {
    return ZERO;
  }
  const flag = flagOfSign(text);
  return flag ? { value: null, flag } : undefined;
}

const DAY = /^(\d{2})\.(\d{2})\.(\d{4})$/;
const YEAR = /^\d{4}$/;

/** Reads a period label: "31.12.2015" → "2015-12-31", "2015" → "2015"; undefined otherwise. */
export function parsePeriod(raw: string): string | undefined {
  const text = raw.trim();
  const day = DAY.exec(text);
  if (day) {
    return `${day[3]}-${day[2]}-${day[1]}`;
  }
  return YEAR.test(text) ? text : undefined;
}

const STAND = /^Stand:\s*(\d{2})\.(\d{2})\.(\d{4})(?:\s*\/\s*(\d{2}):(\d{2}):(\d{2}))?/;

/** Reads a footer's "Stand: 10.10.2017 / 11:01:03" as "2017-10-10T11:01:03" (date only if no time). */
export function parseStand(raw: string): string | undefined {
  const m = STAND.exec(raw.trim());
  if (!m) {
    return undefined;
  }
  const date = `${m[3]}-${m[2]}-${m[1]}`;
  return m[4] ? `${date}T${m[4]}:${m[5]}:${m[6]}` : date;
}
