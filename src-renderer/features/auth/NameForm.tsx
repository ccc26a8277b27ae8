import type { ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import { DISPLAY_NAME_MAX } from '../../../shared/people';
import { useMessages } from '../../i18n/i18n';
import { Button } from '../../ui/Button';
import { LengthHint } from '../../ui/LengthHint';
import { messages } from './messages';
import { WelcomeForm } from './forms';

/**
 * The display-name field with its hint, length and error, and the buttons: "Weiter" on first
 * start; "Speichern" and "Abbrechen" when renaming (`onCancel`).
 */
export function NameForm({ initial = '', onDone, onCancel }: { initial?: string; onDone: (name: string) => void; onCancel?: () => void }): ReactNode {
  const { t } = useMessages(messages);
  const { register, handleSubmit, formState, clearErrors, control } = useForm<z.input<typeof WelcomeForm>, unknown, z.output<typeof WelcomeForm>>({
    resolver: zodResolver(WelcomeForm),
    defaultValues: { name: initial },
    // Checked when sent; typing clears the message again.
    reValidateMode: 'onSubmit',
  });
  const invalid = formState.errors.name !== undefined;
  const length = useWatch({ control, name: 'name' }).length;
  return (
    <form onSubmit={(e) => void handleSubmit(({ name }) => onDone(name))(e)}>
      <label className="field">
        <span className="field-label">{t('welcome.nameLabel')}</span>
        <input
          className="input"
          autoFocus
          maxLength={DISPLAY_NAME_MAX}
          aria-invalid={invalid}
          aria-describedby="name-hint name-length"
          {...register('name', { onChange: () => clearErrors('name') })}
        />
        <span id="name-hint" className="field-hint">
          {t('welcome.nameHint')}
        </span>
        <LengthHint id="name-length" length={length} max={DISPLAY_NAME_MAX} />
      </label>
      {invalid && (
        <p className="field-error" role="alert">
          {t('welcome.nameRequired')}
        </p>
      )}
      <div className="form-actions">
        {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
        <Button type="submit" variant="primary">
          {t(onCancel ? 'common.save' : 'welcome.submit')}
        </Button>
      </div>
    </form>
  );
}
