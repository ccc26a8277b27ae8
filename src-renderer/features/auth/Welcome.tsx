import type { ReactNode } from 'react';
import { useMessages } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { LocaleSelect } from '../../ui/LocaleSelect';
import { messages } from './messages';
import { NameForm } from './NameForm';
import styles from './auth.module.css';

/** First start without accounts: choose the display name others will see. */
export function Welcome({ onDone }: { onDone: (name: string) => void }): ReactNode {
  const { t } = useMessages(messages);
  return (
    <main id="main" className={styles.page}>
      <div className={`card ${styles.card}`}>
        <div className={styles.language}>
          <LocaleSelect />
        </div>
        <h1>{t('welcome.title')}</h1>
        <p>{t('welcome.intro')}</p>
        <NameForm onDone={onDone} />
      </div>
    </main>
  );
}

/** "Namen ändern" inside the workspace: the same field in a dialog; Escape or "Abbrechen" keeps the old name. */
export function RenameDialog({ open, current, onDone, onCancel }: { open: boolean; current: string; onDone: (name: string) => void; onCancel: () => void }): ReactNode {
  const { t } = useMessages(messages);
  return (
    <Dialog open={open} title={t('user.change')} onClose={onCancel}>
      <NameForm initial={current} onDone={onDone} onCancel={onCancel} />
    </Dialog>
  );
}
