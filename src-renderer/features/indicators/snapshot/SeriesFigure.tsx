import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { IndicatorSeries, RegionLevel } from '../../../../shared/indicators/types';
import { useMessages } from '../../../i18n/i18n';
import { messages } from '../messages';
import { formatFixed, indicatorDecimals, periodFormat } from '../numbers';
import { flagSign, toTable, type SeriesTable } from './series';
import { paletteColor, tokenValue } from '../../../ui/tokens';
import styles from '../indicators.module.css';

/** Series colours (tokens --series-color-N): distinguishable, and each ≥ 3:1 against white (WCAG 1.4.11). */
const SERIES = '--series-color-';
/** More lines than this make a chart unreadable; the table still has every region. */
const MAX_CHART_SERIES = 8;
/** Regions far larger than a municipality: drawn in their own panel as an index, never beside Elmshorn. */
const WIDE: readonly RegionLevel[] = ['kreis', 'land', 'country'];

/** A value to mark in a ranking, e.g. the Kreis as a whole. */
export interface Reference {
  name: string;
  value: number;
}

type Row = SeriesTable['rows'][number];

/**
 * Chart and data table of an indicator series. The table is the accessible form of the chart and
 * carries every value, including typed missing values (Zeichenerklärung). Like is compared with
 * like: municipalities and Ämter in one panel, Kreis and Land in a second one as an index (first
 * period = 100). Numbers have the indicator's fixed decimals; periods one format per indicator.
 */
