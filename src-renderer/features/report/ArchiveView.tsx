import { useMemo, useState, type ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { SteeringRating, STEERING_RATING_LABEL } from '../../../shared/docs/report';
import { listGroups } from '../../../shared/docs/workspace';
import { WORKSPACE_DOC } from '../../../shared/sync/doc-names';
import { useMessages } from '../../i18n/i18n';
import { useApp } from '../../state/app-context';
import { useDoc, useDocValue } from '../../sync/hooks';
import { Loading } from '../../ui/States';
import { archiveYears, archivedRecommendations, filterArchive, useYearReports, type ArchiveFilter } from './archive';
import { messages } from './messages';
import styles from './report.module.css';

const RATING_CLASS: Record<SteeringRating, string | undefined> = { high: styles.ratingHigh, relevant: styles.ratingRelevant, less: styles.ratingLess };

/**
 * The archive of the Fokusberichte: this year's and earlier reports (read-only, in the reading
 * view) and all their recommendations, filtered by year, working group and rating.
 */
export function ArchiveView(): ReactNode {
  const { t } = useMessages(messages);
  const { info } = useApp();
  const workspace = useDoc(WORKSPACE_DOC);
  const groups = useDocValue(workspace.doc, (d) => listGroups(d).map((g) => ({ id: g.id, name: g.name })));
  const years = useMemo(() => archiveYears(info.reportYear), [info.reportYear]);
  const reports = useYearReports(years, groups);
  const [filter, setFilter] = useState<ArchiveFilter>({ year: null, group: null, rating: null });
  const all = useMemo(() => archivedRecommendations(reports), [reports]);
  const shown = useMemo(() => filterArchive(all, filter), [all, filter]);
  const present = reports.filter((r) => r.state === 'present');
  const loading = reports.some((r) => r.state === 'loading');
  const groupNames = [...new Set(all.map((r) => r.groupName))].sort((a, b) => a.localeCompare(b, 'de'));
  return (
    <div className={styles.page}>
      <header className="page-header">
        <h1>{t('report.archive.title')}</h1>
        <p className="muted">{t('report.archive.intro', { count: years.length - 1 })}</p>
      </header>
      <section aria-labelledby="archive-years-h">
        <h2 id="archive-years-h" className={styles.archiveHeading}>
          {t('report.archive.years')}
        </h2>
        {loading && <Loading label={t('report.archive.loading')} />}
        <ul className={styles.yearList} data-testid="archive-years">
          {present.map((r) => (
            <li key={r.year} className={styles.yearItem}>
              <Link to="/report/$year/read" params={{ year: String(r.year) }}>
                {r.state === 'present' ? r.report.meta.title : r.year}
              </Link>
              <span className="small muted">
                {r.year === info.reportYear ? t('report.archive.current') : t('report.archive.readOnly')} ·{' '}
                {t('report.count', { count: r.state === 'present' ? r.report.parts.reduce((n, p) => n + p.chapters.reduce((m, c) => m + c.recommendations.length, 0), 0) : 0 })}
              </span>
            </li>
          ))}
        </ul>
        {!loading && present.length === 0 && <p>{t('report.archive.none')}</p>}
      </section>
      <section aria-labelledby="archive-recs-h">
        <h2 id="archive-recs-h" className={styles.archiveHeading}>
          {t('report.archive.recommendations')}
        </h2>
        <div className={styles.archiveFilter} role="group" aria-label={t('report.archive.filter')}>
          <span className={styles.inlineField}>
            <label htmlFor="archive-year">{t('report.archive.year')}</label>
            <select
              id="archive-year" value={filter.year ?? ''} onChange={(e) => setFilter({ ...filter, year: e.target.value === '' ? null : Number(e.target.value) })}>
              <option value="">{t('report.archive.all')}</option>
              {present.map((r) => (
                <option key={r.year} value={r.year}>
                  {r.year}
                </option>
              ))}
            </select>
          </span>
          <span className={styles.inlineField}>
            <label htmlFor="archive-group">{t('report.archive.group')}</label>
            <select
              id="archive-group" value={filter.group ?? ''} onChange={(e) => setFilter({ ...filter, group: e.target.value === '' ? null : e.target.value })}>
              <option value="">{t('report.archive.all')}</option>
              {groupNames.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
          </span>
          <span className={styles.inlineField}>
            <label htmlFor="archive-rating">{t('report.archive.rating')}</label>
            <select
              id="archive-rating"
              value={filter.rating ?? ''}
              onChange={(e) => {
                const v = e.target.value;
                const parsed = SteeringRating.safeParse(v);
                setFilter({ ...filter, rating: parsed.success ? parsed.data : v === 'none' ? 'none' : null });
              }}
            >
              <option value="">{t('report.archive.all')}</option>
              {SteeringRating.options.map((r) => (
                <option key={r} value={r}>
                  {STEERING_RATING_LABEL[r]}
                </option>
              ))}
              <option value="none">{t('report.archive.noRating')}</option>
            </select>
          </span>
        </div>
        <p role="status" className="small muted">
          {t('report.archive.shown', { count: shown.length })}
        </p>
        <ul className={styles.archiveList} data-testid="archive-recommendations">
          {shown.map((r) => (
            <li key={`${r.year}-${r.anchor}`} className={styles.archiveItem}>
              <span className={styles.archiveYear}>{r.year}</span>
              <span className={styles.archiveMain}>
                <Link to="/report/$year/read" params={{ year: String(r.year) }} search={{ at: r.anchor }}>
                  <span className={styles.num}>{r.number}</span> {r.title}
                </Link>
                <span className="small muted">{t('report.read.group', { name: r.groupName })}</span>
              </span>
              {r.ratingLabel && r.rating && <span className={`${styles.ratingBadge} ${RATING_CLASS[r.rating] ?? ''}`}>{r.ratingLabel}</span>}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
