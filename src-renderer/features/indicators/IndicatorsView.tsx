import { useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Indicator, IndicatorSeries, Region } from '../../../shared/indicators/types';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';
import { SeriesFigure } from './snapshot/SeriesFigure';
import { periodLabel } from './snapshot/series';
import { useCatalogue, useInvalidateIndicators, useSeries } from './queries';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { ErrorNotice, Loading } from '../../ui/States';
import { ImportDialog } from './ImportDialog';
import { KreisMap } from './map/KreisMap';
import styles from './indicators.module.css';

type Tab = 'series' | 'ranking' | 'map';
const TABS: Tab[] = ['series', 'ranking', 'map'];
/** Like with like: two towns of similar size; Kreis and Land are drawn in their own panel as an index. */
const DEFAULT_COMPARE = ['01056015', '01056039', '01056', '01'];
const KREIS = '01056';

/** The indicator browser: catalogue search, time series and comparison, ranking and map of the 49 municipalities. */
export function IndicatorsView(): ReactNode {
  const { t } = useMessages(messages);
  const { catalogue, error } = useCatalogue();
  const [search, setSearch] = useState('');
  const [chosenId, setSelectedId] = useState('');
  const [tab, setTab] = useState<Tab>('series');
  const [importing, setImporting] = useState(false);
  const invalidate = useInvalidateIndicators();
  // Until someone picks one, the first indicator of the catalogue is shown.
  const selectedId = chosenId || (catalogue?.indicators[0]?.id ?? '');

  const visible = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase('de');
    return (catalogue?.indicators ?? []).filter((i) => !needle || `${i.label} ${i.topic ?? ''} ${i.definition} ${i.tableCode}`.toLocaleLowerCase('de').includes(needle));
  }, [catalogue, search]);
  const topics = [...new Set(visible.map((i) => i.topic ?? ''))];
  const indicator = catalogue?.indicators.find((i) => i.id === selectedId);

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const i = TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : undefined;
    if (next) {
      e.preventDefault();
      setTab(next);
      document.getElementById(`tab-${next}`)?.focus();
    }
  };

  return (
    <div className="indicators-view">
      <div className="page-header page-header-row">
        <div>
          <h1>{t('browser.title')}</h1>
          <p className="muted">{t('browser.intro')}</p>
        </div>
        <Button onClick={() => setImporting(true)}>{t('import.open')}</Button>
      </div>
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {!catalogue && !error && <Loading label={t('snapshot.loading')} />}
      {catalogue && (
        <div className={styles.indicatorsLayout}>
          <nav className={styles.indicatorCatalogue} aria-label={t('browser.catalogue')}>
            <input type="search" className="input" placeholder={t('browser.search')} aria-label={t('browser.search')} value={search} onChange={(e) => setSearch(e.target.value)} />
            {visible.length === 0 && <p className="muted">{t('browser.noMatch')}</p>}
            {topics.map((topic) => (
              <section key={topic} aria-label={topic}>
                <h2 className={styles.catalogueTopic}>{topic}</h2>
                <ul className={styles.catalogueList}>
                  {visible
                    .filter((i) => (i.topic ?? '') === topic)
                    .map((i) => (
                      <li key={i.id}>
                        <button type="button" className={styles.catalogueItem} aria-pressed={i.id === selectedId} onClick={() => setSelectedId(i.id)}>
                          {i.label}
                          {i.kind === 'derived' && <span className="visually-hidden"> ({t('browser.derived')})</span>}
                        </button>
                      </li>
                    ))}
                </ul>
              </section>
            ))}
          </nav>
          {indicator && (
            <section className={styles.indicatorDetail} aria-labelledby="indicator-title">
              <h2 id="indicator-title">
                {indicator.label} {indicator.kind === 'derived' && <Badge tone="info">{t('browser.derived')}</Badge>}
              </h2>
              <p className="muted">
                {t('browser.unit', { unit: indicator.unit })} · {(indicator.tableCodes ?? [indicator.tableCode]).join(', ')}
              </p>
              <details className={styles.indicatorDefinition}>
                <summary>{t('browser.definition')}</summary>
                <p>{indicator.definition}</p>
                {indicator.formula && <p>{t('snapshot.formula', { formula: indicator.formula })}</p>}
              </details>
              <div role="tablist" aria-label={t('browser.tabs')} className={styles.tabs} onKeyDown={onTabKey}>
                {TABS.map((x) => (
                  <button key={x} id={`tab-${x}`} role="tab" type="button" aria-selected={tab === x} aria-controls={`panel-${x}`} tabIndex={tab === x ? 0 : -1} onClick={() => setTab(x)} className={styles.tab}>
                    {t(`browser.tab.${x}`)}
                  </button>
                ))}
              </div>
              <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
                {tab === 'series' && <SeriesPanel key={indicator.id} indicator={indicator} regions={catalogue.regions} />}
                {tab !== 'series' && <MunicipalitiesPanel key={`${indicator.id}-${tab}`} indicator={indicator} regions={catalogue.regions} mode={tab} />}
              </div>
            </section>
          )}
        </div>
      )}
      <ImportDialog open={importing} onClose={() => setImporting(false)} onImported={invalidate} />
    </div>
  );
}

