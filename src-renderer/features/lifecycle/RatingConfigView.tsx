import { useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { mayConfigureRating } from '../../../shared/access';
import { RatingConfig, SCORE_MAX, SCORE_MIN } from '../../../shared/docs/lifecycle/rating';
import { api } from '../../api/client';
import { useMessages } from '../../i18n/i18n';
import { useApp } from '../../state/app-context';
import { Button } from '../../ui/Button';
import { ErrorNotice, InfoNotice, Loading } from '../../ui/States';
import { messages } from './messages';
import { errorText, useLifecycle } from './useLifecycle';
import styles from './lifecycle.module.css';

/** An id for a new criterion from its label (ids are stable once ratings use them). */
function idFor(label: string, taken: readonly string[]): string {
  const base =
    label
      .toLocaleLowerCase('de')
      .replace(/ä/g, 'ae')
      .replace(/ö/g, 'oe')
      .replace(/ü/g, 'ue')
      .replace(/ß/g, 'ss')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 32) || 'kriterium';
  let id = base;
  for (let n = 2; taken.includes(id); n++) {
    id = `${base}-${n}`;
  }
  return id;
}

/** The year's rating method: criteria with weights and the two thresholds (set by the Stabsstelle). */
function ConfigForm({ initial, editable }: { initial: RatingConfig; editable: boolean }): ReactNode {
  const { t } = useMessages(messages);
  const { who } = useLifecycle();
  const queryClient = useQueryClient();
  const [config, setConfig] = useState(initial);
  const [invalid, setInvalid] = useState(false);
  const save = useMutation({
    mutationFn: (next: RatingConfig) => api.lifecycle.setRatingConfig({ who, config: next }),
    onSuccess: (saved) => queryClient.setQueryData(['lifecycle', 'rating-config', saved.year], saved),
  });
  const criteria = config.criteria;
  const update = (index: number, change: Partial<RatingConfig['criteria'][number]>): void =>
    setConfig({ ...config, criteria: criteria.map((criterion, at) => (at === index ? { ...criterion, ...change } : criterion)) });
  return (
    <form
      className={`card ${styles.configForm}`}
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = RatingConfig.safeParse(config);
        setInvalid(!parsed.success);
        if (parsed.success) {
          save.mutate(parsed.data);
        }
      }}
    >
      <fieldset disabled={!editable} className={styles.configFields}>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('lifecycle.config.label')}</th>
              <th scope="col" className="num">
                {t('lifecycle.config.weight')}
              </th>
              {editable && <th scope="col" className="visually-hidden">{t('lifecycle.config.remove', { label: '' })}</th>}
            </tr>
          </thead>
          <tbody>
            {criteria.map((criterion, index) => (
              <tr key={criterion.id}>
                <td>
                  <input className="input"
                    aria-label={`${t('lifecycle.config.criterion', { n: index + 1 })}: ${t('lifecycle.config.label')}`}
                    value={criterion.label}
                    maxLength={100}
                    onChange={(event) => update(index, { label: event.target.value })}
                  />
                </td>
                <td className="num">
                  <input
                    aria-label={`${t('lifecycle.config.criterion', { n: index + 1 })}: ${t('lifecycle.config.weight')}`}
                    type="number"
                    min={0.5}
                    max={100}
                    step={0.5}
                    value={criterion.weight}
                    className={`input ${styles.weightInput}`}
                    onChange={(event) => update(index, { weight: Number(event.target.value) })}
                  />
                </td>
                {editable && (
                  <td>
                    <Button size="sm" variant="ghost" disabled={criteria.length <= 1} onClick={() => setConfig({ ...config, criteria: criteria.filter((_, at) => at !== index) })}>
                      {t('lifecycle.config.remove', { label: criterion.label })}
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {editable && (
          <Button
            size="sm"
            onClick={() => {
              const label = t('lifecycle.config.criterion', { n: criteria.length + 1 });
              setConfig({ ...config, criteria: [...criteria, { id: idFor(label, criteria.map((c) => c.id)), label, weight: 1 }] });
            }}
          >
            {t('lifecycle.config.add')}
          </Button>
        )}
        <label className="field">
          <span className="field-label">{t('lifecycle.config.high')}</span>
          <input type="number" min={SCORE_MIN} max={SCORE_MAX} step={0.1} value={config.highThreshold} className={`input ${styles.weightInput}`} onChange={(event) => setConfig({ ...config, highThreshold: Number(event.target.value) })} />
        </label>
        <label className="field">
          <span className="field-label">{t('lifecycle.config.relevant')}</span>
          <input type="number" min={SCORE_MIN} max={SCORE_MAX} step={0.1} value={config.relevantThreshold} className={`input ${styles.weightInput}`} onChange={(event) => setConfig({ ...config, relevantThreshold: Number(event.target.value) })} />
        </label>
      </fieldset>
      {invalid && <ErrorNotice>{t('lifecycle.config.invalid')}</ErrorNotice>}
      {save.isError && <ErrorNotice>{t('lifecycle.error', { message: errorText(save.error) })}</ErrorNotice>}
      {save.isSuccess && <InfoNotice>{t('lifecycle.config.saved', { year: String(config.year) })}</InfoNotice>}
      {editable && (
        <div className="form-actions">
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {t('lifecycle.save')}
          </Button>
        </div>
      )}
    </form>
  );
}

/** The page of the rating criteria per year. */
export function RatingConfigView(): ReactNode {
  const { t } = useMessages(messages);
  const { info } = useApp();
  const { who, principal } = useLifecycle();
  const [year, setYear] = useState(info.reportYear);
  const config = useQuery({ queryKey: ['lifecycle', 'rating-config', year], queryFn: () => api.lifecycle.ratingConfig({ who, year }) });
  const editable = mayConfigureRating(principal);
  return (
    <>
      <header className="page-header">
        <h1>{t('lifecycle.config.title', { year: String(year) })}</h1>
        <p className="muted">{t('lifecycle.config.intro')}</p>
        {!editable && <p className="small muted">{t('lifecycle.config.readOnly')}</p>}
      </header>
      <label className="field">
        <span className="field-label">{t('lifecycle.config.year')}</span>
        <select value={year} onChange={(event) => setYear(Number(event.target.value))} className={`input ${styles.yearInput}`}>
          {[info.reportYear - 1, info.reportYear, info.reportYear + 1].map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </label>
      {config.isError && <ErrorNotice>{t('lifecycle.error', { message: errorText(config.error) })}</ErrorNotice>}
      {config.data ? <ConfigForm key={year} initial={config.data} editable={editable} /> : config.isPending && <Loading label={t('status.loading')} />}
    </>
  );
}
