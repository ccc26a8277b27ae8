import { useMemo, useState, type ReactNode } from 'react';
import type { IndicatorSnapshot } from '../../../../shared/indicators/types';
import { newId } from '../../../../shared/docs/proposal';
import { useMessages } from '../../../i18n/i18n';
import { messages } from '../messages';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { ErrorNotice, Loading } from '../../../ui/States';
import { SeriesFigure } from './SeriesFigure';
import { periodLabel } from './series';
import { useCatalogue, useSeries } from '../queries';
import styles from '../indicators.module.css';

/** Default selection: the Kreis and its largest towns, so the preview is meaningful at once. */
const DEFAULT_REGIONS = ['01056', '01056015', '01056039'];

/** Picks an indicator, regions and periods, previews the figures, and hands back a frozen snapshot. */
export function SnapshotDialog({
  open,
  onClose,
  onInsert,
  takenBy,
}: {
  open: boolean;
  onClose: () => void;
  onInsert: (snapshot: IndicatorSnapshot) => void;
  takenBy: string;
}): ReactNode {
  const { t } = useMessages(messages);
  const { catalogue, error } = useCatalogue(open);
  const [chosenId, setIndicatorId] = useState('');
  const [regions, setRegions] = useState<string[]>(DEFAULT_REGIONS);
  const [chosenPeriods, setPeriods] = useState<string[] | null>(null);
  const [filter, setFilter] = useState('');
  const [indicatorFilter, setIndicatorFilter] = useState('');

  // Until someone chooses, the catalogue's first indicator at its latest period.
  const indicatorId = chosenId || (catalogue?.indicators[0]?.id ?? '');
  const indicator = catalogue?.indicators.find((i) => i.id === indicatorId);
  const periods = chosenPeriods ?? indicator?.periods.slice(-1) ?? [];
  const validationError = regions.length === 0 ? t('snapshot.chooseRegion') : periods.length === 0 ? t('snapshot.choosePeriod') : null;

  // Only a preview of exactly the current selection may be shown or inserted.
  const { series: current, error: queryError } = useSeries(open && indicator && !validationError ? { indicatorId: indicator.id, regions, periods } : null);

  const visibleIndicators = useMemo(() => {
    const needle = indicatorFilter.trim().toLocaleLowerCase('de');
    return (catalogue?.indicators ?? []).filter((i) => !needle || `${i.label} ${i.topic ?? ''} ${i.tableCode}`.toLocaleLowerCase('de').includes(needle));
  }, [catalogue, indicatorFilter]);

  const visibleRegions = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase('de');
    return (catalogue?.regions ?? []).filter((r) => !needle || r.name.toLocaleLowerCase('de').includes(needle) || r.ags.startsWith(needle));
  }, [catalogue, filter]);

  const toggle = (list: string[], value: string, order: string[]): string[] =>
    list.includes(value) ? list.filter((v) => v !== value) : order.filter((v) => v === value || list.includes(v));

  const insert = (): void => {
    if (current) {
      onInsert({ ...current, id: newId(), takenAt: new Date().toISOString(), takenBy });
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t('snapshot.dialogTitle')}
      wide
      footer={
        <>
          <Button onClick={onClose}>{t('snapshot.cancel')}</Button>
          <Button variant="primary" onClick={insert} disabled={!current}>
            {t('snapshot.insert')}
          </Button>
        </>
      }
    >
      {(error ?? queryError) && <ErrorNotice>{error ?? queryError}</ErrorNotice>}
      {!catalogue && !error && <Loading label={t('snapshot.loading')} />}
      {catalogue && (
        <div className={styles.snapshotPicker}>
          <div className="picker-controls">
            <fieldset className="field">
              <legend className="field-label">{t('snapshot.indicator')}</legend>
              <input
                type="search"
                className="input"
                placeholder={t('browser.search')}
                aria-label={t('browser.search')}
                value={indicatorFilter}
                onChange={(e) => setIndicatorFilter(e.target.value)}
              />
              {/* Radio buttons, not a <select>: long names wrap instead of being cut (an iPad's picker cuts them). */}
              <div className={styles.indicatorChoices} data-testid="indicator-choices">
                {visibleIndicators.length === 0 && <p className="muted">{t('browser.noMatch')}</p>}
                {visibleIndicators.map((i) => (
                  <label key={i.id} className={styles.indicatorChoice}>
                    <input
                      type="radio"
                      name="snapshot-indicator"
                      value={i.id}
                      checked={i.id === indicatorId}
                      onChange={() => {
                        setIndicatorId(i.id);
                        const kept = periods.filter((p) => i.periods.includes(p));
                        setPeriods(kept.length > 0 ? kept : i.periods.slice(-1));
                      }}
                    />
                    <span>
                      <span className={styles.indicatorChoiceName}>{i.label}</span>{' '}
                      <span className={styles.indicatorChoiceMeta}>
                        {[i.unit, ...(i.tableCodes ?? [i.tableCode])].map((x, k) => (
                          <span key={x} className={styles.nowrap}>
                            {k === 0 ? x : ` · ${x}`}
                          </span>
                        ))}
                      </span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            {indicator && <p className="field-hint">{indicator.definition}</p>}

            <fieldset className="field">
              <legend className="field-label">{t('snapshot.periods')}</legend>
              <div className={styles.chipList}>
                {indicator?.periods.map((p) => (
                  <label key={p} className={styles.chip}>
                    <input type="checkbox" checked={periods.includes(p)} onChange={() => setPeriods(toggle(periods, p, indicator.periods))} />
                    {periodLabel(p)}
                  </label>
                ))}
              </div>
            </fieldset>

            <fieldset className="field">
              <legend className="field-label">{t('snapshot.regions')}</legend>
              <input
                type="search"
                className="input"
                placeholder={t('snapshot.filterRegions')}
                aria-label={t('snapshot.filterRegions')}
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
              />
              <div className={styles.regionList}>
                {visibleRegions.map((r) => (
                  <label key={r.ags} className={styles.regionOption} data-level={r.level}>
                    <input
                      type="checkbox"
                      checked={regions.includes(r.ags)}
                      onChange={() => setRegions(toggle(regions, r.ags, catalogue.regions.map((x) => x.ags)))}
                    />
                    <span>{r.name}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          </div>
          <section className={styles.pickerPreview} aria-label={t('snapshot.preview')}>
            <h3>{t('snapshot.preview')}</h3>
            {validationError ? <p className="muted">{validationError}</p> : current ? <SeriesFigure series={current} /> : <Loading label={t('status.loading')} />}
          </section>
        </div>
      )}
    </Dialog>
  );
}
