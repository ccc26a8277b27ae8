import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { commonMessages } from './common-messages';
import { formattersFor, type Formatters, type Locale } from './format';
import { translator, type MessageBundle, type Translate } from './messages';

export type { Locale } from './format';

type CommonMessages = (typeof commonMessages)['de'];

/** The language, its formatters, and a translate function over the shared messages. */
export interface I18n extends Formatters {
  setLocale: (locale: Locale) => void;
  t: Translate<CommonMessages>;
}

const LocaleContext = createContext<{ locale: Locale; setLocale: (locale: Locale) => void } | null>(null);
const LOCALE_KEY = 'fokuswerk.locale';

function initialLocale(): Locale {
  const saved = localStorage.getItem(LOCALE_KEY);
  return saved === 'en' ? 'en' : 'de';
}

/** Provides the UI language (German unless English was chosen) to the tree. */
export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Locale }): ReactNode {
  const [locale, setLocaleState] = useState<Locale>(() => initial ?? initialLocale());
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(LOCALE_KEY, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

function useLocaleContext(): { locale: Locale; setLocale: (locale: Locale) => void } {
  const ctx = useContext(LocaleContext);
  if (!ctx) {
    throw new Error('useI18n outside I18nProvider');
  }
  return ctx;
}

/** The shared messages and German number/date formatting; must be used below I18nProvider. */
export function useI18n(): I18n {
  const { locale, setLocale } = useLocaleContext();
  return useMemo(() => ({ ...formattersFor(locale), setLocale, t: translator(locale, commonMessages) }), [locale, setLocale]);
}

/** A feature's messages (falling back to the shared ones) with the same formatters. */
export function useMessages<D>(bundle: MessageBundle<D>): Omit<I18n, 't'> & { t: Translate<D & CommonMessages> } {
  const { locale, setLocale } = useLocaleContext();
  return useMemo(() => ({ ...formattersFor(locale), setLocale, t: translator(locale, bundle, commonMessages) }), [locale, setLocale, bundle]);
}
