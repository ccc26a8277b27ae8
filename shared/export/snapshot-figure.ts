import { MISSING_FLAG_SIGNS } from '../indicators/signs';
import { sourcesOf, type IndicatorSnapshot, type IndicatorValue } from '../indicators/types';
import { esc, formatDate, formatNumber, formatPeriod } from './format';

/** Colours of the chart series (Okabe–Ito, distinguishable with colour-vision deficiencies). */
const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#8C6D1F'];

/** The figure of a snapshot as a table: rows are regions, columns periods, with the signs for gaps. */
export interface SnapshotTable {
  caption: string;
  columns: string[];
  rows: { region: string; cells: string[] }[];
  /** The missing-value signs that occur, explained. */
  legend: string[];
}

const SIGN_TEXT: Record<string, string> = {
  '.': '. = Zahlenwert unbekannt oder geheim zu halten',
  '...': '... = Angabe fällt später an',
  '/': '/ = keine Angaben, da Zahlenwert nicht sicher genug',
  x: 'x = Tabellenfach gesperrt, weil Aussage nicht sinnvoll',
};

function valueOf(snapshot: IndicatorSnapshot, ags: string, period: string): IndicatorValue | undefined {
  return snapshot.values.find((v) => v.ags === ags && v.period === period);
}

function cellText(v: IndicatorValue | undefined): string {
  if (!v) {
    return '–';
  }
  if (v.flag) {
    return MISSING_FLAG_SIGNS[v.flag];
  }
  return v.value === null ? '–' : v.value === 0 ? '-' : formatNumber(v.value);
}

/** The data table behind a chart. */
export function snapshotTable(snapshot: IndicatorSnapshot): SnapshotTable {
  const signs = new Set<string>();
  const rows = snapshot.regions.map((r) => ({
    region: r.name,
    cells: snapshot.periods.map((p) => {
      const v = valueOf(snapshot, r.ags, p);
      if (v?.flag) {
        signs.add(MISSING_FLAG_SIGNS[v.flag]);
      }
      return cellText(v);
    }),
  }));
  return {
    caption: `${snapshot.indicator.label} (${snapshot.indicator.unit})`,
    columns: snapshot.periods.map(formatPeriod),
    rows,
    legend: [...signs].map((s) => SIGN_TEXT[s] ?? s),
  };
}

/** A source's attribution with its licence (once, even if the attribution already names it). */
export function attributionText(s: { attribution: string; licence: string }): string {
  return s.attribution.includes(s.licence) ? s.attribution : `${s.attribution} (${s.licence})`;
}

/** The source line under a figure: tables, Stand, attribution and licence. */
export function sourceLine(snapshot: IndicatorSnapshot): string {
  return sourcesOf(snapshot)
    .map((s) => `Quelle: ${s.tableTitle} (${s.tableCode}), Stand ${formatDate(s.stand)}. ${attributionText(s)}`)
    .join(' · ');
}

/** Short description of what the chart shows, for alt text and the SVG's <desc>. */
export function chartDescription(snapshot: IndicatorSnapshot): string {
  const line = snapshot.periods.length >= 2 && snapshot.regions.length <= PALETTE.length;
  const regions = snapshot.regions.map((r) => r.name).join(', ');
  const periods = snapshot.periods.map(formatPeriod);
  return line
    ? `Liniendiagramm: ${snapshot.indicator.label} in ${snapshot.indicator.unit} für ${regions}, ${periods[0] ?? ''} bis ${periods[periods.length - 1] ?? ''}. Die Werte stehen in der Tabelle.`
    : `Balkendiagramm: ${snapshot.indicator.label} in ${snapshot.indicator.unit} nach Region (${regions}), ${periods[periods.length - 1] ?? ''}. Die Werte stehen in der Tabelle.`;
}

function niceMax(max: number): number {
  if (max <= 0) {
    return 1;
  }
  const mag = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (max <= step * mag) {
      return step * mag;
    }
  }
  return 10 * mag;
}

/**
 * The chart of a snapshot as an SVG string (vector graphics, readable without JavaScript): a line
 * chart over the periods for a few regions, otherwise bars of the latest period per region.
 */