/** One municipality's time series against others, its Amt, the Kreis and the Land. */
function SeriesPanel({ indicator, regions }: { indicator: Indicator; regions: Region[] }): ReactNode {
  const { t } = useMessages(messages);
  const [chosen, setChosen] = useState<string[]>(DEFAULT_COMPARE);
  const [filter, setFilter] = useState('');
  const order = regions.map((r) => r.ags);
  const picked = order.filter((a) => chosen.includes(a));
  const { series, error } = useSeries(picked.length > 0 ? { indicatorId: indicator.id, regions: picked, periods: indicator.periods } : null);
  const needle = filter.trim().toLocaleLowerCase('de');
  const shown = regions.filter((r) => !needle || r.name.toLocaleLowerCase('de').includes(needle) || chosen.includes(r.ags));
  return (
    <div className={styles.seriesPanel}>
      <fieldset className="field compare-regions">
        <legend className="field-label">{t('browser.regions')}</legend>
        <input type="search" className="input" placeholder={t('snapshot.filterRegions')} aria-label={t('snapshot.filterRegions')} value={filter} onChange={(e) => setFilter(e.target.value)} />
        <div className={styles.regionList}>
          {shown.map((r) => (
            <label key={r.ags} className={styles.regionOption} data-level={r.level}>
              <input type="checkbox" checked={chosen.includes(r.ags)} onChange={() => setChosen((c) => (c.includes(r.ags) ? c.filter((x) => x !== r.ags) : [...c, r.ags]))} />
              <span>{r.name}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="series-result">
        {picked.length === 0 && <p className="muted">{t('snapshot.chooseRegion')}</p>}
        {error && <ErrorNotice>{error}</ErrorNotice>}
        {picked.length > 0 && !series && !error && <Loading label={t('status.loading')} />}
        {series && <SeriesFigure series={series} />}
      </div>
    </div>
  );
}

/** All 49 municipalities for one period: as a ranking (sorted bars and table) or as a map. */
function MunicipalitiesPanel({ indicator, regions, mode }: { indicator: Indicator; regions: Region[]; mode: 'ranking' | 'map' }): ReactNode {
  const { t } = useMessages(messages);
  const [period, setPeriod] = useState(indicator.periods.at(-1) ?? '');
  const municipalities = regions.filter((r) => r.level === 'gemeinde').map((r) => r.ags);
  const { series, error } = useSeries(period ? { indicatorId: indicator.id, regions: municipalities, periods: [period] } : null);
  // The Kreis as a whole, drawn as a reference line in the ranking.
  const { series: kreis } = useSeries(period && mode === 'ranking' ? { indicatorId: indicator.id, regions: [KREIS], periods: [period] } : null);
  const kreisValue = kreis?.values.find((v) => v.ags === KREIS)?.value;
  const kreisName = kreis?.regions.find((r) => r.ags === KREIS)?.name ?? 'Kreis Pinneberg';
  const ranked = useMemo((): IndicatorSeries | null => {
    if (!series) {
      return null;
    }
    const value = new Map(series.values.map((v) => [v.ags, v.value]));
    const sorted = [...series.regions].sort((a, b) => (value.get(b.ags) ?? -Infinity) - (value.get(a.ags) ?? -Infinity));
    return { ...series, regions: sorted.map((r, i) => ({ ...r, name: `${i + 1}. ${r.name}` })) };
  }, [series]);
  return (
    <div>
      <label className={`field ${styles.inlineField}`}>
        <span className="field-label">{t('browser.period')}</span>
        <select value={period} onChange={(e) => setPeriod(e.target.value)}>
          {indicator.periods.map((p) => (
            <option key={p} value={p}>
              {periodLabel(p)}
            </option>
          ))}
        </select>
      </label>
      {error && <ErrorNotice>{error}</ErrorNotice>}
      {!series && !error && <Loading label={t('status.loading')} />}
      {series && mode === 'map' && (
        <div className={styles.mapWithTable}>
          <KreisMap series={series} />
          <SeriesFigure series={series} tableOnly />
        </div>
      )}
      {ranked && mode === 'ranking' && <SeriesFigure series={ranked} reference={typeof kreisValue === 'number' ? { name: kreisName, value: kreisValue } : undefined} />}
    </div>
  );
}
