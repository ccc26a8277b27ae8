import { useMemo, useState, type ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { listGroups } from '../../../shared/docs/workspace';
import {
  addChapter,
  addPart,
  moveChapter,
  movePart,
  placedRecommendations,
  readOutline,
  readReportMeta,
  removeChapter,
  removePart,
  renameOutlineItem,
  startFromPrevious,
  type Outline,
  type OutlineGroup,
  type PlacedRecommendation,
  type ReportChapter,
} from '../../../shared/docs/report';
import { Fragment } from '../../../shared/schema/fragments';
import { WORKSPACE_DOC, reportDocName } from '../../../shared/sync/doc-names';
import { CollaborativeEditor } from '../../ui/editor/CollaborativeEditor';
import { useMessages } from '../../i18n/i18n';
import { useApp } from '../../state/app-context';
import { useDoc, useDocValue } from '../../sync/hooks';
import { useReadOnly, useReportStructure } from './useReportValue';
import { Button } from '../../ui/Button';
import { SyncStatusBadge } from '../../ui/SyncStatusBadge';
import type { DocConnection } from '../../sync/doc-connection';
import { archiveYears, useYearReports } from './archive';
import { DataRefreshDialog } from './DataRefresh';
import { newOutlineId, stepRecommendation } from './editing';
import { PlacedEntry, WithdrawnEntries, type EntryContext } from './PlacedEntry';
import { RenameForm } from './Renamable';
import { WhenNear } from './WhenNear';
import { messages } from './messages';
import styles from './report.module.css';

/** Rename / up / down / remove for a part or chapter: buttons, so everything works by keyboard. */
function ItemControls({ title, first, last, onRename, onStep, onRemove }: { title: string; first: boolean; last: boolean; onRename: () => void; onStep: (step: -1 | 1) => void; onRemove: (() => void) | null }): ReactNode {
  const { t } = useMessages(messages);
  return (
    <div className={styles.itemControls} role="group" aria-label={title}>
      <Button size="sm" variant="ghost" onClick={onRename}>
        {t('report.edit.rename')}
      </Button>
      <Button size="sm" variant="ghost" disabled={first} aria-label={t('report.edit.up', { title })} onClick={() => onStep(-1)}>
        ↑
      </Button>
      <Button size="sm" variant="ghost" disabled={last} aria-label={t('report.edit.down', { title })} onClick={() => onStep(1)}>
        ↓
      </Button>
      {onRemove && (
        <Button size="sm" variant="ghost" aria-label={t('report.edit.removeLabel', { title })} onClick={onRemove}>
          {t('report.edit.remove')}
        </Button>
      )}
    </div>
  );
}

function ChapterSection({
  chapter,
  number,
  first,
  last,
  connection,
  groups,
  placed,
  ctx,
}: {
  chapter: ReportChapter;
  number: string;
  first: boolean;
  last: boolean;
  connection: DocConnection;
  groups: readonly OutlineGroup[];
  placed: PlacedRecommendation[];
  ctx: EntryContext;
}): ReactNode {
  const { t } = useMessages(messages);
  const [renaming, setRenaming] = useState(false);
  const doc = connection.doc;
  const visible = placed.filter((p) => p.placement.withdrawn === null);
  const withdrawn = placed.filter((p) => p.placement.withdrawn !== null);
  return (
    <section id={`chapter-${chapter.id}`} className={styles.chapter} aria-labelledby={`chapter-h-${chapter.id}`} data-testid={`chapter-${chapter.id}`}>
      <div className={styles.itemHead}>
        {renaming ? (
          <RenameForm title={chapter.title} onSave={(title) => renameOutlineItem(doc, groups, 'chapter', chapter.id, title)} onClose={() => setRenaming(false)} />
        ) : (
          <h3 id={`chapter-h-${chapter.id}`} className={styles.chapterTitle}>
            <span className={styles.num}>{number}</span> {chapter.title}
          </h3>
        )}
        {ctx.canEdit && !renaming && (
          <ItemControls
            title={chapter.title}
            first={first}
            last={last}
            onRename={() => setRenaming(true)}
            onStep={(step) => moveChapter(doc, groups, chapter.id, chapter.partId, Math.max(0, Number(number.split('.')[1]) - 1 + step))}
            onRemove={chapter.groupId ? null : () => removeChapter(doc, groups, chapter.id)}
          />
        )}
      </div>
      <WhenNear placeholderHeight="8rem">
        <CollaborativeEditor connection={connection} field={Fragment.reportChapter(chapter.id)} label={`${t('report.chapterText')}: ${chapter.title}`} placeholder={t('report.chapterText')} editable={ctx.canEdit} allowSnapshots />
      </WhenNear>
      {visible.length === 0 && chapter.groupId ? <p className="muted">{t('report.noEntries')}</p> : null}
      {visible.map((item, i) => (
        <PlacedEntry
          key={item.entry.proposalId}
          item={item}
          chapterId={chapter.id}
          ctx={ctx}
          first={i === 0}
          last={i === visible.length - 1}
          onStep={(step) => stepRecommendation(doc, groups, chapter.id, placed, item.entry.proposalId, step, ctx.actor())}
        />
      ))}
      <WithdrawnEntries items={withdrawn} ctx={ctx} />
    </section>
  );
}

function PartSection({ part, index, count, connection, groups, placed, ctx }: { part: Outline['parts'][number]; index: number; count: number; connection: DocConnection; groups: readonly OutlineGroup[]; placed: Map<string, PlacedRecommendation[]>; ctx: EntryContext }): ReactNode {
  const { t } = useMessages(messages);
  const [renaming, setRenaming] = useState(false);
  const doc = connection.doc;
  const number = String(index + 1);
  return (
    <section className={styles.part} aria-labelledby={`part-h-${part.id}`} data-testid={`part-${part.id}`}>
      <div className={`${styles.itemHead} ${styles.partHead}`}>
        {renaming ? (
          <RenameForm title={part.title} onSave={(title) => renameOutlineItem(doc, groups, 'part', part.id, title)} onClose={() => setRenaming(false)} />
        ) : (
          <h2 id={`part-h-${part.id}`} className={styles.partTitle}>
            <span className={styles.num}>{number}</span> {part.title}
          </h2>
        )}
        {ctx.canEdit && !renaming && (
          <ItemControls
            title={part.title}
            first={index === 0}
            last={index === count - 1}
            onRename={() => setRenaming(true)}
            onStep={(step) => movePart(doc, groups, part.id, index + step)}
            onRemove={part.chapters.length === 0 ? () => removePart(doc, groups, part.id) : null}
          />
        )}
      </div>
      {part.chapters.map((chapter, c) => (
        <ChapterSection
          key={chapter.id}
          chapter={chapter}
          number={`${number}.${c + 1}`}
          first={c === 0}
          last={c === part.chapters.length - 1}
          connection={connection}
          groups={groups}
          placed={placed.get(chapter.id) ?? []}
          ctx={ctx}
        />
      ))}
      {ctx.canEdit && (
        <Button size="sm" onClick={() => addChapter(doc, groups, { id: newOutlineId('kapitel'), partId: part.id, title: t('report.edit.newChapter') })}>
          + {t('report.edit.addChapter')}
        </Button>
      )}
    </section>
  );
}

/**
 * A new year's report is empty: offers to start it from the newest earlier report's structure
 * (parts, chapters and their order; not texts, recommendations or data blocks).
 */
function StartFromPrevious({ year, connection, groups, onStarted }: { year: number; connection: DocConnection; groups: readonly OutlineGroup[]; onStarted: (from: number) => void }): ReactNode {
  const { t } = useMessages(messages);
  const years = useMemo(() => archiveYears(year - 1, 9), [year]);
  const reports = useYearReports(years, groups);
  // The newest earlier year with a report; none while a newer one is still loading.
  const previous = reports.find((r) => r.state !== 'absent');
  if (previous?.state !== 'present') {
    return null;
  }
  return (
    <section className={styles.notice} aria-labelledby="start-previous-h" data-testid="start-from-previous">
      <h2 id="start-previous-h" className="visually-hidden">
        {t('report.newYear.title', { year: String(year) })}
      </h2>
      <p>{t('report.newYear.intro', { year: String(year), previous: String(previous.year) })}</p>
      <Button
        variant="primary"
        onClick={() => {
          startFromPrevious(previous.connection.doc, connection.doc, groups);
          onStarted(previous.year);
        }}
      >
        {t('report.newYear.start', { previous: String(previous.year) })}
      </Button>
    </section>
  );
}

/** The Fokusbericht as the Stabsstelle assembles it: outline, chapter texts, placed recommendations. */
export function ReportView(): ReactNode {
  const { t } = useMessages(messages);
  const { info, permissions, user } = useApp();
  const year = info.reportYear;
  const workspace = useDoc(WORKSPACE_DOC);
  const groups = useDocValue(workspace.doc, (d) => listGroups(d).map((g) => ({ id: g.id, name: g.name })));
  const report = useDoc(reportDocName(year));
  const readOnly = useReadOnly(report);
  const canEdit = permissions.canEditReport && !readOnly;
  // Re-read only when the structure changes, not on every keystroke in a chapter text.
  const groupsKey = JSON.stringify(groups);
  const outline = useReportStructure(report.doc, groupsKey, (d) => readOutline(d, groups));
  const placed = useReportStructure(report.doc, groupsKey, (d) => [...placedRecommendations(d, groups).entries()]);
  const title = useReportStructure(report.doc, String(year), (d) => readReportMeta(d, year).title);
  const [refreshing, setRefreshing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const chapterLabels = new Map(outline.parts.flatMap((p, pi) => p.chapters.map((c, ci) => [c.id, `${pi + 1}.${ci + 1} ${c.title}`] as const)));
  const fresh = outline.isDefault && placed.every(([, list]) => list.length === 0);
  const ctx: EntryContext = {
    doc: report.doc,
    groups,
    canEdit,
    actor: () => ({ by: user.name, at: new Date().toISOString() }),
    chapters: outline.parts.flatMap((p, pi) => p.chapters.map((c, ci) => ({ id: c.id, label: `${pi + 1}.${ci + 1} ${c.title}` }))),
  };
  const placedMap = new Map(placed);
  return (
    <div className={styles.page}>
      <header className="page-header page-header-row">
        <div>
          <h1>{t('report.title', { year: String(year) })}</h1>
          <p className="muted">
            {title} · {t('report.intro')}
          </p>
        </div>
        <div className={styles.headerTools}>
          <SyncStatusBadge connection={report} />
          {canEdit && (
            <Button onClick={() => setRefreshing(true)} data-testid="data-refresh-open">
              {t('report.data.open')}
            </Button>
          )}
          <Link to="/report/archive" className="btn btn-ghost btn-md">
            {t('report.archive.link')}
          </Link>
          <Link to="/report/$year/read" params={{ year: String(year) }} className="btn btn-primary btn-md">
            {t('report.openReading')}
          </Link>
        </div>
      </header>
      <p role="status" className={notice ? styles.notice : 'visually-hidden'}>
        {notice}
      </p>
      {refreshing && (
        <DataRefreshDialog
          doc={report.doc}
          groups={groups}
          by={user.name}
          chapterLabel={(id) => chapterLabels.get(id) ?? id}
          onClose={() => setRefreshing(false)}
          onDone={(count) => setNotice(t('report.data.done', { count }))}
        />
      )}
      {canEdit && fresh && <StartFromPrevious year={year} connection={report} groups={groups} onStarted={(from) => setNotice(t('report.newYear.done', { previous: String(from) }))} />}
      {!canEdit && (
        <p className={styles.readOnly} role="note">
          {t('report.readOnlyNote')}
        </p>
      )}
      {outline.parts.map((part, i) => (
        <PartSection key={part.id} part={part} index={i} count={outline.parts.length} connection={report} groups={groups} placed={placedMap} ctx={ctx} />
      ))}
      {canEdit && (
        <Button onClick={() => addPart(report.doc, groups, { id: newOutlineId('teil'), title: t('report.edit.newPart') })}>+ {t('report.edit.addPart')}</Button>
      )}
    </div>
  );
}
