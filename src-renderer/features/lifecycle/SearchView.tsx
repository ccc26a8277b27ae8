import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { SearchQuery } from '../../../shared/docs/lifecycle/api';
import { RatingCategory } from '../../../shared/docs/lifecycle/rating';
import { LifecycleStatus } from '../../../shared/docs/lifecycle/status';
import { listGroups } from '../../../shared/docs/workspace';
import { WORKSPACE_DOC } from '../../../shared/sync/doc-names';
import { api } from '../../api/client';
import { useMessages } from '../../i18n/i18n';
import { useDoc, useDocValue } from '../../sync/hooks';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { ErrorNotice, Loading } from '../../ui/States';
import { messages } from './messages';
import { StatusBadge } from './StatusPanel';
import { errorText, useLifecycle } from './useLifecycle';
import styles from './lifecycle.module.css';

type Filters = { q: string; status: string; rating: string; year: string; group: string };
const EMPTY: Filters = { q: '', status: '', rating: '', year: '', group: '' };

/** Search across every group the account may read (title and text), filtered by status, rating, year and group. */
export function SearchView(): ReactNode {
  const { t } = useMessages(messages);
  const { who } = useLifecycle();
  const workspace = useDoc(WORKSPACE_DOC);
  const groups = useDocValue(workspace.doc, listGroups);
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [asked, setAsked] = useState<Filters | null>(null);
  const query = (filters: Filters): SearchQuery => ({
    ...(filters.q.trim() ? { q: filters.q.trim() } : {}),
    ...(filters.status ? { status: LifecycleStatus.parse(filters.status) } : {}),
    ...(filters.rating ? { rating: RatingCategory.parse(filters.rating) } : {}),
    ...(/^\d{4}$/.test(filters.year) ? { year: Number(filters.year) } : {}),
    ...(filters.group ? { group: filters.group } : {}),
  });
  const results = useQuery({
    queryKey: ['lifecycle', 'search', asked],
    queryFn: () => api.lifecycle.search({ who, ...query(asked ?? EMPTY) }),
    enabled: asked !== null,
  });
  const groupName = (id: string): string => groups.find((group) => group.id === id)?.name ?? id;
  const set = (key: keyof Filters) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });

  return (
    <>
      <header className="page-header">
        <h1>{t('lifecycle.search.title')}</h1>
      </header>
      <form
        role="search"
        className={`card ${styles.searchForm}`}
        onSubmit={(event) => {
          event.preventDefault();
          setAsked({ ...draft });
        }}
      >
        <label className={`field ${styles.searchQ}`}>
          <span className="field-label">{t('lifecycle.search.q')}</span>
          <input className="input" type="search" value={draft.q} maxLength={200} onChange={set('q')} data-testid="search-q" />
        </label>
        <label className="field">
          <span className="field-label">{t('lifecycle.search.status')}</span>
          <select value={draft.status} onChange={set('status')}>
            <option value="">{t('lifecycle.search.any')}</option>
            {LifecycleStatus.options.map((status) => (
              <option key={status} value={status}>
                {t(`lifecycle.status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('lifecycle.search.rating')}</span>
          <select value={draft.rating} onChange={set('rating')}>
            <option value="">{t('lifecycle.search.any')}</option>
            {RatingCategory.options.map((category) => (
              <option key={category} value={category}>
                {t(`lifecycle.category.${category}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('lifecycle.search.year')}</span>
          <input inputMode="numeric" pattern="\d{4}" value={draft.year} onChange={set('year')} className={`input ${styles.yearInput}`} />
        </label>
        <label className="field">
          <span className="field-label">{t('lifecycle.search.group')}</span>
          <select value={draft.group} onChange={set('group')}>
            <option value="">{t('lifecycle.search.any')}</option>
            {groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
        </label>
        <div className={styles.searchSubmit}>
          <Button type="submit" variant="primary">
            {t('lifecycle.search.submit')}
          </Button>
        </div>
      </form>
      {results.isError && <ErrorNotice>{t('lifecycle.error', { message: errorText(results.error) })}</ErrorNotice>}
      {asked !== null && results.isPending && <Loading label={t('status.loading')} />}
      {results.data && (
        <section aria-live="polite">
          <p className="muted" data-testid="search-count">
            {t('lifecycle.search.results', { count: results.data.results.length })}
          </p>
          <ul className={styles.plainList} data-testid="search-results">
            {results.data.results.map((hit) => (
              <li key={`${hit.groupId}/${hit.proposalId}`} className={`card ${styles.openItem}`}>
                <Link to="/group/$groupId/proposal/$proposalId" params={{ groupId: hit.groupId, proposalId: hit.proposalId }} className={styles.itemTitle}>
                  {hit.title}
                </Link>
                <span className={styles.badges}>
                  <span className="small muted">
                    {groupName(hit.groupId)} · {hit.year}
                  </span>
                  <StatusBadge status={hit.status} />
                  {hit.rating && <Badge tone="info">{t(`lifecycle.category.${hit.rating}`)}</Badge>}
                </span>
                {hit.snippet && <span className="small">{hit.snippet}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
