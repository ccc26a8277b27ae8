import type { ReactNode } from 'react';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';

/** The workshops entry in the main navigation. */
export function WorkshopsNavLabel(): ReactNode {
  return useMessages(messages).t('nav.workshops');
}
