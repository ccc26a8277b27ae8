import { useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type * as Y from 'yjs';
import { mayRate, mayReadUnpublishedRatings } from '../../../shared/access';
import { readPublishedRatings } from '../../../shared/docs/lifecycle/document';
import { categoryOf, currentPublishedRating, SCORE_MAX, SCORE_MIN, weightedScore, type Rating, type RatingConfig } from '../../../shared/docs/lifecycle/rating';
import { api } from '../../api/client';
import { useMessages } from '../../i18n/i18n';
import { useApp } from '../../state/app-context';
import { useDocValue } from '../../sync/hooks';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { ErrorNotice, InfoNotice, Loading } from '../../ui/States';
import { germanToday, isoDate } from './german-date';
import { messages } from './messages';
import { errorText, useLifecycle } from './useLifecycle';
import styles from './lifecycle.module.css';

const SCORES = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, index) => SCORE_MIN + index) as (0 | 1 | 2 | 3 | 4)[];

/** One rating: category, score, meeting date, justification; published or not. */
function RatingSummary({ rating }: { rating: Rating }): ReactNode {
  const { t, number, date } = useMessages(messages);
  return (
    <div className={styles.rating} data-testid="rating" data-category={rating.category}>
      <p>
        <Badge tone={rating.category === 'weniger' ? 'neutral' : 'success'}>{t(`lifecycle.category.${rating.category}`)}</Badge>
      </p>
      <p className="small">
        {t('lifecycle.rating.published', { category: t(`lifecycle.category.${rating.category}`), score: number(rating.score, 2), date: date(rating.meetingDate) })}
      </p>
      <p className={styles.commentText}>{rating.justification}</p>
      <ul className={styles.scoreList}>
        {rating.criteria.map((criterion) => (
          <li key={criterion.id} className="small">
            {criterion.label}: {rating.scores[criterion.id] ?? 0}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The form the Steuerungsgruppe rates with: a score per criterion of the year, justification, meeting date. */
function RateForm({ config, onRate, pending }: { config: RatingConfig; onRate: (input: { scores: Record<string, number>; justification: string; meetingDate: string }) => void; pending: boolean }): ReactNode {
  const { t, number } = useMessages(messages);
  const [scores, setScores] = useState<Record<string, number>>(() => Object.fromEntries(config.criteria.map((criterion) => [criterion.id, 2])));
  const [justification, setJustification] = useState('');
  const [meetingDate, setMeetingDate] = useState(germanToday);
  const [dateInvalid, setDateInvalid] = useState(false);
  const score = weightedScore(config, scores);
  return (
    <form
      className={styles.commentForm}
      onSubmit={(event) => {
        event.preventDefault();
        const iso = isoDate(meetingDate);
        setDateInvalid(iso === null);
        if (justification.trim() !== '' && iso !== null) {
          onRate({ scores, justification: justification.trim(), meetingDate: iso });
        }
      }}
      data-testid="rate-form"
    >
      <fieldset className="field">
        <legend className="field-label">{t('lifecycle.rating.new')}</legend>
        {config.criteria.map((criterion) => (
          <label key={criterion.id} className={styles.scoreField}>
            <span>{t('lifecycle.rating.score', { label: criterion.label, weight: number(criterion.weight) })}</span>
            <select value={scores[criterion.id] ?? 0} onChange={(event) => setScores({ ...scores, [criterion.id]: Number(event.target.value) })} data-testid={`score-${criterion.id}`}>
              {SCORES.map((value) => (
                <option key={value} value={value}>
                  {t(`lifecycle.rating.scoreValue.${value}`)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      <p className="small" role="status" aria-live="polite" data-testid="rating-preview">
        {t('lifecycle.rating.preview', { category: t(`lifecycle.category.${categoryOf(config, score)}`), score: number(score, 2) })}
      </p>
      <label className="field">
        <span className="field-label">{t('lifecycle.rating.justification')}</span>
        <textarea className="input" rows={3} required value={justification} maxLength={10_000} onChange={(event) => setJustification(event.target.value)} data-testid="rating-justification" />
      </label>
      <label className="field">
        <span className="field-label">{t('lifecycle.rating.meetingDate')}</span>
        <input
          className="input"
          required
          inputMode="numeric"
          value={meetingDate}
          aria-invalid={dateInvalid}
          aria-describedby="meeting-date-hint"
          onChange={(event) => {
            setMeetingDate(event.target.value);
            setDateInvalid(false);
          }}
        />
        <span id="meeting-date-hint" className="field-hint">
          {t('lifecycle.rating.meetingDateHint')}
        </span>
        {dateInvalid && <span className="field-error">{t('lifecycle.rating.meetingDateInvalid')}</span>}
      </label>
      <div className="form-actions">
        <Button type="submit" variant="primary" size="sm" disabled={pending || justification.trim() === ''}>
          {t('lifecycle.rating.save')}
        </Button>
      </div>
    </form>
  );
}

/**
 * The Steuerungsgruppe's rating. Everyone sees the newest published one (a copy in the proposal
 * document); the Steuerungsgruppe (and the Stabsstelle) see every revision, published or not, and
 * the Steuerungsgruppe rates and publishes.
 */
export function RatingPanel({ doc, groupId, proposalId }: { doc: Y.Doc; groupId: string; proposalId: string }): ReactNode {
  const { t, date } = useMessages(messages);
  const { info } = useApp();
  const { who, principal } = useLifecycle();
  const queryClient = useQueryClient();
  const published = useDocValue(doc, (d) => currentPublishedRating(readPublishedRatings(d)));
  const seesAll = mayReadUnpublishedRatings(principal);
  const rates = mayRate(principal);
  const key = ['lifecycle', 'ratings', groupId, proposalId];
  const all = useQuery({ queryKey: key, queryFn: () => api.lifecycle.ratings({ who, groupId, proposalId }), enabled: seesAll });
  const config = useQuery({
    queryKey: ['lifecycle', 'rating-config', info.reportYear],
    queryFn: () => api.lifecycle.ratingConfig({ who, year: info.reportYear }),
    enabled: rates,
  });
  const [notice, setNotice] = useState<string | null>(null);
  const rate = useMutation({
    mutationFn: (input: { scores: Record<string, number>; justification: string; meetingDate: string }) =>
      api.lifecycle.rate({ who, groupId, proposalId, rating: { year: info.reportYear, ...input } }),
    onSuccess: async () => {
      setNotice(t('lifecycle.rating.saved'));
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const publish = useMutation({
    mutationFn: (ratingId: string) => api.lifecycle.publishRating({ who, groupId, proposalId, ratingId }),
    onSuccess: async () => {
      setNotice(t('lifecycle.rating.publishedNotice'));
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });

  return (
    <div className={styles.tabBody}>
      <div data-testid="published-rating">{published ? <RatingSummary rating={published} /> : <p className="small muted">{t('lifecycle.rating.none')}</p>}</div>
      {notice && <InfoNotice>{notice}</InfoNotice>}
      {(rate.isError || publish.isError || all.isError || config.isError) && (
        <ErrorNotice>{t('lifecycle.error', { message: errorText(rate.error ?? publish.error ?? all.error ?? config.error) })}</ErrorNotice>
      )}
      {seesAll && (
        <>
          <h3 className={styles.subheading}>{t('lifecycle.rating.all')}</h3>
          <p className="small muted">{t('lifecycle.rating.hiddenNote')}</p>
          {all.isPending ? (
            <Loading label={t('status.loading')} />
          ) : (
            <ol className={styles.plainList} data-testid="rating-revisions">
              {[...(all.data?.ratings ?? [])].reverse().map((rating) => (
                <li key={rating.id} className={styles.listItem}>
                  <span className={styles.itemTitle}>
                    {t('lifecycle.rating.revision', { revision: rating.revision })}: {t(`lifecycle.category.${rating.category}`)}
                  </span>
                  <span className="small muted">
                    {rating.publishedAt ? t('lifecycle.rating.publishedAt', { date: date(rating.publishedAt) }) : t('lifecycle.rating.unpublished')} · {rating.byName}
                  </span>
                  {rates && rating.publishedAt === null && (
                    <span className={styles.actions}>
                      <Button size="sm" variant="primary" disabled={publish.isPending} onClick={() => publish.mutate(rating.id)} data-testid="publish-rating">
                        {t('lifecycle.rating.publish')}
                      </Button>
                    </span>
                  )}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      {rates && config.data && <RateForm config={config.data} pending={rate.isPending} onRate={(input) => rate.mutate(input)} />}
    </div>
  );
}
