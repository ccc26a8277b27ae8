import type { Fail } from './genesis-error';
import { isOversizedNumber, parseCell, parsePeriod, type GenesisCell } from './genesis-cells';
import { parseHeader, type GenesisHeader } from './genesis-header';
import { frontColumns, isRegionKey, isUnitLabel, leadingEmpty, type FrontColumns } from './genesis-layout';
import { parseTitle, type FieldRow, type GenesisTitle } from './genesis-title';

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

/** Receives what the body reader finds, row by row. */
export interface BodySink {
  /** The structure, once the title, header rows and first data row are read (before any row). */
  structure?(structure: BodyStructure): void;
  /** A region as it enters the hierarchy (each time its key starts a run of rows; deduplicate by key). */
  region(region: GenesisRegion): void;
  row(row: GenesisRow): void;
}

/** The structure of a table's body: title block, header, front columns. */
export interface BodyStructure {
  title: GenesisTitle;
  header: GenesisHeader;
  front: FrontColumns | null;
}

/** Rows read before the structure is known are held at most this long; then it is worked out from them. */
const MAX_HEAD_ROWS = 5000;

/**
 * Reads the lines of a GENESIS classic CSV before its footer, one at a time, so a file of any size
 * needs memory for a few rows only: the title block, the header rows (first field empty) and the
 * first data row are held until the structure is clear; after that every data row is checked and
 * handed to the sink at once. `checkDuplicates` keeps a set of the rows seen (the streaming import
 * leaves that to the database's primary key instead).
 */
export class GenesisBodyReader {
  private head: FieldRow[] | null = [];
  /** Where the header phase is: 0 title, 1 header rows, 2 blank rows before the first data row. */
  private phase = 0;
  private structureOf: BodyStructure | null = null;
  private readonly stack: { key: string; indent: number }[] = [];
  private readonly seen: Set<string> | null;
  private readonly rowPeriods = new Set<string>();
  private needsRowPeriod = false;
  rows = 0;

  constructor(
    private readonly fail: Fail,
    private readonly sink: BodySink,
    checkDuplicates = true,
  ) {
    this.seen = checkDuplicates ? new Set() : null;
  }

  /** The next line (split into fields) before the footer. */
  push(row: FieldRow): void {
    const head = this.head;
    if (head === null) {
      this.data(row);
      return;
    }
    head.push(row);
    if (head.length > 1 && this.advance(row) || head.length >= MAX_HEAD_ROWS) {
      this.resolve();
    }
  }

  /** After the last line before the footer: the structure (worked out now if the file was too short to tell). */
  end(): BodyStructure {
    if (this.head !== null) {
      this.resolve();
    }
    if (!this.structureOf) {
      throw new Error('GenesisBodyReader: no structure');
    }
    return this.structureOf;
  }

  /** Periods named in the rows (period column), in file order. */
  get periodsInRows(): ReadonlySet<string> {
    return this.rowPeriods;
  }

  /** Whether `row` (just added after the first line) ends the header phase: it is the first data row. */
  private advance(row: FieldRow): boolean {
    const first = (row.cells[0] ?? '').trim();
    if (this.phase === 0) {
      if (first !== '' && !row.cells.slice(1).some((c) => c.trim() !== '')) {
        return false;
      }
      this.phase = 1;
    }
    if (this.phase === 1) {
      if (first === '' && !isBlank(row)) {
        return false;
      }
      this.phase = 2;
    }
    return !isBlank(row);
  }

  /** Works out the structure from the rows held (as the whole-file parser did), then reads their data rows. */
  private resolve(): void {
    const rows = this.head ?? [];
    this.head = null;
    const fail: Fail = this.fail;
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
    this.structureOf = { title, header, front };
    this.needsRowPeriod = header.columns.some((c) => c.period === null);
    this.sink.structure?.(this.structureOf);
    for (const row of rows.slice(headerEnd)) {
      this.data(row);
    }
  }

  /**
   * One data row: the front columns (region key and name, and where the table has them a period,
   * row dimensions and a unit), then one cell per value column.
   */
  private data(row: FieldRow): void {
    const s = this.structureOf;
    const front = s?.front;
    if (!s || !front || isBlank(row)) {
      return;
    }
    const fail: Fail = this.fail;
    const { width, columns, keyColumns: k } = s.header;
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
      this.rowPeriods.add(p);
    }
    if (this.needsRowPeriod && period === null && s.title.period === null) {
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
    const stack = this.stack;
    if (stack[stack.length - 1]?.key !== key) {
      while (stack.length > 0 && (stack[stack.length - 1]?.indent ?? 0) >= indent) {
        stack.pop();
      }
      const parentKey = stack[stack.length - 1]?.key ?? null;
      stack.push({ key, indent });
      this.sink.region({ key, name: rawName.trim(), indent, parentKey });
    }
    if (this.seen) {
      const id = `${period ?? ''}|${key}|${dims.join('|')}|${unit ?? ''}`;
      if (this.seen.has(id)) {
        fail(line, 'duplicate', duplicateMessage(key, dims).de, duplicateMessage(key, dims).en);
      }
      this.seen.add(id);
    }
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
    this.rows++;
    this.sink.row({ line, regionKey: key, period, ...(dims.length > 0 ? { dims } : {}), ...(unit !== null ? { unit } : {}), cells: values });
  }
}

/** The message for a row that appears twice. */
export function duplicateMessage(key: string, dims: readonly string[]): { de: string; en: string } {
  const what = dims.length > 0 ? ` (${dims.join(', ')})` : '';
  return { de: `Region ${key}${what} steht doppelt in der Tabelle.`, en: `region ${key}${what} appears twice in the table.` };
}

function isBlank(row: FieldRow | undefined): boolean {
  return !row || row.cells.every((c) => c.trim() === '');
}
