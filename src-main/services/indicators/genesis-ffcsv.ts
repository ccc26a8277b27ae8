import { isRealDate, parseCell, parsePeriod, type GenesisCell } from './genesis-cells';
import type { GenesisRegion, GenesisRow, GenesisTable } from './genesis-csv';
import { failFor, type Fail } from './genesis-error';
import { splitFields } from './genesis-fields';
import { DL_DE_BY_2_0 } from './genesis-footer';
import type { GenesisColumn } from './genesis-header';
import { decodeLines } from './genesis-text';
export { looksLikeFlatFile } from '../../../shared/indicators/flat-file';

/** Options for parseGenesisFlatFile. */
export interface FlatFileOptions {
  fileName?: string;
  /** The flat file carries no Stand: give it (ISO date or date-time), else the import date is used. */
  stand?: string;
}

/** Codes of the regional variables of GENESIS (Deutschland, Länder, Regierungsbezirke, Kreise, Gemeinden …). */
const REGIONAL = /^(DINSG|DLAND|REGBEZ|KREISE|GEMEIN|GVBAND|GEO\w*)$/;
const REGION_KEY = /^(?:[A-Z]{2}|\d{1,12})$/;
const REQUIRED = ['statistics_code', 'statistics_label', 'time', 'value', 'value_unit', 'value_variable_code', 'value_variable_label'] as const;
const STAND = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2})?$/;


/** A time value of the flat file as a period: "2015-12-31", "31.12.2015" or "2015". */
function periodOf(raw: string): string | undefined {
  const text = raw.trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? (isIsoDate(text) ? text : undefined) : parsePeriod(text);
}

