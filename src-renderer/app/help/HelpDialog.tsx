import { useEffect, type ReactNode } from 'react';
import { MISSING_FLAG_SIGNS, ZERO_SIGN } from '../../../shared/indicators/signs';
import { useMessages } from '../../i18n/i18n';
import { useApp } from '../../state/app-context';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { helpTermId, type HelpTerm } from '../../ui/help';
import { helpMessages } from './messages';
import styles from './help.module.css';

type Audience = 'experts' | 'staff' | 'moderation';

const STEPS: Record<Audience, readonly (keyof (typeof helpMessages)['de'])[]> = {
  experts: ['help.experts.1', 'help.experts.2', 'help.experts.3', 'help.experts.4', 'help.experts.5'],
  staff: ['help.staff.1', 'help.staff.2', 'help.staff.3'],
  moderation: ['help.moderation.1', 'help.moderation.2'],
};

const TERMS: readonly HelpTerm[] = ['snapshot', 'stand', 'derived', 'signs', 'status', 'saved'];

const SIGNS = [
  [MISSING_FLAG_SIGNS.secret, 'help.sign.secret'],
  [MISSING_FLAG_SIGNS.later, 'help.sign.later'],
  [MISSING_FLAG_SIGNS.unreliable, 'help.sign.unreliable'],
  [MISSING_FLAG_SIGNS.blocked, 'help.sign.blocked'],
  [ZERO_SIGN, 'help.sign.zero'],
] as const;

/**
 * "Erste Schritte" for each audience (the signed-in person's own opened first) and the terms the
 * app uses. Opened from the header's "Hilfe" or a term's "?"; then it scrolls to that term.
 */
export function HelpDialog({ open, at, onClose }: { open: boolean; at: HelpTerm | null; onClose: () => void }): ReactNode {
  const { t } = useMessages(helpMessages);
  const { session } = useApp();
  const role = session?.account.role;
  const mine: Audience = role === 'stabsstelle' || role === 'admin' ? 'staff' : role === 'moderation' || role === 'steuerung' ? 'moderation' : 'experts';
  useEffect(() => {
    if (open && at) {
      const target = document.getElementById(helpTermId(at));
      target?.scrollIntoView({ block: 'start' });
      target?.focus();
    }
  }, [open, at]);
  return (
    <Dialog
      open={open}
      title={t('help.title')}
      onClose={onClose}
      wide
      footer={
        <Button variant="primary" onClick={onClose}>
          {t('common.close')}
        </Button>
      }
    >
      <p>{t('help.intro')}</p>
      <h3 className={styles.heading}>{t('help.firstSteps')}</h3>
      {(['experts', 'staff', 'moderation'] as const).map((audience) => (
        <details key={audience} className={styles.audience} open={audience === mine}>
          <summary>{t(`help.${audience}`)}</summary>
          <ol>
            {STEPS[audience].map((key) => (
              <li key={key}>{t(key)}</li>
            ))}
          </ol>
        </details>
      ))}
      <details className={styles.audience}>
        <summary>{t('help.keyboard')}</summary>
        <ul>
          <li>{t('help.keyboard.1')}</li>
          <li>{t('help.keyboard.2')}</li>
        </ul>
      </details>
      <h3 className={styles.heading}>{t('help.terms')}</h3>
      <dl className={styles.terms}>
        {TERMS.map((term) => (
          <div key={term} className={styles.term}>
            <dt id={helpTermId(term)} tabIndex={-1}>
              {t(`help.term.${term}`)}
            </dt>
            <dd>
              {t(`help.term.${term}.text`)}
              {term === 'signs' && (
                <table className={styles.signs}>
                  <tbody>
                    {SIGNS.map(([sign, key]) => (
                      <tr key={key}>
                        <th scope="row">
                          <code>{sign}</code>
                        </th>
                        <td>{t(key)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}
