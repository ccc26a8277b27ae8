import type { Fail } from './genesis-error';
import type { FieldRow, GenesisTitle } from './genesis-title';
import { parsePeriod } from './genesis-cells';
import { leadingEmpty } from './genesis-layout';

/** One value column: what it measures (header path), for when, in which unit. */
export interface GenesisColumn {
  /** Header path, e.g. ["männlich", "unter 3 Jahre"]; label rows such as "Geschlecht" are left out. */
  variable: string[];
  /** Period from a header row or the header block; null when each data row names its period. */
  period: string | null;
  unit: string;
}

/** The column structure read from the header rows. */
export interface GenesisHeader {
  /** Number of leading columns (period?, region key, region name) before the values. */
  keyColumns: number;
  /** Total number of fields a data row has. */
  width: number;
  columns: GenesisColumn[];
}

/**
 * Reads the header rows (first field empty): an optional row of periods, rows of column labels,
 * and, when the title block names no unit and the rows do not give it (`unitsInRows`), a last row of units. Rows that repeat one label over
 * all columns (dimension names like "Geschlecht") are dropped from the paths as long as every
 * column stays distinct.
 */
export function parseHeader(rows: readonly FieldRow[], title: GenesisTitle, fail: Fail, unitsInRows = false): GenesisHeader {
  const at = rows[0]?.line ?? 1;
  if (rows.length === 0) {
    fail(at, 'header', 'Keine Kopfzeilen (Spaltenbeschriftungen) gefunden.', 'no header rows (column labels) found.');
  }
  const width = Math.max(...rows.map((r) => r.cells.length));
  const keyColumns = Math.min(...rows.map(leadingEmpty));
  if (keyColumns < 2 || keyColumns >= width) {
    fail(at, 'header', 'Kopfzeilen ohne Vorspalte (Regionalschlüssel, Name) oder ohne Wertespalten.', 'header rows without key columns (region key, name) or without value columns.');
  }
  const n = width - keyColumns;
  const grid = rows.map((r) => Array.from({ length: n }, (_, i) => (r.cells[keyColumns + i] ?? '').trim()));

  const periodRows = grid.flatMap((cells, i) => (isPeriodRow(cells) ? [i] : []));
  if (periodRows.length > 1) {
    fail(rows[periodRows[1] ?? 0]?.line ?? at, 'header', 'Mehr als eine Kopfzeile mit Zeiträumen.', 'more than one header row of periods.');
  }
  const periodRow = periodRows[0];
  const periods = grid[periodRow ?? -1]?.map((c) => parsePeriod(c) ?? null) ?? null;
  let labelRows = grid.map((_, i) => i).filter((i) => i !== periodRow);

  let units: string[];
  if (title.unit !== null || unitsInRows) {
    units = Array.from({ length: n }, () => title.unit ?? '');
  } else {
    const last = labelRows[labelRows.length - 1];
    const cells = grid[last ?? -1];
    if (last === undefined || !cells || cells.some((c) => c === '')) {
      fail(rows[last ?? 0]?.line ?? at, 'no-unit', 'Keine Einheit gefunden (weder im Titel noch als letzte Kopfzeile).', 'no unit found (neither in the title nor as the last header row).');
    }
    units = cells;
    labelRows = labelRows.slice(0, -1);
  }

  const periodOf = (col: number): string | null => periods?.[col] ?? title.period;
  const fallback = title.measure ?? title.title;
  const pathsFor = (keep: readonly number[]): string[][] =>
    Array.from({ length: n }, (_, col) => {
      const path = keep.map((r) => grid[r]?.[col] ?? '').filter((c) => c !== '');
      return path.length > 0 ? path : [fallback];
    });
  const distinct = (paths: string[][]): boolean =>
    new Set(paths.map((p, col) => JSON.stringify([periodOf(col), units[col], p]))).size === n;
  const hasEmpty = (keep: readonly number[]): boolean =>
    Array.from({ length: n }, (_, col) => keep.every((r) => (grid[r]?.[col] ?? '') === '')).some(Boolean);

  let keep = labelRows;
  for (const r of labelRows) {
    const cells = grid[r] ?? [];
    if (cells.every((c) => c !== '' && c === cells[0])) {
      const candidate = keep.filter((k) => k !== r);
      if (!hasEmpty(candidate) && distinct(pathsFor(candidate))) {
        keep = candidate;
      }
    }
  }
  const paths = pathsFor(keep);
  if (!distinct(paths)) {
    fail(at, 'header', 'Die Kopfzeilen unterscheiden die Wertespalten nicht eindeutig.', 'the header rows do not tell the value columns apart.');
  }
  return {
    keyColumns,
    width,
    columns: paths.map((variable, col) => ({ variable, period: periodOf(col), unit: units[col] ?? '' })),
  };
}

function isPeriodRow(cells: readonly string[]): boolean {
  return cells.length > 0 && cells.every((c) => parsePeriod(c) !== undefined);
}
