import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * How many characters a field holds of how many it may ("12 von 60 Zeichen"), and, once the limit
 * is reached, that more is not taken — said while typing instead of cutting silently. The count
 * appears from 80 % of the limit on. Counts like the input's maxLength and the server's zod schema
 * (string length). Only the limit message is announced, not every keystroke.
 */
export function LengthHint({ id, length, max }: { id: string; length: number; max: number }): ReactNode {
  const { t } = useI18n();
  const full = length >= max;
  const near = length >= Math.floor(max * 0.8);
  return (
    <span id={id} className={full ? 'length-hint length-hint-full' : 'length-hint'}>
      <span aria-hidden={full}>{near ? t('input.length', { count: length, max }) : ''}</span>
      <span role="status">{full ? t('input.atLimit', { max }) : ''}</span>
    </span>
  );
}
