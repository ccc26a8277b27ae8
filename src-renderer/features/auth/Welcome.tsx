import { useState, type ReactNode } from 'react';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';
import { normalizeName } from '../../state/user';
import { Button } from '../../ui/Button';
import styles from './auth.module.css';

/** First start: choose the display name others will see (accounts come with the sync-server issue). */
export function Welcome({ initial = '', onDone }: { initial?: string; onDone: (name: string) => void }): ReactNode {
  const { t } = useMessages(messages);
  const [name, setName] = useState(initial);
  const [error, setError] = useState(false);
  return (
    <main id="main" className={styles.page}>
      <div className={`card ${styles.card}`}>
        <h1>{t('welcome.title')}</h1>
        <p>{t('welcome.intro')}</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const normalized = normalizeName(name);
            if (normalized) {
              onDone(normalized);
            } else {
              setError(true);
            }
          }}
        >
          <label className="field">
            <span className="field-label">{t('welcome.nameLabel')}</span>
            <input
              className="input"
              autoFocus
              value={name}
              maxLength={60}
              aria-invalid={error}
              aria-describedby="name-hint"
              onChange={(e) => {
                setName(e.target.value);
                setError(false);
              }}
            />
            <span id="name-hint" className="field-hint">
              {t('welcome.nameHint')}
            </span>
          </label>
          {error && (
            <p className="field-error" role="alert">
              {t('welcome.nameRequired')}
            </p>
          )}
          <Button type="submit" variant="primary">
            {t('welcome.submit')}
          </Button>
        </form>
      </div>
    </main>
  );
}
