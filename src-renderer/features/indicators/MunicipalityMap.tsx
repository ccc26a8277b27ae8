import { useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { IndicatorSeries } from '../../../shared/indicators/types';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';
import { flagSign, periodLabel } from './snapshot/series';
import { HELGOLAND, MUNICIPALITY_POSITIONS } from './positions';
import { paletteColor, tokenValue } from '../../ui/tokens';
import styles from './indicators.module.css';

/** Map classes: sequential blues, light to dark (tokens --map-class-1…5); every circle also has a dark outline (≥ 3:1 against white). */
const MAP_CLASS = '--map-class-';
const CLASSES = 5;
const H = 520;
const PAD = 36;
/** Room on the left for the Helgoland inset. */
const INSET = 130;

interface Point {
  ags: string;
  name: string;
  x: number;
  y: number;
  value: number | null;
  flag: string | null;
}

/** Class breaks: quintiles of the known values (upper bounds of classes 1–4). */
export function quantileBreaks(values: readonly number[], classes = CLASSES): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return Array.from({ length: classes - 1 }, (_, i) => sorted[Math.min(sorted.length - 1, Math.floor(((i + 1) * sorted.length) / classes))] ?? 0);
}

function classOf(value: number, breaks: readonly number[]): number {
  const i = breaks.findIndex((b) => value < b);
  return i < 0 ? breaks.length : i;
}

/**
 * The municipalities placed by their approximate position and coloured by value (five quantile
 * classes with a legend). One tab stop; arrow keys move from municipality to municipality and the
 * focused one is read out. The data table next to it carries every value.
 */
export function MunicipalityMap({ series }: { series: IndicatorSeries }): ReactNode {
  const { t, number } = useMessages(messages);
  const period = series.periods[0] ?? '';
  const { points, width } = useMemo((): { points: Point[]; width: number } => {
    const onLand = Object.entries(MUNICIPALITY_POSITIONS).filter(([ags]) => ags !== HELGOLAND);
    const lats = onLand.map(([, p]) => p[0]);
    const lons = onLand.map(([, p]) => p[1]);
    const [minLat, maxLat, minLon, maxLon] = [Math.min(...lats), Math.max(...lats), Math.min(...lons), Math.max(...lons)];
    const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    const scale = (H - 2 * PAD) / (maxLat - minLat);
    const byAgs = new Map(series.values.map((v) => [v.ags, v]));
    const placed = series.regions.flatMap((r) => {
      const pos = MUNICIPALITY_POSITIONS[r.ags];
      const v = byAgs.get(r.ags);
      if (!pos) {
        return [];
      }
      const [x, y] = r.ags === HELGOLAND ? [64, 56] : [INSET + PAD + (pos[1] - minLon) * kx * scale, PAD + (maxLat - pos[0]) * scale];
      return [{ ags: r.ags, name: r.name, x, y, value: v?.value ?? null, flag: v?.flag ?? null }];
    });
    return { points: placed, width: INSET + 2 * PAD + (maxLon - minLon) * kx * scale };
  }, [series]);
  const order = useMemo(() => [...points].sort((a, b) => a.name.localeCompare(b.name, 'de')), [points]);
  const known = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const breaks = quantileBreaks(known);
  const [active, setActive] = useState<number | null>(null);
  const focused = active === null ? null : order[active];
  const text = (p: Point): string => `${p.name}: ${p.value === null ? `${flagSign(p.flag as never)} (${t('browser.legendSecret')})` : number(p.value)}`;

  const onKey = (e: KeyboardEvent<SVGSVGElement>): void => {
    const n = order.length;
    const step: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    if (e.key in step) {
      setActive((i) => ((i ?? -1) + (step[e.key] ?? 0) + n) % n);
    } else if (e.key === 'Home') {
      setActive(0);
    } else if (e.key === 'End') {
      setActive(n - 1);
    } else {
      return;
    }
    e.preventDefault();
  };

  const label = `${series.indicator.label} (${series.indicator.unit})`;
  const legend = breaks.length > 0 && known.length > 0 ? Array.from({ length: CLASSES }, (_, i) => {
    const color = paletteColor(MAP_CLASS, i);
    const lo = i === 0 ? Math.min(...known) : breaks[i - 1];
    const hi = i === CLASSES - 1 ? Math.max(...known) : breaks[i];
    return { color, text: `${number(lo ?? 0)} – ${number(hi ?? 0)}` };
  }) : [];

  return (
    <div className={styles.muniMap}>
      <svg
        viewBox={`0 0 ${Math.round(width)} ${H}`}
        role="img"
        aria-label={t('browser.mapLabel', { label, period: periodLabel(period) })}
        tabIndex={0}
        onKeyDown={onKey}
        onFocus={() => setActive((i) => i ?? 0)}
        data-testid="municipality-map"
      >
        <rect x={4} y={4} width={120} height={84} className={styles.mapInset} />
        <text x={12} y={24} className={styles.mapInsetLabel}>Helgoland</text>
        {points.map((p) => {
          const fill = p.value === null ? tokenValue('--map-missing') : paletteColor(MAP_CLASS, classOf(p.value, breaks));
          const isActive = focused?.ags === p.ags;
          return (
            <g key={p.ags} onMouseEnter={() => setActive(order.findIndex((o) => o.ags === p.ags))}>
              <circle cx={p.x} cy={p.y} r={isActive ? 13 : 10} fill={fill} stroke={tokenValue(isActive ? '--map-active' : '--map-outline')} strokeWidth={isActive ? 3 : 1.2} strokeDasharray={p.value === null ? '3 2' : undefined}>
                <title>{text(p)}</title>
              </circle>
            </g>
          );
        })}
        {focused && (
          <text x={Math.min(focused.x + 16, width - 200)} y={Math.max(focused.y - 14, 16)} className={styles.mapLabel}>
            {text(focused)}
          </text>
        )}
      </svg>
      <p className="map-readout" aria-live="polite">
        {focused ? text(focused) : ''}
      </p>
      <div className={styles.mapLegend} aria-label={t('browser.legend')} role="group">
        {legend.map((l) => (
          <span key={l.color} className={styles.mapLegendItem}>
            <span className={styles.mapSwatch} style={{ background: l.color }} aria-hidden="true" />
            {l.text}
          </span>
        ))}
        <span className={styles.mapLegendItem}>
          <span className={`${styles.mapSwatch} ${styles.mapSwatchSecret}`} aria-hidden="true" />
          {t('browser.legendSecret')}
        </span>
      </div>
      <p className="field-hint">{t('browser.mapNote')}</p>
    </div>
  );
}