/** Whether "YYYY-MM-DD…" starts with a date that exists. */
function isIsoDate(text: string): boolean {
  return isRealDate(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
}

/**
 * Parses a GENESIS flat file (ffcsv: one value per line, columns statistics_code, time,
 * N_variable_code/_label/_attribute_code/_attribute_label, value, value_unit, value_variable_code …)
 * into the same table shape as the classic CSV. The regional variable (GEMEIN, KREISE, …) gives the
 * region; the other variables' attribute labels form the variable path ("Insgesamt" where a
 * variable is summed over), led by the value variable's label when the file has more than one.
 * Throws GenesisParseError naming line and reason.
 */
export function parseGenesisFlatFile(bytes: Uint8Array, options: FlatFileOptions = {}): GenesisTable {
  const fail: Fail = failFor(options.fileName);
  const { lines, encoding, lineEnding } = decodeLines(bytes, fail);
  const header = splitFields(lines[0] ?? '').map((h) => h.trim());
  const col = new Map(header.map((h, i) => [h, i]));
  const missing = REQUIRED.filter((h) => !col.has(h));
  if (missing.length > 0) {
    fail(1, 'columns', `Kopfzeile ohne Spalte(n) ${missing.join(', ')}.`, `header line lacks column(s) ${missing.join(', ')}.`);
  }
  const variables: number[] = [];
  for (let k = 1; col.has(`${k}_variable_code`); k++) {
    if (!col.has(`${k}_variable_attribute_code`) || !col.has(`${k}_variable_attribute_label`)) {
      fail(1, 'columns', `Zu ${k}_variable_code fehlen die Spalten der Ausprägung (attribute_code/label).`, `${k}_variable_code lacks its attribute columns (attribute_code/label).`);
    }
    variables.push(k);
  }
  if (variables.length === 0) {
    fail(1, 'columns', 'Keine Spalte 1_variable_code – keine GENESIS-Flatfile-Datei.', 'no 1_variable_code column – not a GENESIS flat file.');
  }
  const stand = options.stand ?? new Date().toISOString().slice(0, 10);
  if (!STAND.test(stand) || !isIsoDate(stand)) {
    fail(1, 'stand', `Stand „${stand}“ ist kein Datum (JJJJ-MM-TT).`, `Stand "${stand}" is not a date (YYYY-MM-DD).`);
  }

  const get = (cells: readonly string[], name: string): string => (cells[col.get(name) ?? -1] ?? '').trim();
  interface Record_ {
    line: number;
    region: string;
    regionName: string;
    period: string;
    valueVariable: string;
    valueLabel: string;
    attributes: string[];
    unit: string;
    cell: GenesisCell;
  }
  const records: Record_[] = [];
  let tableCode = '';
  let title = '';
  let regional = -1;
  for (let i = 1; i < lines.length; i++) {
    const text = lines[i] ?? '';
    const line = i + 1;
    if (text.trim() === '') {
      continue;
    }
    const cells = splitFields(text);
    if (cells.length !== header.length) {
      const hint = cells.length === 1 && /[,\t]/.test(text) ? ' Falsches Trennzeichen? / wrong delimiter?' : '';
      fail(line, cells.length === 1 && hint ? 'delimiter' : 'field-count', `Erwartet ${header.length} Felder, gefunden ${cells.length}.${hint}`, `expected ${header.length} fields, found ${cells.length}.`);
    }
    const code = get(cells, 'statistics_code');
    if (tableCode === '') {
      tableCode = code;
      title = get(cells, 'statistics_label');
    } else if (code !== tableCode) {
      fail(line, 'not-genesis', `Zweite Tabelle „${code}“ in der Datei (erste: ${tableCode}).`, `a second table "${code}" in the file (first: ${tableCode}).`);
    }
    if (regional < 0) {
      regional = variables.find((k) => REGIONAL.test(get(cells, `${k}_variable_code`))) ?? -1;
      if (regional < 0) {
        fail(line, 'region-key', 'Keine regionale Variable (DINSG, DLAND, KREISE, GEMEIN …) in der Zeile.', 'no regional variable (DINSG, DLAND, KREISE, GEMEIN …) in the row.');
      }
    }
    const region = get(cells, `${regional}_variable_attribute_code`);
    if (!REGION_KEY.test(region)) {
      fail(line, 'region-key', `„${region}“ ist kein Regionalschlüssel.`, `"${region}" is not a region key.`);
    }
    const period = periodOf(get(cells, 'time'));
    if (period === undefined) {
      fail(line, 'period', `„${get(cells, 'time')}“ ist kein Zeitraum.`, `"${get(cells, 'time')}" is not a period.`);
    }
    const rawValue = get(cells, 'value');
    const cell = parseCell(rawValue === '' ? get(cells, 'value_q') : rawValue);
    if (!cell) {
      fail(line, 'cell', `Wert „${rawValue}“ ist weder eine Zahl noch ein Zeichen der Zeichenerklärung (- . ... / x).`, `value "${rawValue}" is neither a number nor a sign of the legend (- . ... / x).`);
    }
    const unit = get(cells, 'value_unit');
    if (unit === '') {
      fail(line, 'no-unit', 'Keine Einheit (value_unit).', 'no unit (value_unit).');
    }
    records.push({
      line,
      region,
      regionName: get(cells, `${regional}_variable_attribute_label`),
      period,
      valueVariable: get(cells, 'value_variable_code'),
      valueLabel: get(cells, 'value_variable_label'),
      attributes: variables.filter((k) => k !== regional).map((k) => get(cells, `${k}_variable_attribute_label`) || 'Insgesamt'),
      unit,
      cell,
    });
  }
  if (records.length === 0) {
    fail(Math.max(lines.length, 1), 'no-data', 'Keine Datenzeilen nach der Kopfzeile.', 'no data rows after the header line.');
  }

  const multipleMeasures = new Set(records.map((r) => r.valueVariable)).size > 1;
  const columns: GenesisColumn[] = [];
  const columnIndex = new Map<string, number>();
  const rows = new Map<string, GenesisRow>();
  const regions = new Map<string, GenesisRegion>();
  for (const r of records) {
    const path = multipleMeasures ? [r.valueLabel, ...r.attributes] : r.attributes.length > 0 ? r.attributes : [r.valueLabel];
    const key = JSON.stringify([path, r.unit]);
    let c = columnIndex.get(key);
    if (c === undefined) {
      c = columns.length;
      columns.push({ variable: path, period: null, unit: r.unit });
      columnIndex.set(key, c);
    }
    const rowKey = `${r.period}|${r.region}`;
    let row = rows.get(rowKey);
    if (!row) {
      row = { line: r.line, regionKey: r.region, period: r.period, cells: [] };
      rows.set(rowKey, row);
    }
    if (row.cells[c]) {
      fail(r.line, 'duplicate', `Wert für ${r.region}, ${r.period}, ${path.join(' / ')} steht doppelt in der Datei.`, `value for ${r.region}, ${r.period}, ${path.join(' / ')} appears twice.`);
    }
    row.cells[c] = r.cell;
    if (!regions.has(r.region)) {
      regions.set(r.region, { key: r.region, name: r.regionName, indent: 0, parentKey: null });
    }
  }
  // Parents from the keys: the longest other key that is a prefix (Kreis 01056 for 01056015); Länder below DG.
  const keys = [...regions.keys()].sort((a, b) => a.length - b.length);
  for (const key of keys) {
    const region = regions.get(key) as GenesisRegion;
    const prefix = keys.filter((k) => k !== key && k.length < key.length && key.startsWith(k) && k !== 'DG').pop();
    region.parentKey = prefix ?? (key !== 'DG' && regions.has('DG') ? 'DG' : null);
    region.indent = prefix ? (regions.get(prefix)?.indent ?? 0) + 2 : key === 'DG' ? 0 : 2;
  }
  const year = stand.slice(0, 4);
  const copyright = `© Statistische Ämter des Bundes und der Länder, Deutschland, ${year}.`;
  return {
    tableCode,
    title,
    titleLines: [title],
    encoding,
    lineEnding,
    lineCount: lines.length,
    columns,
    regions: keys.map((k) => regions.get(k) as GenesisRegion),
    rows: [...rows.values()],
    periods: [...new Set(records.map((r) => r.period))],
    stand,
    copyright,
    attribution: `${copyright} ${DL_DE_BY_2_0}`,
    licence: DL_DE_BY_2_0,
    notes: options.stand ? [] : ['Stand: Datum des Imports (die Flatfile-Datei enthält keinen Stand).'],
  };
}
