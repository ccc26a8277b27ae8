import type { MissingFlag } from './types';

/** The Zeichenerklärung sign that stands for each kind of missing value. */
export const MISSING_FLAG_SIGNS: Readonly<Record<MissingFlag, string>> = {
  secret: '.',
  later: '...',
  unreliable: '/',
  blocked: 'x',
};

/** The sign for "nothing": a true zero, stored as the value 0 and never as a flag. */
export const ZERO_SIGN = '-';

/** Looks up the flag a sign stands for; undefined if the text is not a missing-value sign. */
export function flagOfSign(sign: string): MissingFlag | undefined {
  for (const [flag, s] of Object.entries(MISSING_FLAG_SIGNS) as [MissingFlag, string][]) {
    if (s === sign) {
      return flag;
    }
  }
  return undefined;
}
