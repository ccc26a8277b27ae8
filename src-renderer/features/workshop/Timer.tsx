import type { ReactNode } from 'react';
import type { Timer } from '../../../shared/docs/workshop/model';
import { useMessages } from '../../i18n/i18n';
import { formatRemaining, useRemaining, useServerOffset } from './clock';
import { messages } from './messages';
import styles from './workshop.module.css';

/**
 * The phase's timer from the server's clock: every device shows the same remaining time, whatever
 * its own clock says. `data-remaining-ms` carries the value for tests and assistive tools.
 */
export function PhaseTimer({ timer, size = 'md' }: { timer: Timer; size?: 'md' | 'xl' }): ReactNode {
  const { t } = useMessages(messages);
  const offset = useServerOffset();
  const remaining = useRemaining(timer, offset);
  if (timer.state === 'idle' || remaining === null) {
    return null;
  }
  const over = remaining <= 0;
  return (
    <div
      className={`${styles.timer} ${size === 'xl' ? styles.timerXl : ''} ${over ? styles.timerOver : ''}`}
      data-testid="workshop-timer"
      data-remaining-ms={Math.round(remaining)}
      data-state={timer.state}
    >
      <span className="visually-hidden">{t('workshop.timer')}: </span>
      {/* Announced only on state changes (the seconds would flood a screen reader). */}
      <span className={styles.timerDigits} aria-hidden="true">
        {formatRemaining(remaining)}
      </span>
      <span className="visually-hidden">{formatRemaining(remaining)}</span>
      {timer.state === 'paused' && <span className={styles.timerNote}>{t('workshop.timer.paused')}</span>}
      {over && timer.state === 'running' && (
        <span className={styles.timerNote} role="status">
          {t('workshop.timer.over')}
        </span>
      )}
    </div>
  );
}
