import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type * as Y from 'yjs';
import { applyDataRefresh, planDataRefresh, type DataRefreshItem, type OutlineGroup } from '../../../shared/docs/report';
import { newId } from '../../../shared/docs/proposal';
import { MISSING_FLAG_SIGNS } from '../../../shared/indicators/signs';
import { formatPeriod } from '../../../shared/export/format';
import type { CellChange } from '../../../shared/indicators/snapshot-diff';
import { api } from '../../api/client';
import { useMessages } from '../../i18n/i18n';
import { Button } from '../../ui/Button';
import { CellChangesTable } from '../../ui/CellChangesTable';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice, Loading } from '../../ui/States';
import { messages } from './messages';
import styles from './report.module.css';

/** The indicator cache through the host contract, for planning the refresh. */
const reader = {
  vintages: (tableCode: string) => api.indicators.vintages({ tableCode }),
  query: (query: Parameters<typeof api.indicators.query>[0]) => api.indicators.query(query),
};

function Changes({ item }: { item: DataRefreshItem }): ReactNode {
  const { t, number } = useMessages(messages);
  const show = (cell: CellChange['before']): string => (cell === null ? '–' : cell.value === null ? (cell.flag ? MISSING_FLAG_SIGNS[cell.flag] : '–') : number(cell.value, 2));
  if (item.changes.length === 0) {
    return <p className="small muted">{t('report.data.noValueChange')}</p>;
  }
  return (
    <details className={styles.dataChanges}>
      <summary>{t('report.data.changedValues', { count: item.changes.length })}</summary>
      <CellChangesTable
        changes={item.changes}
        label={t('report.data.changesOf', { label: item.before.indicator.label })}
        labels={{ region: t('report.data.region'), period: t('report.data.period'), before: t('report.data.before'), after: t('report.data.after') }}
        period={formatPeriod}
        cell={show}
      />
    </details>
  );
}

/**
 * "Daten aktualisieren" for the whole report: checks every data block of the chapter texts against
 * the newest Stand of the indicator cache, shows per block what changes, and replaces the chosen
 * blocks in one step (one transaction, so collaborators see one change). Nothing changes before
 * the confirmation; recommendations keep the figures of their working group's text.
 */
export function DataRefreshDialog({ doc, groups, chapterLabel, by, onClose, onDone }: { doc: Y.Doc; groups: readonly OutlineGroup[]; chapterLabel: (id: string) => string; by: string; onClose: () => void; onDone: (count: number) => void }): ReactNode {
  const { t, date } = useMessages(messages);
  const plan = useQuery({
    queryKey: ['report', 'data-refresh', doc.guid],
    queryFn: () => planDataRefresh(doc, groups, reader, { by, at: new Date().toISOString(), newId }),
    gcTime: 0,
    staleTime: 0,
    retry: false,
  });
  const [skipped, setSkipped] = useState<ReadonlySet<string>>(new Set());
  const items = plan.data?.items ?? [];
  const chosen = items.filter((i) => !skipped.has(i.snapshotId));
  const toggle = (id: string): void =>
    setSkipped((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) {
        next.add(id);
      }
      return next;
    });
  return (
    <Dialog
      open
      wide
      onClose={onClose}
      title={t('report.data.title')}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          {items.length > 0 && (
          <Button
            variant="primary"
            disabled={chosen.length === 0}
            onClick={() => {
              onDone(applyDataRefresh(doc, groups, new Map(chosen.map((i) => [i.snapshotId, i.after]))));
              onClose();
            }}
          >
            {t('report.data.apply', { count: chosen.length })}
          </Button>
          )}
        </>
      }
    >
      {plan.error && <ErrorNotice>{plan.error.message}</ErrorNotice>}
      {plan.isPending && <Loading label={t('report.data.checking')} />}
      {plan.data && (
        <div data-testid="data-refresh">
          <p role="status">
            {plan.data.checked === 0
              ? t('report.data.noBlocks')
              : items.length === 0
                ? t('report.data.allCurrent', { count: plan.data.checked })
                : t('report.data.found', { count: items.length, checked: String(plan.data.checked) })}
          </p>
          {plan.data.failed.length > 0 && (
            <ErrorNotice>
              {t('report.data.failed')} {plan.data.failed.map((f) => `${f.label} (${chapterLabel(f.chapterId)}): ${f.reason}`).join('; ')}
            </ErrorNotice>
          )}
          <ul className={styles.dataList}>
            {items.map((item) => (
              <li key={item.snapshotId} className={styles.dataItem} data-testid="data-refresh-item">
                <label className={styles.dataChoice}>
                  <input type="checkbox" checked={!skipped.has(item.snapshotId)} onChange={() => toggle(item.snapshotId)} />
                  <span>
                    <strong>{item.before.indicator.label}</strong> <span className="muted">· {chapterLabel(item.chapterId)}</span>
                  </span>
                </label>
                <p className="small">
                  {item.newer.map((n) => t('report.data.stand', { table: n.source.tableCode, before: date(n.source.stand), after: date(n.newest) })).join(' · ')}
                </p>
                <Changes item={item} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </Dialog>
  );
}
