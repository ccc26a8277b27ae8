import type { Fail } from './genesis-error';
import type { FieldRow } from './genesis-title';
import { parsePeriod } from './genesis-cells';

/**
 * What the front columns of a GENESIS table hold (the columns left of the values, whose header
 * cells are empty): the region key and name, optionally the period, and row dimensions such as an
 * age group, a nationality or a kind of school. When the measure itself is a row dimension, the
 * last front column gives each row's unit ("Anzahl", "ha").
 */
export interface FrontColumns {
  /** Number of front columns; the values start here. */
  count: number;
  keyColumn: number;
  nameColumn: number;
  /** Column of the period, or null when the header or the title block states it. */
  periodColumn: number | null;
  /** Row dimensions, left to right. */
  dimColumns: number[];
  /** Column giving each row's unit, or null when the header or the title gives it. */
  unitColumn: number | null;
}

const REGION_KEY = /^(?:[A-Z]{2}|\d{1,12})$/;

/** Whether a text is a region key as GENESIS prints it ("DG", "01", "01056", "010560002002"). */
export function isRegionKey(text: string): boolean {
  return REGION_KEY.test(text);
}

const UNIT =
  /^(?:(?:\d+|Tsd\.|Mill\.|Mio\.|Mrd\.)\s+)?(?:Anzahl|Personen|Prozent|%|‰|EUR|Euro|DM|qm|m²|m³|cbm|qkm|km²|km|ha|a|t|kg|GV|MJ|kWh|MWh|GWh|Std\.|Jahre|Tage|Betten|1000)$/;

/** Whether a text is a unit as GENESIS prints it ("Anzahl", "Tsd. EUR", "1000 qm", "ha"). */
export function isUnitLabel(text: string): boolean {
  return UNIT.test(text.trim());
}

/** Number of leading empty fields of a header row. */
export function leadingEmpty(row: FieldRow): number {
  const i = row.cells.findIndex((c) => c.trim() !== '');
  return i < 0 ? row.cells.length : i;
}

/**
 * Works out the front columns from the header rows (their common run of empty leading fields) and
 * the first data row: the region key is the first front field that is a key and not a period, the
 * name follows it, a front field that reads as a period is the period column, the rest are row
 * dimensions. `unitsNamed` says whether the title or the header already names the units; if not,
 * a last row dimension holding a unit is the unit column.
 */
export function frontColumns(header: readonly FieldRow[], first: FieldRow, unitsNamed: boolean, fail: Fail): FrontColumns {
  const count = Math.min(...header.map(leadingEmpty));
  const cells = first.cells.slice(0, count).map((c) => c.trim());
  const keyColumn = cells.findIndex((c, i) => i + 1 < count && isRegionKey(c) && parsePeriod(c) === undefined);
  if (keyColumn < 0) {
    fail(
      first.line,
      'region-key',
      `Kein Regionalschlüssel in den ersten ${count} Spalten der ersten Datenzeile.`,
      `no region key in the first ${count} columns of the first data row.`,
    );
  }
  const nameColumn = keyColumn + 1;
  let periodColumn: number | null = null;
  const dimColumns: number[] = [];
  cells.forEach((c, i) => {
    if (i === keyColumn || i === nameColumn) {
      return;
    }
    if (periodColumn === null && parsePeriod(c) !== undefined) {
      periodColumn = i;
    } else if (i < keyColumn) {
      fail(first.line, 'period', `Spalte ${i + 1}: „${c}“ ist kein Zeitraum.`, `column ${i + 1}: "${c}" is not a period.`);
    } else {
      dimColumns.push(i);
    }
  });
  let unitColumn: number | null = null;
  const last = dimColumns[dimColumns.length - 1];
  if (!unitsNamed && last !== undefined && isUnitLabel(cells[last] ?? '')) {
    unitColumn = last;
    dimColumns.pop();
  }
  return { count, keyColumn, nameColumn, periodColumn, dimColumns, unitColumn };
}
