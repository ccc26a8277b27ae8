import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseGenesisCsv } from './genesis-csv';
import { GenesisParseError, type GenesisParseReason } from './genesis-error';
import { sampleFile } from './test-fixtures';

const SAMPLE = '12411-01-01-5.csv';

/** The sample's lines (LF), for building broken variants. */
function sampleLines(): string[] {
  return sampleFile(SAMPLE).toString('utf-8').split('\n');
}

function failure(bytes: Uint8Array, fileName = 'broken.csv'): GenesisParseError {
  try {
    parseGenesisCsv(bytes, { fileName });
  } catch (err) {
    if (err instanceof GenesisParseError) {
      return err;
    }
    throw err;
  }
  throw new Error('expected a GenesisParseError');
}

function expectFailure(bytes: Uint8Array, line: number, reason: GenesisParseReason): GenesisParseError {
  const err = failure(bytes);
  expect({ line: err.line, reason: err.reason }).toEqual({ line, reason });
  expect(err.message).toContain(`broken.csv, Zeile ${line}: `);
  expect(err.message).toContain(`broken.csv, line ${line}: `);
  return err;
}

describe('broken GENESIS files', () => {
  it('a file cut off in the middle of a data row names that row', () => {
    const lines = sampleLines();
    const cut = lines.slice(0, 29).join('\n') + '\n' + (lines[29] ?? '').slice(0, 40);
    const err = expectFailure(Buffer.from(cut), 30, 'field-count');
    expect(err.messageDe).toMatch(/Erwartet 26 Felder, gefunden \d+/);
    expect(err.messageEn).toMatch(/expected 26 fields/);
  });

  it('a file cut off at a line end (no footer) says it is truncated', () => {
    const lines = sampleLines();
    const err = expectFailure(Buffer.from(lines.slice(0, 40).join('\n') + '\n'), 40, 'truncated');
    expect(err.messageEn).toMatch(/without a footer/);
  });

  it('a file cut off inside the footer notes says so', () => {
    const lines = sampleLines();
    const footer = lines.findIndex((l) => l.startsWith('____'));
    expectFailure(Buffer.from(lines.slice(0, footer + 3).join('\n')), footer + 2, 'truncated');
  });

  it('a comma-separated file is rejected for its delimiter', () => {
    const err = expectFailure(Buffer.from(sampleFile(SAMPLE).toString('utf-8').replace(/;/g, ',')), 2, 'delimiter');
    expect(err.messageDe).toContain('„,“');
  });

  it('a tab-separated file is rejected for its delimiter', () => {
    expectFailure(Buffer.from(sampleFile(SAMPLE).toString('utf-8').replace(/;/g, '\t')), 2, 'delimiter');
  });

  it('a table without data rows names the footer line', () => {
    const lines = sampleLines().filter((l) => !/^(DG|\d{2,8});/.test(l));
    const footer = lines.findIndex((l) => l.startsWith('____')) + 1;
    const err = expectFailure(Buffer.from(lines.join('\n')), footer, 'no-data');
    expect(err.messageDe).toContain('Keine Datenzeilen');
  });

  it('a binary file (gzip of a real export) is rejected as binary', () => {
    const err = failure(gzipSync(sampleFile(SAMPLE)));
    expect(err.reason).toBe('binary');
    expect(err.line).toBeGreaterThanOrEqual(1);
    expect(err.message).toMatch(/Binärdaten.*binary data/);
  });

  it('a cell that is neither a number nor a sign names line and column', () => {
    const lines = sampleLines();
    lines[12] = (lines[12] ?? '').replace(/;(\d+);/, ';12a;');
    const err = expectFailure(Buffer.from(lines.join('\n')), 13, 'cell');
    expect(err.messageEn).toMatch(/column \d+: "12a"/);
  });

  it('a plain CSV is not a GENESIS table', () => {
    expectFailure(Buffer.from('a;b;c\n1;2;3\n'), 1, 'not-genesis');
  });

  it('an empty file is rejected', () => {
    expectFailure(new Uint8Array(0), 1, 'empty');
  });

  it('a footer without Stand is rejected', () => {
    const lines = sampleLines().filter((l) => !l.startsWith('Stand:'));
    expect(failure(Buffer.from(lines.join('\n'))).reason).toBe('footer');
  });

  it('a region listed twice is rejected', () => {
    const lines = sampleLines();
    lines.splice(12, 0, lines[11] ?? '');
    expectFailure(Buffer.from(lines.join('\n')), 13, 'duplicate');
  });

  it('a number too large to store exactly (400 digits) is refused, not stored as Infinity', () => {
    const lines = sampleLines();
    lines[12] = (lines[12] ?? '').replace(/;(\d+);/, `;${'9'.repeat(400)};`);
    const err = expectFailure(Buffer.from(lines.join('\n')), 13, 'cell');
    expect(err.messageDe).toMatch(/Spalte \d+: die Zahl ist zu groß/);
  });

  it('a Stand that does not exist (99.99.9999) is refused with its line', () => {
    const lines = sampleLines();
    const at = lines.findIndex((l) => l.startsWith('Stand:'));
    lines[at] = 'Stand: 99.99.9999 / 11:01:03';
    const err = expectFailure(Buffer.from(lines.join('\n')), at + 1, 'stand');
    expect(err.messageDe).toContain('„Stand: 99.99.9999 / 11:01:03“: dieses Datum gibt es nicht.');
  });

  it('a period that does not exist (31.02.2015) is not read as a period', () => {
    const lines = sampleLines();
    const at = lines.findIndex((l) => l.includes('31.12.2015'));
    lines[at] = (lines[at] ?? '').replace(/31\.12\.2015/g, '31.02.2015');
    expect(() => parseGenesisCsv(Buffer.from(lines.join('\n')))).toThrow(GenesisParseError);
  });
});
