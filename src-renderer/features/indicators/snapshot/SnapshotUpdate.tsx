import { useMemo, type ReactNode } from 'react';
import { newId } from '../../../../shared/docs/proposal';
import { diffSeries, newerStands, type CellChange } from '../../../../shared/indicators/snapshot-diff';
import { sourcesOf, type IndicatorSnapshot, type SourceInfo } from '../../../../shared/indicators/types';
import { useMessages } from '../../../i18n/i18n';
import { messages } from '../messages';
import { Button } from '../../../ui/Button';
import { CellChangesTable } from '../../../ui/CellChangesTable';
import { Dialog } from '../../../ui/Dialog';
import { ErrorNotice, Loading } from '../../../ui/States';
import { flagSign, periodLabel } from './series';
import { useFreshSeries, useVintages } from '../queries';

/**
 * The newer Stände the local cache has for a snapshot's tables (empty while unknown or none).
 * Asked once per snapshot and source; the snapshot itself never changes by this.
 */
export function useNewerStands(snapshot: IndicatorSnapshot | null): { source: SourceInfo; newest: string }[] {
  const tables = useMemo(() => (snapshot ? sourcesOf(snapshot).map((s) => s.tableCode) : []), [snapshot]);
  // Offline or an old host: no vintages, no notice; the snapshot stays as it is.
  const vintages = useVintages(tables);
  return snapshot ? newerStands(snapshot, vintages) : [];
}

/**
 * Fetches the same indicator, regions and periods at the newest Stand, shows what changes
 * (old → new per cell) and, on confirmation, hands back the replacement snapshot.
 */
export function SnapshotUpdateDialog({
  snapshot,
  takenBy,
  onClose,
  onUpdate,
}: {
  snapshot: IndicatorSnapshot;
  takenBy: string;
  onClose: () => void;
  onUpdate: (next: IndicatorSnapshot) => void;
}): ReactNode {
  const { t, number } = useMessages(messages);
  const query = useMemo(() => ({ indicatorId: snapshot.indicator.id, regions: snapshot.regions.map((r) => r.ags), periods: snapshot.periods }), [snapshot]);
  const { series, error } = useFreshSeries(query, snapshot.id);
  const next = useMemo((): { snapshot: IndicatorSnapshot; changes: CellChange[] } | null => {
    if (!series) {
      return null;
    }
    const replacement: IndicatorSnapshot = {
      ...series,
      id: newId(),
      takenAt: new Date().toISOString(),
      takenBy,
      replaces: { stands: sourcesOf(snapshot).map((s) => s.stand), takenAt: snapshot.takenAt, takenBy: snapshot.takenBy },
    };
    return { snapshot: replacement, changes: diffSeries(snapshot, series) };
  }, [series, snapshot, takenBy]);

  const show = (cell: CellChange['before']): string => (cell === null ? '–' : cell.value === null ? flagSign(cell.flag) : number(cell.value, 2));

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('snapshot.updateTitle')}
      footer={
        <>
          <Button onClick={onClose}>{t('snapshot.cancel')}</Button>
          <Button variant="primary" disabled={!next} onClick={() => next && onUpdate(next.snapshot)}>
            {t('snapshot.updateConfirm')}
          </Button>
        </>
      }
    >
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {!next && !error && <Loading label={t('status.loading')} />}
      {next && next.changes.length === 0 && <p>{t('snapshot.updateNoChange')}</p>}
      {next && next.changes.length > 0 && (
        <>
          <p>{t('snapshot.updateIntro')}</p>
          <CellChangesTable
            changes={next.changes}
            label={t('snapshot.updateChanges')}
            labels={{ region: t('snapshot.region'), period: t('snapshot.updatePeriod'), before: t('snapshot.updateBefore'), after: t('snapshot.updateAfter') }}
            period={periodLabel}
            cell={show}
            testId="snapshot-diff"
          />
        </>
      )}
    </Dialog>
  );
}
