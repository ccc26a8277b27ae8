import type { ReactNode } from 'react';
import { useMessages } from '../../i18n/i18n';
import { useApp } from '../../state/app-context';
import { messages } from './messages';

/** The report entry in the main navigation, with the report's year. */
export function ReportNavLabel(): ReactNode {
  const { t } = useMessages(messages);
  return t('nav.report', { year: String(useApp().info.reportYear) });
}
