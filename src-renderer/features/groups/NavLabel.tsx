import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

/** The groups entry in the main navigation. */
export function GroupsNavLabel(): ReactNode {
  return useI18n().t('nav.groups');
}
