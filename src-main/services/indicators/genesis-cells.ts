import { flagOfSign, ZERO_SIGN } from '../../../shared/indicators/signs';
import type { MissingFlag } from '../../../shared/indicators/types';

/** One figure as read from a cell: a number, or null with the reason it is missing. */
export interface GenesisCell {
  value: number | null;
  flag: MissingFlag | null;
}

const ZERO: GenesisCell = Object.freeze({ value: 0, flag: null });
const NUMBER = /^-?\d+(?:,\d+)?$/;
/** A sign of the legend followed by a one-letter qualifier, e.g. ".g" (secret, with a footnote letter). */
const QUALIFIED_SIGN = /^(\.\.\.|[./x])[a-z]$/;
/** Largest magnitude stored exactly: beyond it a double no longer holds every whole number. */
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/**
 * Reads one data cell: decimal comma, "-" is a true zero, ".", "...", "/", "x" are missing values
 * with a flag (also with a one-letter qualifier such as ".g"). Returns undefined for anything else,
 * and for numbers too large to store exactly (the caller reports line and column).
 */
export function parseCell(raw: string): GenesisCell | undefined {
  const text = raw.trim();
  if (NUMBER.test(text)) {
    const value = Number(text.replace(',', '.'));
    return Number.isFinite(value) && Math.abs(value) <= MAX_EXACT ? { value, flag: null } : undefined;
  }
  if (text === ZERO_SIGN) {
    return ZERO;
  }
  const flag = flagOfSign(QUALIFIED_SIGN.exec(text)?.[1] ?? text);
  return flag ? { value: null, flag } : undefined;
}

/** Whether a cell's text is a number too large to be stored exactly (for a precise message). */
export function isOversizedNumber(raw: string): boolean {
  const text = raw.trim();
  return NUMBER.test(text) && !(Math.abs(Number(text.replace(',', '.'))) <= MAX_EXACT);
}

/** Whether day, month and year name a date that exists (no 31.02., no 99.99.9999). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1 || year < 1) {
    return false;
  }
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const DAY = /^(\d{2})\.(\d{2})\.(\d{4})$/;
const YEAR = /^\d{4}$/;

/** Reads a period label: "31.12.2015" → "2015-12-31", "2015" → "2015"; undefined otherwise. */
export function parsePeriod(raw: string): string | undefined {
  const text = raw.trim();
  const day = DAY.exec(text);
  if (day) {
    return isRealDate(Number(day[3]), Number(day[2]), Number(day[1])) ? `${day[3]}-${day[2]}-${day[1]}` : undefined;
  }
  return YEAR.test(text) ? text : undefined;
}

const STAND = /^Stand:\s*(\d{2})\.(\d{2})\.(\d{4})(?:\s*\/\s*(\d{2}):(\d{2}):(\d{2}))?/;

/** Reads a footer's "Stand: 10.10.2017 / 11:01:03" as "2017-10-10T11:01:03" (date only if no time). */
export function parseStand(raw: string): string | undefined {
  const m = STAND.exec(raw.trim());
  if (!m || !isRealDate(Number(m[3]), Number(m[2]), Number(m[1])) || Number(m[4] ?? 0) > 23 || Number(m[5] ?? 0) > 59 || Number(m[6] ?? 0) > 59) {
    return undefined;
  }
  const date = `${m[3]}-${m[2]}-${m[1]}`;
  return m[4] ? `${date}T${m[4]}:${m[5]}:${m[6]}` : date;
}
