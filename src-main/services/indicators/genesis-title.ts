import type { Fail } from './genesis-error';
import { parsePeriod } from './genesis-cells';

/** A line split into fields, with its 1-based line number. */
export interface FieldRow {
  line: number;
  cells: string[];
}

/** What the title block (the lines before the column headers) says. */
export interface GenesisTitle {
  tableCode: string;
  /** The table's title: the title lines before "regionale Tiefe", joined. */
  title: string;
  /** Every text line of the title block as printed (without the table code line). */
  lines: string[];
  /** The measured quantity named in the title block, e.g. "Bevölkerungsstand". */
  measure: string | null;
  /** Unit named in the title block, e.g. "Anzahl" from "Bevölkerungsstand (Anzahl)". */
  unit: string | null;
  /**
   * The period of the title/header block: a line holding only a period ("31.12.2015"), a labelled
   * line ("Jahr: 2016", "Stichtag: 09.05.2011"), or else the one date the title names.
   */
  period: string | null;
  /** Index into the rows of the first row after the title block. */
  end: number;
}

const CODE = /^GENESIS-Tabelle:\s*(\S+)\s*$/;
const MEASURE_UNIT = /^(.*\S)\s+\(([^()]+)\)$/;
const DEPTH = /^regionale Tiefe:/;
/** A header line naming the period: "Jahr: 2016", "Stichtag: 09.05.2011", "Stichtag 31.12.2015". */
const LABELLED_PERIOD = /^(?:Jahr|Stichtag|Stichtage|Zeit|Zeitraum|Berichtsjahr|Erhebungsjahr|Schuljahr|Semester|Stand)\s*:?\s*(\S+)$/;
const DATE_IN_TEXT = /\b\d{2}\.\d{2}\.\d{4}\b/g;

/**
 * Reads the title block: "GENESIS-Tabelle: <code>", then lines with text only in the first field,
 * up to the first line whose first field is empty (the column headers).
 */
export function parseTitle(rows: readonly FieldRow[], fail: Fail): GenesisTitle {
  const first = rows[0];
  const code = first ? CODE.exec(first.cells.join(';').replace(/;+$/, '')) : null;
  if (!first || !code?.[1]) {
    fail(1, 'not-genesis', 'Die erste Zeile lautet nicht „GENESIS-Tabelle: <Code>“ – keine GENESIS-Tabelle.', 'the first line is not "GENESIS-Tabelle: <code>" – not a GENESIS table.');
  }
  const second = rows[1];
  if (second && second.cells.length === 1 && /[,\t|]/.test(second.cells[0] ?? '')) {
    const text = second.cells[0] ?? '';
    const sign = text.includes('\t') ? null : (/[,|]/.exec(text)?.[0] ?? '');
    fail(
      second.line,
      'delimiter',
      `Trennzeichen ist nicht „;“ (gefunden: ${sign === null ? 'Tabulator' : `„${sign}“`}).`,
      `the delimiter is not ";" (found: ${sign === null ? 'tab' : `"${sign}"`}).`,
    );
  }
  const lines: string[] = [];
  let period: string | null = null;
  let end = 1;
  for (; end < rows.length; end++) {
    const row = rows[end];
    const text = (row?.cells[0] ?? '').trim();
    if (!row || text === '' || row.cells.slice(1).some((c) => c.trim() !== '')) {
      break;
    }
    const labelled = LABELLED_PERIOD.exec(text);
    const p = parsePeriod(labelled?.[1] ?? text);
    if (p !== undefined) {
      period = p;
    } else {
      lines.push(text);
    }
  }
  // Last resort: one date named in the title itself ("… - Stichtag 09.05.2011").
  if (period === null) {
    const dates = new Set(lines.flatMap((l) => [...l.matchAll(DATE_IN_TEXT)].map((m) => parsePeriod(m[0]) ?? '')).filter((d) => d !== ''));
    period = dates.size === 1 ? ([...dates][0] ?? null) : null;
  }
  const depthAt = lines.findIndex((l) => DEPTH.test(l));
  const titleLines = depthAt >= 0 ? lines.slice(0, depthAt) : lines.slice(0, 1);
  const after = depthAt >= 0 ? lines.slice(depthAt + 1) : lines.slice(1);
  const measured = [...after].reverse().map((l) => MEASURE_UNIT.exec(l)).find((m) => m !== null);
  return {
    tableCode: code[1],
    title: titleLines.join(' ').replace(/\s+/g, ' ').trim(),
    lines,
    measure: measured?.[1] ?? null,
    unit: measured?.[2] ?? null,
    period,
    end,
  };
}
