import { useId, type ReactNode } from 'react';
import { useI18n, type Locale } from '../i18n/i18n';

/** The UI language, chosen from the header and already on the sign-in and welcome pages. */
export function LocaleSelect({ className }: { className?: string }): ReactNode {
  const { t, locale, setLocale } = useI18n();
  const id = useId();
  return (
    <>
      <label className="visually-hidden" htmlFor={id}>
        {t('nav.language')}
      </label>
      <select id={id} className={['locale-select', className].filter(Boolean).join(' ')} value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
        <option value="de" lang="de">
          Deutsch
        </option>
        <option value="en" lang="en">
          English
        </option>
      </select>
    </>
  );
}
