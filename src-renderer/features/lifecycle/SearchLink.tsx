import type { ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';

/** A link to the search across all groups, shaped as a button (start page, "Meine offenen Punkte"). */
export function SearchLink(): ReactNode {
  const { t } = useMessages(messages);
  return (
    <Link to="/suche" className="btn btn-secondary btn-md">
      {t('lifecycle.search.title')}
    </Link>
  );
}
