import type { MissingFlag } from '../../../shared/indicators/types';
import { failFor, type Fail } from './genesis-error';
import { decodeLines, type GenesisEncoding, type LineEnding } from './genesis-text';
import { splitFields } from './genesis-fields';
import type { GenesisColumn } from './genesis-header';
import { parseFooter } from './genesis-footer';
import { GenesisBodyReader, type GenesisRegion, type GenesisRow } from './genesis-body';

export type { GenesisRegion, GenesisRow } from './genesis-body';

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
  const footerAt = lines.findIndex((l) => isFooterLine(l));
  const bodyEnd = footerAt >= 0 ? footerAt : lines.length;
  const rows: GenesisRow[] = [];
  const regions = new Map<string, GenesisRegion>();
  const reader = new GenesisBodyReader(fail, {
    region: (r) => {
      if (!regions.has(r.key)) {
        regions.set(r.key, r);
      }
    },
    row: (r) => rows.push(r),
  });
  for (let i = 0; i < bodyEnd; i++) {
    reader.push({ line: i + 1, cells: splitFields(lines[i] ?? '') });
  }
  const { title, header } = reader.end();
  checkEnd(footerAt < 0 ? null : footerAt + 1, lines.length, rows.length, fail);
  const footer = parseFooter(lines.slice(footerAt + 1), footerAt + 2, fail);
  return {
    tableCode: title.tableCode,
    title: title.title,
    titleLines: title.lines,
    encoding,
    lineEnding,
    lineCount: lines.length,
    columns: header.columns,
    regions: [...regions.values()],
    rows,
    periods: periodsOf(header.columns, reader.periodsInRows),
    ...footer,
  };
}

/** Whether a line is the row of underscores that starts the footer. */
export function isFooterLine(line: string): boolean {
  return FOOTER.test(line);
}

/** The checks after the body: a footer exists (`footerLine`, 1-based, or null) and there were data rows. */
export function checkEnd(footerLine: number | null, lineCount: number, rows: number, fail: Fail): void {
  if (footerLine === null) {
    fail(lineCount, 'truncated', 'Die Datei endet ohne Fußzeile (Unterstriche, Quelle, Stand) – abgeschnitten?', 'the file ends without a footer (underscores, source, Stand) – truncated?');
  }
  if (rows === 0) {
    fail(footerLine, 'no-data', 'Keine Datenzeilen zwischen Kopfzeilen und Fußzeile.', 'no data rows between the header and the footer.');
  }
}

/** All periods of a table in file order: the header's, then those named in the rows. */
export function periodsOf(columns: readonly GenesisColumn[], inRows: ReadonlySet<string>): string[] {
  const periods = new Set<string>();
  for (const c of columns) {
    if (c.period) {
      periods.add(c.period);
    }
  }
  for (const p of inRows) {
    periods.add(p);
  }
  return [...periods];
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