export function snapshotChartSvg(snapshot: IndicatorSnapshot, id: string): string {
  const title = `${snapshot.indicator.label} (${snapshot.indicator.unit})`;
  const head = (w: number, h: number): string =>
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-labelledby="${id}-t ${id}-d" font-family="Helvetica, Arial, sans-serif" font-size="12"><title id="${id}-t">${esc(title)}</title><desc id="${id}-d">${esc(chartDescription(snapshot))}</desc>`;
  const numbers = snapshot.values.flatMap((v) => (v.value !== null && v.flag === null ? [v.value] : []));
  const min = Math.min(0, ...numbers);
  const max = niceMax(Math.max(0, ...numbers));
  if (snapshot.periods.length >= 2 && snapshot.regions.length <= PALETTE.length) {
    const w = 640;
    const h = 300;
    const left = 70;
    const right = 20;
    const top = 16;
    const bottom = 60 + 18 * Math.ceil(snapshot.regions.length / 3);
    const plotH = h - top - bottom + 60;
    const x = (i: number): number => left + (i * (w - left - right)) / Math.max(1, snapshot.periods.length - 1);
    const y = (v: number): number => top + plotH - ((v - min) / (max - min || 1)) * plotH;
    const parts: string[] = [head(w, h + 40)];
    for (let t = 0; t <= 4; t++) {
      const v = min + ((max - min) * t) / 4;
      parts.push(`<line x1="${left}" x2="${w - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ccc"/><text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" fill="#333">${esc(formatNumber(v))}</text>`);
    }
    snapshot.periods.forEach((p, i) => {
      parts.push(`<text x="${x(i).toFixed(1)}" y="${(top + plotH + 18).toFixed(1)}" text-anchor="middle" fill="#333">${esc(formatPeriod(p).replace(/^31\.12\./, ''))}</text>`);
    });
    snapshot.regions.forEach((r, ri) => {
      const color = PALETTE[ri] ?? '#000';
      const points = snapshot.periods.flatMap((p, i) => {
        const v = valueOf(snapshot, r.ags, p);
        return v && v.value !== null && v.flag === null ? [`${x(i).toFixed(1)},${y(v.value).toFixed(1)}`] : [];
      });
      if (points.length > 0) {
        parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2.5" points="${points.join(' ')}"/>`);
        for (const pt of points) {
          const [px, py] = pt.split(',');
          parts.push(`<circle cx="${px}" cy="${py}" r="3.5" fill="${color}"/>`);
        }
      }
      const lx = left + (ri % 3) * 190;
      const ly = top + plotH + 40 + Math.floor(ri / 3) * 18;
      parts.push(`<rect x="${lx}" y="${ly - 9}" width="14" height="4" fill="${color}"/><text x="${lx + 20}" y="${ly - 3}" fill="#111">${esc(r.name)}</text>`);
    });
    parts.push('</svg>');
    return parts.join('');
  }
  const period = snapshot.periods[snapshot.periods.length - 1] ?? '';
  const bar = 18;
  const gap = 6;
  const labelW = 170;
  const w = 640;
  const top = 24;
  const h = top + snapshot.regions.length * (bar + gap) + 10;
  const scale = (v: number): number => ((v - min) / (max - min || 1)) * (w - labelW - 90);
  const parts: string[] = [head(w, h), `<text x="${labelW}" y="14" fill="#333">${esc(formatPeriod(period))}</text>`];
  snapshot.regions.forEach((r, i) => {
    const v = valueOf(snapshot, r.ags, period);
    const yy = top + i * (bar + gap);
    parts.push(`<text x="${labelW - 8}" y="${yy + 13}" text-anchor="end" fill="#111">${esc(r.name.length > 26 ? `${r.name.slice(0, 25)}…` : r.name)}</text>`);
    if (v && v.value !== null && v.flag === null) {
      const bw = Math.max(1, scale(v.value) - scale(0));
      parts.push(`<rect x="${labelW + scale(0)}" y="${yy}" width="${bw.toFixed(1)}" height="${bar}" fill="${PALETTE[0]}"/><text x="${(labelW + scale(0) + bw + 6).toFixed(1)}" y="${yy + 13}" fill="#111">${esc(formatNumber(v.value))}</text>`);
    } else {
      parts.push(`<text x="${labelW + 4}" y="${yy + 13}" fill="#333">${esc(cellText(v))}</text>`);
    }
  });
  parts.push('</svg>');
  return parts.join('');
}

/** The data table as HTML (caption, column headers, row headers). */
export function snapshotTableHtml(snapshot: IndicatorSnapshot, captionPrefix: string): string {
  const t = snapshotTable(snapshot);
  const head = `<tr><th scope="col">Region</th>${t.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr>`;
  const body = t.rows.map((r) => `<tr><th scope="row">${esc(r.region)}</th>${r.cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('');
  const legend = t.legend.length > 0 ? `<p class="legend">Zeichenerklärung: ${esc(t.legend.join('; '))}</p>` : '';
  return `<table class="data"><caption>${esc(captionPrefix)}${esc(t.caption)}</caption><thead>${head}</thead><tbody>${body}</tbody></table>${legend}`;
}
