import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { useHelp, type HelpTerm } from './help';

/**
 * A small "?" next to a term (Schnappschuss, Stand, abgeleitet, the table signs) that opens the
 * help at its explanation. A button, so tap and keyboard reach it; nothing depends on hovering.
 */
export function TermHint({ term, label }: { term: HelpTerm; label: string }): ReactNode {
  const { t } = useI18n();
  const help = useHelp();
  if (!help) {
    return null;
  }
  return (
    <button type="button" className="term-hint" aria-label={t('help.explain', { term: label })} onClick={() => help.open(term)}>
      <span aria-hidden="true">?</span>
    </button>
  );
}
