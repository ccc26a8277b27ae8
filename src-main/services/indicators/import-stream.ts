import type Database from 'better-sqlite3';
import { TableWriter, type TableFacts, type WriteOptions, type WriteResult } from './cache-write';
import { GenesisBodyReader } from './genesis-body';
import { checkEnd, periodsOf } from './genesis-csv';
import { GenesisParseError, type Fail } from './genesis-error';
import { splitFields } from './genesis-fields';
import { parseFooter, type GenesisFooter } from './genesis-footer';
import { eachLine, type ByteSource, type ScannedFile } from './import-source';

/** What an import wrote, and the facts for its summary. */
export interface Written {
  result: WriteResult;
  facts: TableFacts;
  periods: string[];
}

/** About this many progress reports per import. */
const PROGRESS_STEPS = 20;

/**
 * Parses and writes a classic GENESIS CSV in one pass over its lines (the second pass; scanFile
 * made the first): each data row is checked and written as it is read, so memory holds a chunk,
 * a row and a batch of values, never the file. Must run inside a transaction; any error rolls
 * everything back. Errors are reported in the order the whole-file parser reports them: title and
 * header, then the rows in file order (a row that appears twice is found by the database's primary
 * key, at the latest when the next batch is written), then a missing footer or data, then the footer
 * (read in the first pass, so the Stand is known before the first value is written).
 */
export function streamClassicCsv(db: Database.Database, source: ByteSource, scanned: ScannedFile, fileName: string, fail: Fail, options: WriteOptions): Written {
  let footer: GenesisFooter | null = null;
  let footerError: Error | null = null;
  if (scanned.footerLine !== null) {
    try {
      footer = parseFooter(scanned.footerLines, scanned.footerLine + 1, fail);
    } catch (e: unknown) {
      footerError = e instanceof Error ? e : new Error(String(e));
    }
  }
  let writer: TableWriter | null = null;
  let facts: TableFacts | null = null;
  // Progress: the values written so far, of a total estimated from the bytes of data read so far.
  let position = 0;
  let dataStart = -1;
  let nextReport = 0;
  const step = scanned.size / PROGRESS_STEPS;
  const report = (): void => {
    if (!writer || position < nextReport) {
      return;
    }
    if (dataStart < 0) {
      dataStart = position - lineLength;
    }
    nextReport = position + step;
    options.signal?.throwIfAborted();
    const done = writer.values;
    const total = Math.round((done * (scanned.footerOffset - dataStart)) / Math.max(1, position - dataStart));
    options.onProgress?.({ phase: 'write', done, total: Math.max(done, total) });
  };
  let lineLength = 0;
  const reader = new GenesisBodyReader(
    fail,
    {
      structure: ({ title, header }) => {
        facts = {
          tableCode: title.tableCode,
          title: title.title,
          stand: footer?.stand ?? '',
          attribution: footer?.attribution ?? '',
          licence: footer?.licence ?? '',
          notes: footer?.notes ?? [],
        };
        writer = new TableWriter(db, facts, header.columns, fail);
      },
      region: (r) => writer?.region(r),
      row: (r) => {
        writer?.row(r);
        report();
      },
    },
    false,
  );
  try {
    eachLine(source, scanned.encoding, scanned.footerLine, fail, (text, line, before) => {
      lineLength = text.length + 1;
      position = before + lineLength;
      reader.push({ line, cells: splitFields(text) });
    });
    reader.end();
  } catch (e: unknown) {
    // A row that appears twice before the broken line is the first error in file order.
    if (e instanceof GenesisParseError && writer !== null) {
      (writer as TableWriter).flush();
    }
    throw e;
  }
  const structure = reader.end();
  (writer as TableWriter | null)?.flush();
  checkEnd(scanned.footerLine, scanned.lineCount, reader.rows, fail);
  if (footerError !== null || !writer || !facts) {
    throw footerError ?? new Error('no table structure');
  }
  options.signal?.throwIfAborted();
  const values = (writer as TableWriter).values;
  options.onProgress?.({ phase: 'write', done: values, total: values });
  const result = (writer as TableWriter).finish({ fileName, hash: scanned.hash, encoding: scanned.encoding, lineEnding: scanned.lineEnding });
  options.signal?.throwIfAborted();
  return { result, facts, periods: periodsOf(structure.header.columns, reader.periodsInRows) };
}
