import type { Fail } from './genesis-error';
import { parseStand } from './genesis-cells';

/** What the footer of a GENESIS table says about the figures. */
export interface GenesisFooter {
  /** Vintage as ISO date-time ("2017-10-10T11:01:03"). */
  stand: string;
  /** The copyright notice as printed, whitespace normalised. */
  copyright: string;
  /** Ready-to-print source line: copyright sentence plus licence. */
  attribution: string;
  /** The licence by name, e.g. "Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)". */
  licence: string;
  /** The table's footnotes, one entry per note block. */
  notes: string[];
}

/** Name of the licence the statistical offices publish under. */
export const DL_DE_BY_2_0 = 'Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)';

interface FooterRecord {
  line: number;
  text: string;
}

/**
 * Reads the footer: the lines after the row of underscores. Notes and the copyright are quoted
 * multi-line fields; the last record is "Stand: dd.mm.yyyy / hh:mm:ss".
 * `firstLine` is the 1-based line number of `lines[0]`.
 */
export function parseFooter(lines: readonly string[], firstLine: number, fail: Fail): GenesisFooter {
  const records = footerRecords(lines, firstLine, fail);
  const lastLine = firstLine + Math.max(lines.length - 1, 0);
  let stand: string | undefined;
  let copyright: string | undefined;
  const notes: string[] = [];
  for (const record of records) {
    const s = parseStand(record.text);
    if (!s && /^Stand:/.test(record.text.trim())) {
      const text = record.text.trim();
      fail(record.line, 'stand', `„${text}“: dieses Datum gibt es nicht.`, `"${text}": no such date.`);
    }
    if (s) {
      stand = s;
    } else if (record.text.startsWith('©')) {
      copyright = record.text.replace(/\s+/g, ' ').trim();
    } else if (record.text.trim() !== '') {
      notes.push(record.text.trim());
    }
  }
  if (!stand) {
    fail(lastLine, 'footer', 'Die Fußzeile hat keine Zeile „Stand: TT.MM.JJJJ“.', 'the footer has no "Stand: dd.mm.yyyy" line.');
  }
  if (!copyright) {
    fail(lastLine, 'footer', 'Die Fußzeile hat keinen Quellenvermerk (©).', 'the footer has no copyright (©) line.');
  }
  const licence = licenceOf(copyright);
  const sentence = /^©[^.]*\d{4}\./.exec(copyright)?.[0] ?? copyright;
  return { stand, copyright, attribution: `${sentence} ${licence}`, licence, notes };
}

/** The licence a copyright notice names; the notice itself if it is not dl-de/by-2-0. */
function licenceOf(copyright: string): string {
  const plain = copyright.replace(/[-–]/g, ' ').replace(/\s+/g, ' ');
  const dlde = /Datenlizenz Deutschland/.test(plain) && /Namensnennung/.test(plain) && /Version 2\.0/.test(plain);
  return dlde ? DL_DE_BY_2_0 : copyright;
}

/** Splits footer text into records: a newline outside quotes ends one; `;` outside quotes joins fields. */
function footerRecords(lines: readonly string[], firstLine: number, fail: Fail): FooterRecord[] {
  const records: FooterRecord[] = [];
  let text = '';
  let field = '';
  let quoted = false;
  let start = firstLine;
  const flushField = (): void => {
    if (field.trim() !== '') {
      text = text === '' ? field : `${text} ${field}`;
    }
    field = '';
  };
  lines.forEach((line, i) => {
    if (!quoted) {
      start = firstLine + i;
    }
    for (let j = 0; j < line.length; j++) {
      const c = line[j];
      if (c === '"' && quoted && line[j + 1] === '"') {
        field += '"';
        j++;
      } else if (c === '"') {
        quoted = !quoted;
      } else if (c === ';' && !quoted) {
        flushField();
      } else {
        field += c;
      }
    }
    if (quoted) {
      field += '\n';
      return;
    }
    flushField();
    records.push({ line: start, text });
    text = '';
  });
  if (quoted) {
    fail(start, 'truncated', 'Ein Anführungszeichen in der Fußzeile wird nie geschlossen – Datei abgeschnitten?', 'a quote in the footer is never closed – file truncated?');
  }
  return records;
}
