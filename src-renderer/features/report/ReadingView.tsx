import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import type { ExportChapter, ExportRecommendation, PmNode } from '../../../shared/docs/report';
import { pmToHtml } from '../../../shared/export/pm-html';
import { useMessages } from '../../i18n/i18n';
import { useApp } from '../../state/app-context';
import { Button } from '../../ui/Button';
import { SyncStatusBadge } from '../../ui/SyncStatusBadge';
import { useReportExport, type ExportFormat } from './export';
import { messages } from './messages';
import { searchIndex, searchReport, useReport } from './useReport';
import styles from './reading.module.css';

/**
 * Document text as HTML from the exporters' renderer, which escapes every text and attribute and
 * knows only the shared schema, so the reading view shows exactly what the exports print.
 */
function DocumentHtml({ node, headingOffset, idPrefix }: { node: PmNode; headingOffset: number; idPrefix: string }): ReactNode {
  const html = useMemo(() => pmToHtml(node, { headingOffset, idPrefix }), [node, headingOffset, idPrefix]);
  return <div className={styles.text} dangerouslySetInnerHTML={{ __html: html }} />;
}

const RATING_CLASS: Record<string, string | undefined> = { high: styles.ratingHigh, relevant: styles.ratingRelevant, less: styles.ratingLess };

function Recommendation({ rec }: { rec: ExportRecommendation }): ReactNode {
  const { t, date } = useMessages(messages);
  return (
    <article className={styles.recommendation} id={rec.anchor} aria-labelledby={`${rec.anchor}-h`} data-testid="read-recommendation" tabIndex={-1}>
      <h4 id={`${rec.anchor}-h`} className={styles.recTitle}>
        <span className={styles.num}>{rec.number}</span> {rec.title}
      </h4>
      <p className={styles.recMeta}>
        {t('report.read.group', { name: rec.groupName })} · {t('report.read.pushedOn', { date: date(rec.pushedAt) })}
        {rec.revision > 1 ? ` · ${t('report.revision', { n: rec.revision })}` : ''}
      </p>
      {rec.ratingLabel && (
        <p className={`${styles.rating} ${RATING_CLASS[rec.rating ?? ''] ?? ''}`} data-testid="rating">
          <span className="visually-hidden">{t('report.read.ratingPrefix')} </span>
          {rec.ratingLabel}
        </p>
      )}
      {rec.notes.map((n) => (
        <p key={n} className={styles.note} role="note">
          {n}
        </p>
      ))}
      <DocumentHtml node={rec.content} headingOffset={4} idPrefix={`${rec.anchor}-`} />
    </article>
  );
}

function Chapter({ chapter }: { chapter: ExportChapter }): ReactNode {
  return (
    <section className={styles.chapter} id={chapter.anchor} aria-labelledby={`${chapter.anchor}-h`} data-testid={`read-${chapter.anchor}`} tabIndex={-1}>
      <h3 id={`${chapter.anchor}-h`}>
        <span className={styles.num}>{chapter.number}</span> {chapter.title}
      </h3>
      {chapter.notes.map((n) => (
        <p key={n} className={styles.note} role="note">
          {n}
        </p>
      ))}
      {chapter.content && <DocumentHtml node={chapter.content} headingOffset={3} idPrefix={`${chapter.anchor}-`} />}
      {chapter.recommendations.map((r) => (
        <Recommendation key={r.proposalId} rec={r} />
      ))}
    </section>
  );
}

function ExportButtons({ exporter }: { exporter: ReturnType<typeof useReportExport> }): ReactNode {
  const { t } = useMessages(messages);
  const { state, run } = exporter;
  const formats: ExportFormat[] = ['pdf', 'docx', 'html'];
  return (
    <div className={styles.exportBox} role="group" aria-labelledby="export-h">
      <span id="export-h" className={styles.exportLabel}>
        {t('report.export.title')}
      </span>
      {formats.map((f) => (
        <Button key={f} size="sm" disabled={state.kind === 'running'} onClick={() => run(f)} data-testid={`export-${f}`}>
          {t(`report.export.${f}`)}
        </Button>
      ))}
      <p className={styles.exportStatus} role="status" aria-live="polite">
        {state.kind === 'running' && t('report.export.running')}
        {state.kind === 'done' && t('report.export.done', { name: state.name })}
      </p>
      {state.kind === 'failed' && (
        <p className={styles.exportError} role="alert">
          {t('report.export.failed', { reason: state.reason })}
        </p>
      )}
    </div>
  );
}

const WIDE = '(min-width: 900px)';

