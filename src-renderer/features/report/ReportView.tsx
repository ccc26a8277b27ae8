import type { ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { listGroups } from '../../../shared/docs/workspace';
import { reportEntriesByGroup, type ReportEntry } from '../../../shared/docs/report';
import { Fragment, MapName } from '../../../shared/schema/fragments';
import { WORKSPACE_DOC, reportDocName } from '../../../shared/sync/doc-names';
import { CollaborativeEditor } from '../../ui/editor/CollaborativeEditor';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';
import styles from './report.module.css';
import { useApp } from '../../state/app-context';
import { useDoc, useDocValue, useSyncStatus } from '../../sync/hooks';
import { Badge } from '../../ui/Badge';
import { ReadOnlyDocument } from './ReadOnlyDocument';
import { SyncStatusBadge } from '../../ui/SyncStatusBadge';

function Entry({ entry }: { entry: ReportEntry }): ReactNode {
  const { t, date } = useMessages(messages);
  return (
    <article className={`card ${styles.entry}`} data-testid="report-entry" data-proposal-id={entry.proposalId}>
      <header className={styles.entryHeader}>
        <h3>{entry.title}</h3>
        <Badge tone="info">{t('report.revision', { n: entry.revision })}</Badge>
      </header>
      <ReadOnlyDocument content={entry.content} label={entry.title} />
      <footer className={`${styles.entryFooter} small muted`}>
        <span>{t('report.pushedAt', { date: date(entry.pushedAt, true), name: entry.pushedBy })}</span>
        <Link to="/group/$groupId/proposal/$proposalId" params={{ groupId: entry.groupId, proposalId: entry.proposalId }}>
          {t('report.openProposal')}
        </Link>
      </footer>
    </article>
  );
}

/** The annual report draft: one chapter per working group with the Stabsstelle's text and the pushed recommendations. */
export function ReportView(): ReactNode {
  const { t } = useMessages(messages);
  const { info, permissions } = useApp();
  const workspace = useDoc(WORKSPACE_DOC);
  const groups = useDocValue(workspace.doc, listGroups);
  const report = useDoc(reportDocName(info.reportYear));
  const reportAccess = useSyncStatus(report);
  const canEdit = permissions.canEditReport && !reportAccess.readOnly;
  const entries = useDocValue(report.doc, (d) => Object.fromEntries(reportEntriesByGroup(d)));
  const title = useDocValue(report.doc, (d) => d.getMap(MapName.meta).get('title'));
  return (
    <>
      <header className="page-header page-header-row">
        <div>
          <h1>{typeof title === 'string' ? title : t('report.title', { year: String(info.reportYear) })}</h1>
          <p className="muted">{t('report.intro')}</p>
        </div>
        <SyncStatusBadge connection={report} />
      </header>
      <nav className={`card ${styles.toc}`} aria-labelledby="toc-heading">
        <h2 id="toc-heading" className="presence-title">
          {t('report.toc')}
        </h2>
        <ol>
          {groups.map((g) => (
            <li key={g.id}>
              <a href={`#chapter-${g.id}`} onClick={(e) => { e.preventDefault(); document.getElementById(`chapter-${g.id}`)?.scrollIntoView(); }}>
                {g.name}
              </a>{' '}
              <span className="muted small">({t('report.count', { count: entries[g.id]?.length ?? 0 })})</span>
            </li>
          ))}
        </ol>
      </nav>
      {groups.map((g, i) => (
        <section key={g.id} id={`chapter-${g.id}`} className={styles.chapter} aria-labelledby={`chapter-h-${g.id}`} data-testid={`chapter-${g.id}`}>
          <h2 id={`chapter-h-${g.id}`}>
            {i + 1}. {g.name}
          </h2>
          <CollaborativeEditor connection={report} field={Fragment.reportChapter(g.id)} label={`${t('report.chapterText')}: ${g.name}`} placeholder={t('report.chapterText')} editable={canEdit} />
          {(entries[g.id] ?? []).length === 0 ? (
            <p className="muted">{t('report.noEntries')}</p>
          ) : (
            (entries[g.id] ?? []).map((entry) => <Entry key={entry.proposalId} entry={entry} />)
          )}
        </section>
      ))}
    </>
  );
}
