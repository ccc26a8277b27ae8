import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { IndicatorSeries, IndicatorValue } from '../../../../shared/indicators/types';
import { MAP_ATTRIBUTION, MAP_ATTRIBUTION_URL } from '../../../../shared/geo/kreis-map';
import { useMessages } from '../../../i18n/i18n';
import { paletteColor, tokenValue } from '../../../ui/tokens';
import { messages } from '../messages';
import { formatFixed, indicatorDecimals } from '../numbers';
import { flagSign, periodLabel } from '../snapshot/series';
import { classIndex, classRanges, quantileClasses } from './classes';
import { HELGOLAND, INSET, MAP_WIDTH, mapGeometry } from './geometry';
import styles from '../indicators.module.css';

/** Sequential blues, light to dark (tokens --map-class-1…5). */
const MAP_CLASS = '--map-class-';
const CLASSES = 5;

/**
 * A choropleth of the 49 municipalities for one period: areas coloured by quantile class (legend
 * below), Amt borders and the Kreis outline, Helgoland in an inset, secret or missing values
 * hatched. Every municipality is a tab stop (in alphabetical order; arrow keys, Home and End move
 * too); focusing or tapping one shows its value in the readout – nothing depends on hovering.
 * The data table next to the map carries every value.
 */
export function KreisMap({ series }: { series: IndicatorSeries }): ReactNode {
  const { t, locale } = useMessages(messages);
  const hatchId = `hatch${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const geometry = mapGeometry();
  const decimals = indicatorDecimals(series.indicator);
  const fmt = (v: number): string => formatFixed(v, decimals, locale);
  const period = series.periods[0] ?? '';
  const unit = series.indicator.unit;

  const byAgs = new Map(series.values.filter((v) => v.period === period).map((v) => [v.ags, v]));
  const classes = quantileClasses(series.values.flatMap((v) => (v.value === null ? [] : [v.value])), CLASSES, decimals);
  const order = useMemo(() => [...geometry.shapes].sort((a, b) => a.name.localeCompare(b.name, 'de')), [geometry]);
  const [active, setActive] = useState<string | null>(null);
  const refs = useRef(new Map<string, SVGPathElement>());

  const valueText = (v: IndicatorValue | undefined): string => {
    if (v?.value === null || v === undefined) {
      const flag = v?.flag ?? 'later';
      return `${flagSign(flag)} (${t(`snapshot.flag.${flag}` as 'snapshot.flag.secret')})`;
    }
    return `${fmt(v.value)} ${unit}`;
  };
  const describe = (ags: string, name: string): string => `${name}: ${valueText(byAgs.get(ags))}`;

  const onKey = (e: KeyboardEvent<SVGPathElement>, index: number): void => {
    const n = order.length;
    const step: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    let next: number;
    if (e.key in step) {
      next = (index + (step[e.key] ?? 0) + n) % n;
    } else if (e.key === 'Home') {
      next = 0;
    } else if (e.key === 'End') {
      next = n - 1;
    } else {
      return;
    }
    e.preventDefault();
    const target = order[next];
    if (target) {
      refs.current.get(target.ags)?.focus();
    }
  };

  const ranges = classes ? classRanges(classes) : [];
  const activeShape = active ? geometry.shapes.find((s) => s.ags === active) : undefined;
  const label = `${series.indicator.label} (${unit})`;

  return (
    <figure className={styles.muniMap}>
      <svg viewBox={`0 0 ${MAP_WIDTH} ${geometry.height}`} role="group" aria-label={t('browser.mapLabel', { label, period: periodLabel(period) })} data-testid="municipality-map">
        <defs>
          <pattern id={hatchId} patternUnits="userSpaceOnUse" width={6} height={6} patternTransform="rotate(45)">
            <rect width={6} height={6} fill={tokenValue('--map-missing')} />
            <line x1={0} y1={0} x2={0} y2={6} stroke={tokenValue('--map-hatch')} strokeWidth={2} />
          </pattern>
        </defs>
        <rect x={INSET.x} y={INSET.y} width={INSET.width} height={INSET.height} className={styles.mapInset} />
        <text x={INSET.x + 8} y={INSET.y + 16} className={styles.mapInsetLabel}>
          Helgoland
        </text>
        {order.map((shape, index) => {
          const v = byAgs.get(shape.ags);
          const known = v?.value !== null && v?.value !== undefined && classes;
          const fill = known ? paletteColor(MAP_CLASS, classIndex(v.value as number, classes)) : `url(#${hatchId})`;
          return (
            <path
              key={shape.ags}
              ref={(el) => {
                if (el) {
                  refs.current.set(shape.ags, el);
                } else {
                  refs.current.delete(shape.ags);
                }
              }}
              d={shape.d}
              fill={fill}
              className={styles.mapArea}
              role="button"
              tabIndex={0}
              aria-label={describe(shape.ags, shape.name)}
              data-ags={shape.ags}
              data-missing={known ? undefined : (v?.flag ?? 'later')}
              onFocus={() => setActive(shape.ags)}
              onClick={() => setActive(shape.ags)}
              onKeyDown={(e) => onKey(e, index)}
            />
          );
        })}
        <path d={geometry.amtBorders} className={styles.mapAmtBorder} aria-hidden="true" />
        <path d={geometry.outline} className={styles.mapOutline} aria-hidden="true" />
        {activeShape && <path d={activeShape.d} className={styles.mapActive} aria-hidden="true" />}
        <g aria-hidden="true">
          {geometry.labels.map((l) => (
            <text key={l.ags} x={l.x} y={l.y} textAnchor="middle" className={styles.mapLabel}>
              {l.name}
            </text>
          ))}
          {activeShape && activeShape.ags !== HELGOLAND && !geometry.labels.some((l) => l.ags === activeShape.ags) && (
            <text x={Math.min(Math.max(activeShape.centroid[0], 60), MAP_WIDTH - 60)} y={activeShape.centroid[1]} textAnchor="middle" className={styles.mapLabel}>
              {activeShape.name}
            </text>
          )}
        </g>
      </svg>
      <p className="map-readout" aria-live="polite" data-testid="map-readout">
        {activeShape ? describe(activeShape.ags, activeShape.name) : t('browser.mapPrompt')}
      </p>
      <ul className={styles.mapLegend} aria-label={t('browser.legendTitle', { unit })}>
        {ranges.map((r, i) => (
          <li key={r.from} className={styles.mapLegendItem}>
            <span className={styles.mapSwatch} style={{ background: paletteColor(MAP_CLASS, i) }} aria-hidden="true" />
            {r.last ? t('browser.classLast', { from: fmt(r.from), to: fmt(r.to) }) : t('browser.class', { from: fmt(r.from), to: fmt(r.to) })}
          </li>
        ))}
        <li className={styles.mapLegendItem}>
          <span className={`${styles.mapSwatch} ${styles.mapSwatchSecret}`} aria-hidden="true" />
          {t('browser.legendSecret')}
        </li>
      </ul>
      <figcaption className={styles.mapCaption}>
        <span>{t('browser.mapNote')}</span>
        <span>
          {t('browser.mapSource')} <a href={MAP_ATTRIBUTION_URL} target="_blank" rel="noreferrer noopener">{MAP_ATTRIBUTION}</a>
        </span>
      </figcaption>
    </figure>
  );
}
