import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { IndicatorSeries } from '../../../../shared/indicators/types';
import { useMessages } from '../../../i18n/i18n';
import { messages } from '../messages';
import { flagSign, periodLabel, toTable } from './series';
import { paletteColor, tokenValue } from '../../../ui/tokens';
import styles from '../indicators.module.css';

/** Series colours (tokens --series-color-N): distinguishable, and each ≥ 3:1 against white (WCAG 1.4.11). */
const SERIES = '--series-color-';
/** More lines than this make a chart unreadable; the table still has every region. */
const MAX_CHART_SERIES = 8;

/**
 * Chart and data table of an indicator series. The table is the accessible form of the chart and
 * carries every value, including typed missing values (Zeichenerklärung).
 */
export function SeriesFigure({ series, tableOnly = false }: { series: IndicatorSeries; tableOnly?: boolean }): ReactNode {
  const { t, number } = useMessages(messages);
  const table = toTable(series);
  const label = `${series.indicator.label} (${series.indicator.unit})`;
  const multiPeriod = table.periods.length > 1;
  type ChartRow = Record<string, string | number | null>;
  const chartRows: ChartRow[] = multiPeriod
    ? table.periods.map((period, i) => ({
        period: periodLabel(period),
        ...Object.fromEntries(table.rows.slice(0, MAX_CHART_SERIES).map((row) => [row.name, row.cells[i]?.value ?? null])),
      }))
    : table.rows.map((row) => ({ name: row.name, value: row.cells[0]?.value ?? null }));
  const formatValue = (v: unknown): string => (typeof v === 'number' ? number(v) : '');
  const flagTitle = (flag: string | null): string | undefined =>
    flag ? t(`snapshot.flag.${flag}` as 'snapshot.flag.secret') : undefined;

  return (
    <div className="series-figure">
      {/* 'series-chart' stays a plain class too: the e2e tests leave the live chart out of document comparisons. */}
      {!tableOnly && (
      <div className={`${styles.seriesChart} series-chart`} role="img" aria-label={t('snapshot.chart', { label })}>
        <ResponsiveContainer width="100%" height={multiPeriod ? 240 : Math.max(120, table.rows.length * 28 + 40)}>
          {multiPeriod ? (
            <LineChart data={chartRows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid stroke={tokenValue('--chart-grid')} />
              <XAxis dataKey="period" tick={{ fontSize: 12 }} />
              <YAxis tickFormatter={formatValue} tick={{ fontSize: 12 }} width={72} />
              <Tooltip formatter={formatValue} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {table.rows.slice(0, MAX_CHART_SERIES).map((row, i) => (
                <Line
                  key={row.ags}
                  dataKey={row.name}
                  stroke={paletteColor(SERIES, i)}
                  strokeWidth={2}
                  dot={{ r: 3 }}
                  isAnimationActive={false}
                  connectNulls={false}
                />
              ))}
            </LineChart>
          ) : (
            <BarChart data={chartRows} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
              <CartesianGrid stroke={tokenValue('--chart-grid')} horizontal={false} />
              <XAxis type="number" tickFormatter={formatValue} tick={{ fontSize: 12 }} />
              <YAxis type="category" dataKey="name" width={150} tick={{ fontSize: 12 }} />
              <Tooltip formatter={formatValue} />
              <Bar dataKey="value" fill={paletteColor(SERIES, 0)} isAnimationActive={false} />
            </BarChart>
          )}
        </ResponsiveContainer>
      </div>
      )}
      {/* Focusable, so keyboard users can scroll wide tables (WCAG 2.1.1). */}
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('snapshot.table', { label })}>
        <table className="data-table">
          <caption className="visually-hidden">{t('snapshot.table', { label })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('snapshot.region')}</th>
              {table.periods.map((p) => (
                <th scope="col" key={p} className="num">
                  {periodLabel(p)}
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
                    {cell.value === null ? (
                      <abbr title={flagTitle(cell.flag)}>{flagSign(cell.flag)}</abbr>
                    ) : (
                      number(cell.value)
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
