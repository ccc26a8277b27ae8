/** Supported UI languages; German first. */
export type Locale = 'de' | 'en';

/** The BCP 47 tag Intl formats with: German numbers and dates in the German UI (1.234,5; 31.12.2025). */
export function localeTag(locale: Locale): string {
  return locale === 'de' ? 'de-DE' : 'en-GB';
}

/** A number in the locale: 1.234,5 (German) or 1,234.5 (English). */
export function formatNumber(value: number, locale: Locale = 'de', maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(localeTag(locale), { maximumFractionDigits }).format(value);
}

/** Dates as 31.12.2025 (German) or 31/12/2025 (English); ISO date-only strings are read as calendar days. */
export function formatDate(iso: string, locale: Locale = 'de', withTime = false): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return new Intl.DateTimeFormat(localeTag(locale), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(date);
}

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** The plural category of a count in a language (German and English: 'one' or 'other'). */
export function pluralCategory(count: number, locale: Locale): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(localeTag(locale));
    pluralRules.set(locale, rules);
  }
  return rules.select(count);
}

/** Formatting helpers handed to function messages, bound to the current language. */
export interface Formatters {
  locale: Locale;
  number: (value: number, maximumFractionDigits?: number) => string;
  date: (iso: string, withTime?: boolean) => string;
}

/** The formatters for one language. */
export function formattersFor(locale: Locale): Formatters {
  return {
    locale,
    number: (value, digits) => formatNumber(value, locale, digits),
    date: (iso, withTime) => formatDate(iso, locale, withTime),
  };
}
