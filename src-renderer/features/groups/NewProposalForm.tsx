import type { ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { MAX_TITLE_LENGTH, NewProposalInput } from '../../../shared/docs/proposal';
import { useMessages } from '../../i18n/i18n';
import { Button } from '../../ui/Button';
import { LengthHint } from '../../ui/LengthHint';
import { messages } from './messages';
import styles from './groups.module.css';

/** The inline form that names a new proposal; validated with the shared schema (a title that is not blank). */
export function NewProposalForm({ onCreate, onCancel }: { onCreate: (title: string) => void; onCancel: () => void }): ReactNode {
  const { t } = useMessages(messages);
  const { register, handleSubmit, formState, control } = useForm<NewProposalInput>({
    resolver: zodResolver(NewProposalInput),
    mode: 'onChange',
    defaultValues: { title: '' },
  });
  const title = useWatch({ control, name: 'title' });
  return (
    <form className={`card ${styles.inlineForm}`} onSubmit={(e) => void handleSubmit(({ title }) => onCreate(title))(e)}>
      <label className="field">
        <span className="field-label">{t('group.newTitle')}</span>
        <input className="input" autoFocus required maxLength={MAX_TITLE_LENGTH} aria-describedby="new-title-length" {...register('title')} />
        <LengthHint id="new-title-length" length={title.length} max={MAX_TITLE_LENGTH} />
      </label>
      <div className="form-actions">
        <Button onClick={onCancel}>{t('group.cancel')}</Button>
        <Button type="submit" variant="primary" disabled={!formState.isValid}>
          {t('group.create')}
        </Button>
      </div>
    </form>
  );
}
