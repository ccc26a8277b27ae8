import type { ReactNode } from 'react';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';

/** "Offene Punkte" in the main navigation (the page is "Meine offenen Punkte"). */
export function OpenItemsNavLabel(): ReactNode {
  return useMessages(messages).t('lifecycle.open.nav');
}
