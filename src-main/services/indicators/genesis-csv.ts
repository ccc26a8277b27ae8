import type { MissingFlag } from '../../../shared/indicators/types';
import { failFor, type Fail } from './genesis-error';
import { decodeLines, type GenesisEncoding, type LineEnding } from './genesis-text';
import { splitFields } from './genesis-fields';
import { parseTitle, type FieldRow } from './genesis-title';
import { parseHeader, type GenesisColumn, type GenesisHeader } from './genesis-header';
import { parseFooter } from './genesis-footer';
import { isOversizedNumber, parseCell, parsePeriod, type GenesisCell } from './genesis-cells';
import { frontColumns, isRegionKey, isUnitLabel, leadingEmpty, type FrontColumns } from './genesis-layout';

/** A region as listed in the table's front column. */
export interface GenesisRegion {
  /** Official key (AGS / regional key), "DG" for Germany. */
  key: string;
  name: string;
  /** Leading spaces of the name: the hierarchy depth as printed (0 Germany, 2 Land, …). */
  indent: number;
  /** Key of the nearest row above with less indentation; null at the top. */
  parentKey: string | null;
}

/** One data row: a region (for one period, when periods are in the rows) and its cells. */
export interface GenesisRow {
  line: number;
  regionKey: string;
  /** Period given in the row itself; null when the columns carry it. */
  period: string | null;
  /** Values of the row dimensions (age group, nationality …) after the name; usually none. */
  dims?: readonly string[];
  /** Unit given in the row itself (the measure is a row dimension); null or absent: the column's. */
  unit?: string | null;
  cells: GenesisCell[];
}

/** A parsed GENESIS table: structure, rows, and the source facts from title and footer. */
export interface GenesisTable {
  tableCode: string;
  title: string;
  titleLines: string[];
  encoding: GenesisEncoding;
  lineEnding: LineEnding;
  lineCount: number;
  columns: GenesisColumn[];
  regions: GenesisRegion[];
  rows: GenesisRow[];
  /** All periods in file order. */
  periods: string[];
  stand: string;
  copyright: string;
  attribution: string;
  licence: string;
  notes: string[];
}

/** One figure with everything needed to store and cite it. */
export interface GenesisValue {
  tableCode: string;
  variable: readonly string[];
  regionKey: string;
  period: string;
  value: number | null;
  flag: MissingFlag | null;
  unit: string;
  stand: string;
  attribution: string;
}

/** Options for parseGenesisCsv. */
export interface ParseOptions {
  /** Named in error messages. */
  fileName?: string;
}

const FOOTER = /^_{3,}\s*(;\s*)*$/;

/**
 * Parses a GENESIS-Online "classic" CSV export (UTF-8 or ISO-8859-1, LF or CRLF, `;`).
 * Throws GenesisParseError naming line and reason for anything it cannot read fully.
 */
export function parseGenesisCsv(bytes: Uint8Array, options: ParseOptions = {}): GenesisTable {
  const fail = failFor(options.fileName);
  const { lines, encoding, lineEnding } = decodeLines(bytes, fail);
  const footerAt = lines.findIndex((l) => FOOTER.test(l));
  const bodyEnd = footerAt >= 0 ? footerAt : lines.length;
  const rows: FieldRow[] = lines.slice(0, bodyEnd).map((l, i) => ({ line: i + 1, cells: splitFields(l) }));

  const title = parseTitle(rows, fail);
  let headerEnd = title.end;
  while (headerEnd < rows.length && (rows[headerEnd]?.cells[0] ?? '').trim() === '' && !isBlank(rows[headerEnd])) {
    headerEnd++;
  }
  const headerRows = rows.slice(title.end, headerEnd);
  const firstData = rows.slice(headerEnd).find((r) => !isBlank(r));
  let front: FrontColumns | null = null;
  if (headerRows.length > 0 && firstData) {
    const lastHeader = headerRows[headerRows.length - 1];
    const unitRow = lastHeader ? lastHeader.cells.slice(leadingEmpty(lastHeader)).every((c) => c.trim() === '' || isUnitLabel(c)) : false;
    front = frontColumns(headerRows, firstData, title.unit !== null || unitRow, fail);
  }
  const header = parseHeader(headerRows, title, fail, front?.unitColumn !== null && front !== null);
  const data = readData(rows.slice(headerEnd), header, front, title.period, fail);

  if (footerAt < 0) {
    fail(lines.length, 'truncated', 'Die Datei endet ohne Fußzeile (Unterstriche, Quelle, Stand) – abgeschnitten?', 'the file ends without a footer (underscores, source, Stand) – truncated?');
  }
  if (data.rows.length === 0) {
    fail(footerAt + 1, 'no-data', 'Keine Datenzeilen zwischen Kopfzeilen und Fußzeile.', 'no data rows between the header and the footer.');
  }
  const footer = parseFooter(lines.slice(footerAt + 1), footerAt + 2, fail);
  const periods = new Set<string>();
  for (const c of header.columns) {
    if (c.period) {
      periods.add(c.period);
    }
  }
  for (const r of data.rows) {
    if (r.period) {
      periods.add(r.period);
    }
  }
  return {
    tableCode: title.tableCode,
    title: title.title,
    titleLines: title.lines,
    encoding,
    lineEnding,
    lineCount: lines.length,
    columns: header.columns,
    regions: data.regions,
    rows: data.rows,
    periods: [...periods],
    ...footer,
  };
}

/** What a cell measures: the column's header path followed by the row's dimensions, and its unit. */
export function variableOf(column: GenesisColumn, row: GenesisRow): { path: readonly string[]; unit: string } {
  const path = row.dims && row.dims.length > 0 ? [...column.variable, ...row.dims] : column.variable;
  return { path, unit: row.unit ?? column.unit };
}

