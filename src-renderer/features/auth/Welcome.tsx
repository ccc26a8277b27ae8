import type { ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { useMessages } from '../../i18n/i18n';
import { Button } from '../../ui/Button';
import { LocaleSelect } from '../../ui/LocaleSelect';
import { messages } from './messages';
import styles from './auth.module.css';
import { WelcomeForm } from './forms';

/** First start without accounts: choose the display name others will see. */
export function Welcome({ initial = '', onDone }: { initial?: string; onDone: (name: string) => void }): ReactNode {
  const { t } = useMessages(messages);
  const { register, handleSubmit, formState, clearErrors } = useForm<z.input<typeof WelcomeForm>, unknown, z.output<typeof WelcomeForm>>({
    resolver: zodResolver(WelcomeForm),
    defaultValues: { name: initial },
    // Checked when sent; typing clears the message again.
    reValidateMode: 'onSubmit',
  });
  const invalid = formState.errors.name !== undefined;
  return (
    <main id="main" className={styles.page}>
      <div className={`card ${styles.card}`}>
        <div className={styles.language}>
          <LocaleSelect />
        </div>
        <h1>{t('welcome.title')}</h1>
        <p>{t('welcome.intro')}</p>
        <form onSubmit={(e) => void handleSubmit(({ name }) => onDone(name))(e)}>
          <label className="field">
            <span className="field-label">{t('welcome.nameLabel')}</span>
            <input
              className="input"
              autoFocus
              maxLength={60}
              aria-invalid={invalid}
              aria-describedby="name-hint"
              {...register('name', { onChange: () => clearErrors('name') })}
            />
            <span id="name-hint" className="field-hint">
              {t('welcome.nameHint')}
            </span>
          </label>
          {invalid && (
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
