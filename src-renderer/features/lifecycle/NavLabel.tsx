import type { ReactNode } from 'react';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';

/** "Meine offenen Punkte" in the main navigation. */
export function OpenItemsNavLabel(): ReactNode {
  return useMessages(messages).t('lifecycle.open.nav');
}

/** "Suche" in the main navigation. */
export function SearchNavLabel(): ReactNode {
  return useMessages(messages).t('lifecycle.search.nav');
}
