import { useState, type ReactNode } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import type { SessionSummary } from '../../../shared/docs/workshop/api';
import { DEFAULT_SETTINGS, Method } from '../../../shared/docs/workshop/model';
import { CreateSessionRequest } from '../../../shared/docs/workshop/session';
import { api } from '../../api/client';
import { useMessages } from '../../i18n/i18n';
import { useApp } from '../../state/app-context';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/States';
import { hostMessage } from './actions';
import { saveModeratorKey } from './keys';
import { messages } from './messages';
import styles from './workshop.module.css';

type Form = z.input<typeof CreateSessionRequest>;

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * Preparing a session for a working group: title, date, place, the agenda (time box and method per
 * item) from an empty agenda or an earlier session's, and the rules of the room. Validated with the
 * server's own schema (CreateSessionRequest); the server checks it again.
 */
export function PrepareForm({ groupId, templates, onCreated, onCancel }: {
  groupId: string;
  templates: readonly SessionSummary[];
  onCreated: (sessionId: string) => void;
  onCancel: () => void;
}): ReactNode {
  const { t, locale, date } = useMessages(messages);
  const { session, user } = useApp();
  const [error, setError] = useState<string | null>(null);
  const { register, control, handleSubmit, formState, setValue } = useForm<Form>({
    resolver: zodResolver(CreateSessionRequest),
    defaultValues: {
      groupId,
      title: '',
      date: today(),
      place: 'Kreishaus Elmshorn',
      settings: { ...DEFAULT_SETTINGS },
      agenda: [{ title: '', method: 'kartenabfrage', minutes: 15, prompt: '' }],
    },
  });
  const agenda = useFieldArray({ control, name: 'agenda' });
  const clustering = useWatch({ control, name: 'settings.clustering' });
  const submit = async (form: Form): Promise<void> => {
    try {
      const created = await api.workshop.create({
        session: { ...form, groupId, moderatorName: user.name },
        ...(session ? { accountToken: session.token } : {}),
      });
      saveModeratorKey(created);
      onCreated(created.sessionId);
    } catch (e: unknown) {
      setError(hostMessage(e, locale));
    }
  };
  const fieldError = (present: unknown): ReactNode => (present ? <span className="field-error">!</span> : null);
  return (
    <form className={`card ${styles.panel}`} onSubmit={(e) => void handleSubmit(submit)(e)} aria-labelledby="prepare-heading" noValidate>
      <h3 id="prepare-heading">{t('workshop.prepare.title')}</h3>
      <div className={styles.formGrid}>
        <label className="field">
          <span className="field-label">{t('workshop.prepare.sessionTitle')}</span>
          <input className="input" autoFocus maxLength={200} aria-invalid={formState.errors.title ? true : undefined} {...register('title')} />
        </label>
        <label className="field">
          <span className="field-label">{t('workshop.prepare.date')}</span>
          <input className="input" type="date" {...register('date')} />
        </label>
        <label className="field">
          <span className="field-label">{t('workshop.prepare.place')}</span>
          <input className="input" maxLength={200} {...register('place')} />
        </label>
        <label className="field">
          <span className="field-label">{t('workshop.prepare.template')}</span>
          <select
            className="input"
            aria-label={t('workshop.prepare.template')}
            defaultValue=""
            onChange={(e) => {
              const template = templates.find((s) => s.id === e.target.value);
              agenda.replace(
                template
                  ? template.agenda.map(({ title, method, minutes, prompt }) => ({ title, method, minutes, prompt }))
                  : [{ title: '', method: 'kartenabfrage', minutes: 15, prompt: '' }],
              );
            }}
          >
            <option value="">{t('workshop.prepare.emptyAgenda')}</option>
            {templates
              .filter((s) => s.agenda.length > 0)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {t('workshop.prepare.templateOf', { title: s.title, date: date(s.date) })}
                </option>
              ))}
          </select>
        </label>
      </div>

      <fieldset className={styles.agendaFieldset}>
        <legend className="field-label">{t('workshop.prepare.agenda')}</legend>
        <ol className={styles.agendaEdit}>
          {agenda.fields.map((field, index) => (
            <li key={field.id} className={styles.agendaEditRow}>
              <label className="field">
                <span className="field-label">{t('workshop.prepare.itemTitle', { n: index + 1 })}</span>
                <input className="input" maxLength={200} aria-invalid={formState.errors.agenda?.[index]?.title ? true : undefined} {...register(`agenda.${index}.title`)} />
                {fieldError(formState.errors.agenda?.[index]?.title)}
              </label>
              <label className="field">
                <span className="field-label">{t('workshop.prepare.method')}</span>
                <select className="input" aria-label={t('workshop.prepare.method')} {...register(`agenda.${index}.method`)}>
                  {Method.options.map((method) => (
                    <option key={method} value={method}>
                      {t(`workshop.method.${method}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span className="field-label">{t('workshop.prepare.minutes')}</span>
                <input className="input" type="number" min={1} max={480} {...register(`agenda.${index}.minutes`, { valueAsNumber: true })} />
              </label>
              <label className={`field ${styles.wide}`}>
                <span className="field-label">{t('workshop.prepare.prompt')}</span>
                <input className="input" maxLength={500} {...register(`agenda.${index}.prompt`)} />
              </label>
              <div className={styles.rowActions}>
                {index > 0 && (
                  <Button size="sm" onClick={() => agenda.move(index, index - 1)} aria-label={t('workshop.prepare.moveUp', { n: index + 1 })}>
                    ↑
                  </Button>
                )}
                <Button size="sm" variant="ghost" onClick={() => agenda.remove(index)} aria-label={t('workshop.prepare.removeItem', { n: index + 1 })}>
                  ✕
                </Button>
              </div>
            </li>
          ))}
        </ol>
        <Button onClick={() => agenda.append({ title: '', method: 'punktabfrage', minutes: 10, prompt: '' })}>{t('workshop.prepare.addItem')}</Button>
      </fieldset>

      <div className={styles.formGrid}>
        <label className="field">
          <span className="field-label">{t('workshop.prepare.cardsPerPerson')}</span>
          <input className="input" type="number" min={1} max={50} {...register('settings.cardsPerPerson', { valueAsNumber: true })} />
        </label>
        <label className="field">
          <span className="field-label">{t('workshop.prepare.dotBudget')}</span>
          <input className="input" type="number" min={0} max={50} {...register('settings.dotBudget', { valueAsNumber: true })} />
        </label>
        <label className="field">
          <span className="field-label">{t('workshop.prepare.maxPerCluster')}</span>
          <input className="input" type="number" min={1} max={50} {...register('settings.maxDotsPerCluster', { valueAsNumber: true })} />
        </label>
      </div>
      <label className="checkbox-field">
        <input type="checkbox" {...register('settings.guestsAllowed')} />
        <span>{t('workshop.prepare.guests')}</span>
      </label>
      <label className="checkbox-field">
        <input
          type="checkbox"
          checked={clustering === 'everyone'}
          onChange={(e) => setValue('settings.clustering', e.target.checked ? 'everyone' : 'moderator')}
        />
        <span>{t('workshop.prepare.clusteringEveryone')}</span>
      </label>
      {error && <ErrorNotice>{t('workshop.error', { message: error })}</ErrorNotice>}
      <div className="form-actions">
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="submit" variant="primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? t('workshop.prepare.creating') : t('workshop.prepare.create')}
        </Button>
      </div>
    </form>
  );
}