export function SeriesFigure({ series, tableOnly = false, reference }: { series: IndicatorSeries; tableOnly?: boolean; reference?: Reference }): ReactNode {
  const { t, locale } = useMessages(messages);
  const table = toTable(series);
  const decimals = indicatorDecimals(series.indicator);
  const fmt = (v: number): string => formatFixed(v, decimals, locale);
  const formatValue = (v: unknown): string => (typeof v === 'number' ? fmt(v) : '');
  const formatIndex = (v: unknown): string => (typeof v === 'number' ? formatFixed(v, 1, locale) : '');
  const periods = periodFormat(series.indicator.periods.length > 0 ? [...series.indicator.periods, ...series.periods] : series.periods);
  const label = `${series.indicator.label} (${series.indicator.unit})`;
  const multiPeriod = table.periods.length > 1;
  const level = new Map(series.regions.map((r) => [r.ags, r.level]));
  const wide = table.rows.filter((r) => WIDE.includes(level.get(r.ags) ?? 'gemeinde'));
  const local = table.rows.filter((r) => !WIDE.includes(level.get(r.ags) ?? 'gemeinde'));
  const split = multiPeriod && wide.length > 0 && local.length > 0;
  const flagTitle = (flag: string | null): string | undefined => (flag ? t(`snapshot.flag.${flag}` as 'snapshot.flag.secret') : undefined);

  type ChartRow = Record<string, string | number | null>;
  const lineRows = (rows: Row[], index: boolean): ChartRow[] =>
    table.periods.map((period, i) => ({
      period: periods.label(period),
      ...Object.fromEntries(
        rows.slice(0, MAX_CHART_SERIES).map((row) => {
          const v = row.cells[i]?.value ?? null;
          const base = row.cells.find((c) => c.value !== null && c.value !== 0)?.value ?? null;
          return [row.name, v === null ? null : index ? (base === null ? null : (v / base) * 100) : v];
        }),
      ),
    }));
  const lineChart = (rows: Row[], index: boolean, offset: number): ReactNode => (
    <ResponsiveContainer width="100%" height={240}>
      <LineChart data={lineRows(rows, index)} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid stroke={tokenValue('--chart-grid')} />
        <XAxis dataKey="period" tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={index ? formatIndex : formatValue} tick={{ fontSize: 12 }} width={72} domain={index ? ['auto', 'auto'] : [0, 'auto']} />
        <Tooltip formatter={index ? formatIndex : formatValue} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {index && <ReferenceLine y={100} stroke={tokenValue('--text-muted')} strokeDasharray="4 3" />}
        {rows.slice(0, MAX_CHART_SERIES).map((row, i) => (
          <Line key={row.ags} dataKey={row.name} stroke={paletteColor(SERIES, i + offset)} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} connectNulls={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
  const barRows = table.rows.map((row) => ({ name: row.name, value: row.cells[0]?.value ?? null }));
  const firstPeriod = table.periods[0] ?? '';

  return (
    <div className="series-figure">
      {/* 'series-chart' stays a plain class too: the e2e tests leave the live chart out of document comparisons. */}
      {!tableOnly && (
        <div className={`${styles.seriesChart} series-chart`} role="img" aria-label={t('snapshot.chart', { label })}>
          {multiPeriod && !split && lineChart(table.rows, false, 0)}
          {split && (
            <div className={styles.chartPanels}>
              <div>
                <p className={styles.chartPanelTitle}>{t('snapshot.localPanel', { unit: series.indicator.unit })}</p>
                {lineChart(local, false, 0)}
              </div>
              <div>
                <p className={styles.chartPanelTitle}>{t('snapshot.indexPanel', { base: periods.label(firstPeriod) })}</p>
                {lineChart(wide, true, local.length)}
              </div>
            </div>
          )}
          {!multiPeriod && (
            <ResponsiveContainer width="100%" height={Math.max(120, table.rows.length * 24 + 48)}>
              <BarChart data={barRows} layout="vertical" margin={{ top: reference ? 24 : 8, right: 24, bottom: 8, left: 8 }}>
                <CartesianGrid stroke={tokenValue('--chart-grid')} horizontal={false} />
                <XAxis type="number" tickFormatter={formatValue} tick={{ fontSize: 12 }} />
                <YAxis type="category" dataKey="name" width={170} tick={{ fontSize: 12 }} interval={0} />
                <Tooltip formatter={formatValue} />
                <Bar dataKey="value" name={series.indicator.unit} fill={paletteColor(SERIES, 0)} isAnimationActive={false} />
                {reference && (
                  <ReferenceLine
                    x={reference.value}
                    stroke={tokenValue('--map-active')}
                    strokeWidth={2}
                    strokeDasharray="6 3"
                    label={{ value: t('snapshot.reference', { name: reference.name, value: fmt(reference.value) }), position: 'top', fontSize: 12, fill: tokenValue('--text') }}
                  />
                )}
              </BarChart>
            </ResponsiveContainer>
          )}
          {periods.stichtag && <p className={styles.chartNote}>{t('snapshot.stichtag', { day: periods.stichtag })}</p>}
        </div>
      )}
      <ScrollTable label={t('snapshot.table', { label })} hint={t('snapshot.scrollHint')}>
        <table className="data-table">
          <caption className="visually-hidden">{t('snapshot.table', { label })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('snapshot.region')}</th>
              {table.periods.map((p) => (
                <th scope="col" key={p} className="num">
                  {periods.label(p)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.ags}>
                <th scope="row">{row.name}</th>
                {row.cells.map((cell) => (
                  <td key={cell.period} className="num" title={flagTitle(cell.flag)}>
                    {cell.value === null ? <abbr title={flagTitle(cell.flag)}>{flagSign(cell.flag)}</abbr> : fmt(cell.value)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </div>
  );
}

/**
 * A table region that scrolls sideways when it does not fit, with a visible cue (a fade at the
 * edge and a hint) and the same hint for screen readers. Focusable, so keyboard users can scroll it.
 */
function ScrollTable({ label, hint, children }: { label: string; hint: string; children: ReactNode }): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') {
      return;
    }
    const check = (): void => setOverflows(el.scrollWidth > el.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return (
    <div className={styles.scrollWrap} data-overflow={overflows || undefined}>
      {overflows && <p className={styles.scrollHint}>{hint}</p>}
      <div ref={ref} className={`table-scroll ${styles.scrollCue}`} tabIndex={0} role="region" aria-label={overflows ? `${label}. ${hint}` : label}>
        {children}
      </div>
    </div>
  );
}
