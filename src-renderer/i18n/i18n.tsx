import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { de, type MessageKey } from './de';
import { en } from './en';

/** Supported UI languages; German first. */
export type Locale = 'de' | 'en';

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { de, en };
const LOCALE_KEY = 'fokuswerk.locale';

/** Replaces {name} placeholders; numbers are formatted in the locale. */
export function format(template: string, params: Record<string, string | number> = {}, locale: Locale = 'de'): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => {
    const value = params[key];
    if (value === undefined) {
      return match;
    }
    return typeof value === 'number' ? formatNumber(value, locale) : value;
  });
}

/** Numbers always in German format in the German UI: 1.234,5. */
export function formatNumber(value: number, locale: Locale = 'de', maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits }).format(value);
}

/** Dates as 31.12.2025 (German) or 31/12/2025 (English); ISO date-only strings are read as calendar days. */
export function formatDate(iso: string, locale: Locale = 'de', withTime = false): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(date);
}

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** Picks the singular or plural message for a count. */
  tCount: (one: MessageKey, other: MessageKey, count: number) => string;
  number: (value: number, maximumFractionDigits?: number) => string;
  date: (iso: string, withTime?: boolean) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLocale(): Locale {
  const saved = localStorage.getItem(LOCALE_KEY);
  return saved === 'en' ? 'en' : 'de';
}

/** Provides translations and German number/date formatting to the tree. */
export function I18nProvider({ children }: { children: ReactNode }): ReactNode {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(LOCALE_KEY, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => format(MESSAGES[locale][key], params, locale),
      tCount: (one, other, count) => format(MESSAGES[locale][count === 1 ? one : other], { count }, locale),
      number: (v, digits) => formatNumber(v, locale, digits),
      date: (iso, withTime) => formatDate(iso, locale, withTime),
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current translations; must be used below I18nProvider. */
export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) {
    throw new Error('useI18n outside I18nProvider');
  }
  return ctx;
}
