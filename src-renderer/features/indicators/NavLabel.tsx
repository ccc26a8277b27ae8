import type { ReactNode } from 'react';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';

/** The indicators entry in the main navigation. */
export function IndicatorsNavLabel(): ReactNode {
  return useMessages(messages).t('nav.indicators');
}