/** Every figure of a table, one per region × column (× row period × row dimensions). */
export function* genesisValues(table: GenesisTable): Generator<GenesisValue> {
  for (const row of table.rows) {
    for (let i = 0; i < table.columns.length; i++) {
      const column = table.columns[i];
      const cell = row.cells[i];
      const period = row.period ?? column?.period;
      if (!column || !cell || !period) {
        continue;
      }
      const variable = variableOf(column, row);
      yield {
        tableCode: table.tableCode,
        variable: variable.path,
        regionKey: row.regionKey,
        period,
        value: cell.value,
        flag: cell.flag,
        unit: variable.unit,
        stand: table.stand,
        attribution: table.attribution,
      };
    }
  }
}

function isBlank(row: FieldRow | undefined): boolean {
  return !row || row.cells.every((c) => c.trim() === '');
}

interface DataPart {
  rows: GenesisRow[];
  regions: GenesisRegion[];
}

/**
 * Reads the data rows: the front columns (region key and name, and where the table has them a
 * period, row dimensions and a unit), then one cell per value column. Without front columns
 * (no header or no data) only the structure is checked by the callers.
 */
function readData(rows: readonly FieldRow[], header: GenesisHeader, front: FrontColumns | null, titlePeriod: string | null, fail: Fail): DataPart {
  const { width, columns } = header;
  const k = header.keyColumns;
  const needsRowPeriod = columns.some((c) => c.period === null);
  const out: GenesisRow[] = [];
  const regions = new Map<string, GenesisRegion>();
  const seen = new Set<string>();
  const stack: GenesisRegion[] = [];
  for (const row of rows) {
    if (isBlank(row) || !front) {
      continue;
    }
    const { line, cells } = row;
    if (cells.length < width || cells.slice(width).some((c) => c.trim() !== '')) {
      const hint = cells.length === 1 && /[,\t]/.test(cells[0] ?? '') ? ' Falsches Trennzeichen? / wrong delimiter?' : '';
      fail(line, cells.length === 1 && hint ? 'delimiter' : 'field-count', `Erwartet ${width} Felder, gefunden ${cells.length} – Zeile abgeschnitten?${hint}`, `expected ${width} fields, found ${cells.length} – line truncated?`);
    }
    let period: string | null = null;
    if (front.periodColumn !== null) {
      const raw = cells[front.periodColumn] ?? '';
      const p = parsePeriod(raw);
      if (p === undefined) {
        fail(line, 'period', `Spalte ${front.periodColumn + 1}: „${raw}“ ist kein Zeitraum.`, `column ${front.periodColumn + 1}: "${raw}" is not a period.`);
      }
      period = p;
    }
    if (needsRowPeriod && period === null && titlePeriod === null) {
      fail(line, 'no-period', 'Kein Zeitraum: weder in den Kopfzeilen noch in der Zeile.', 'no period: neither in the header nor in the row.');
    }
    const key = (cells[front.keyColumn] ?? '').trim();
    if (!isRegionKey(key)) {
      fail(line, 'region-key', `Spalte ${front.keyColumn + 1}: „${key}“ ist kein Regionalschlüssel.`, `column ${front.keyColumn + 1}: "${key}" is not a region key.`);
    }
    const rawName = cells[front.nameColumn] ?? '';
    const indent = rawName.length - rawName.trimStart().length;
    const dims = front.dimColumns.map((i) => (cells[i] ?? '').trim());
    const unit = front.unitColumn === null ? null : (cells[front.unitColumn] ?? '').trim();
    if (unit === '') {
      fail(line, 'no-unit', `Spalte ${(front.unitColumn ?? 0) + 1}: keine Einheit.`, `column ${(front.unitColumn ?? 0) + 1}: no unit.`);
    }
    if (stack[stack.length - 1]?.key !== key) {
      while (stack.length > 0 && (stack[stack.length - 1]?.indent ?? 0) >= indent) {
        stack.pop();
      }
      const region: GenesisRegion = { key, name: rawName.trim(), indent, parentKey: stack[stack.length - 1]?.key ?? null };
      stack.push(region);
      if (!regions.has(key)) {
        regions.set(key, region);
      }
    }
    const id = `${period ?? ''}|${key}|${dims.join('|')}|${unit ?? ''}`;
    if (seen.has(id)) {
      const what = dims.length > 0 ? ` (${dims.join(', ')})` : '';
      fail(line, 'duplicate', `Region ${key}${what} steht doppelt in der Tabelle.`, `region ${key}${what} appears twice in the table.`);
    }
    seen.add(id);
    const values: GenesisCell[] = [];
    for (let i = 0; i < columns.length; i++) {
      const raw = cells[k + i] ?? '';
      const cell = parseCell(raw);
      if (!cell) {
        if (isOversizedNumber(raw)) {
          fail(line, 'cell', `Spalte ${k + i + 1}: die Zahl ist zu groß, um genau gespeichert zu werden.`, `column ${k + i + 1}: the number is too large to be stored exactly.`);
        }
        fail(line, 'cell', `Spalte ${k + i + 1}: „${raw}“ ist weder eine Zahl noch ein Zeichen der Zeichenerklärung (- . ... / x).`, `column ${k + i + 1}: "${raw}" is neither a number nor a sign of the legend (- . ... / x).`);
      }
      values.push(cell);
    }
    out.push({ line, regionKey: key, period, ...(dims.length > 0 ? { dims } : {}), ...(unit !== null ? { unit } : {}), cells: values });
  }
  return { rows: out, regions: [...regions.values()] };
}