/** The Fokusbericht as a calm document for everyone who may read it: contents, search, deep links, exports. */
export function ReadingView({ year, at }: { year: number; at: string | undefined }): ReactNode {
  const { t, date } = useMessages(messages);
  const { permissions, info } = useApp();
  const archived = year < info.reportYear;
  const { connection, groups, report } = useReport(year);
  const exporter = useReportExport(connection.doc, year, groups);
  const [query, setQuery] = useState('');
  const [tocOpen, setTocOpen] = useState(() => typeof window === 'undefined' || window.matchMedia(WIDE).matches);
  const index = useMemo(() => searchIndex(report), [report]);
  const results = useMemo(() => searchReport(index, query), [index, query]);
  const anchors = useMemo(() => new Set(report.parts.flatMap((p) => [p.anchor, ...p.chapters.flatMap((c) => [c.anchor, ...c.recommendations.map((r) => r.anchor)])])), [report]);
  const missing = at !== undefined && report.parts.length > 0 && !anchors.has(at);
  const scrolledTo = useRef<string | null>(null);

  // Deep links: `?at=<anchor>` scrolls to a part, chapter or recommendation once it is there.
  useEffect(() => {
    if (!at) {
      scrolledTo.current = null;
      return;
    }
    const target = document.getElementById(at);
    if (!target || scrolledTo.current === at) {
      return;
    }
    // After the browser has laid out the new address (a layout change would undo an early scroll).
    const frame = requestAnimationFrame(() => {
      scrolledTo.current = at;
      target.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [at, anchors]);

  const closeOnNarrow = (): void => {
    scrolledTo.current = null;
    if (!window.matchMedia(WIDE).matches) {
      setTocOpen(false);
    }
  };
  const edition = t('report.read.stand', { date: report.meta.date ? date(report.meta.date) : t('report.read.noDate'), version: report.meta.version });

  return (
    <div className={styles.reader} data-testid="report-reader">
      <header className={styles.masthead}>
        <p className={styles.kicker}>Kreis Pinneberg · Sozialplanung</p>
        <h1>{report.meta.title}</h1>
        <p className={styles.edition}>
          Fokusbericht {report.meta.year} · {edition}
        </p>
        <div className={styles.mastheadTools}>
          <SyncStatusBadge connection={connection} />
          {permissions.canEditReport && !archived && (
            <Link to="/report" className="btn btn-ghost btn-sm">
              {t('report.openEditing')}
            </Link>
          )}
          <Link to="/report/archive" className="btn btn-ghost btn-sm">
            {t('report.archive.link')}
          </Link>
        </div>
        {archived && (
          <p className={styles.archiveNote} role="note">
            {t('report.read.archiveNote')}
          </p>
        )}
        <ExportButtons exporter={exporter} />
      </header>
      <div className={styles.layout}>
        <aside className={styles.aside}>
          <details className={styles.tocBox} open={tocOpen} onToggle={(e) => setTocOpen(e.currentTarget.open)}>
            <summary className={styles.tocSummary}>{t('report.read.showToc')}</summary>
            <div role="search" className={styles.search}>
              <label htmlFor="report-search" className={styles.searchLabel}>
                {t('report.read.search')}
              </label>
              <input id="report-search" type="search" className={styles.searchInput} value={query} placeholder={t('report.read.searchPlaceholder')} onChange={(e) => setQuery(e.target.value)} />
              {query.trim() !== '' && (
                <>
                  <p className={styles.searchStatus} role="status">
                    {results.length === 0 ? t('report.read.noResults', { query: query.trim() }) : t('report.read.results', { count: results.length })}
                  </p>
                  <ul className={styles.results} data-testid="search-results">
                    {results.map((r) => (
                      <li key={r.anchor}>
                        <Link to="/report/$year/read" params={{ year: String(year) }} search={{ at: r.anchor }} onClick={closeOnNarrow}>
                          <span className={styles.num}>{r.number}</span> {r.title}
                        </Link>
                        <span className={styles.excerpt}>{r.excerpt}</span>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
            <nav aria-label={t('report.toc')} className={styles.toc}>
              <ol>
                {report.parts.map((part) => (
                  <li key={part.id}>
                    <Link to="/report/$year/read" params={{ year: String(year) }} search={{ at: part.anchor }} onClick={closeOnNarrow} className={styles.tocPart} aria-current={at === part.anchor ? 'location' : undefined}>
                      <span className={styles.num}>{part.number}</span> {part.title}
                    </Link>
                    <ol>
                      {part.chapters.map((c) => (
                        <li key={c.id}>
                          <Link to="/report/$year/read" params={{ year: String(year) }} search={{ at: c.anchor }} onClick={closeOnNarrow} aria-current={at === c.anchor ? 'location' : undefined}>
                            <span className={styles.num}>{c.number}</span> {c.title}
                          </Link>
                        </li>
                      ))}
                    </ol>
                  </li>
                ))}
              </ol>
            </nav>
          </details>
        </aside>
        <article className={styles.document} aria-labelledby="report-title">
          <h2 id="report-title" className="visually-hidden">
            {report.meta.title}
          </h2>
          {missing && (
            <p className={styles.note} role="alert">
              {t('report.read.notFound')}
            </p>
          )}
          {report.notes.map((n) => (
            <p key={n} className={styles.note} role="note">
              {n}
            </p>
          ))}
          {report.parts.map((part) => (
            <section key={part.id} className={styles.part} id={part.anchor} aria-labelledby={`${part.anchor}-h`} tabIndex={-1}>
              <h2 id={`${part.anchor}-h`} className={styles.partTitle}>
                <span className={styles.partNum}>{t('report.read.part', { n: part.number })}</span>
                {part.title}
              </h2>
              {part.chapters.map((c) => (
                <Chapter key={c.id} chapter={c} />
              ))}
            </section>
          ))}
          <section className={styles.imprint} aria-labelledby="impressum-h">
            <h2 id="impressum-h">{t('report.read.imprint')}</h2>
            <p>
              {report.meta.title} · {edition}
            </p>
            <p>{t('report.read.publisher')}</p>
            <h3>{t('report.read.sources')}</h3>
            <ul>
              {report.attributions.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          </section>
        </article>
      </div>
    </div>
  );
}
