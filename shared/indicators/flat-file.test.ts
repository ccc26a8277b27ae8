import { describe, expect, it } from 'vitest';
import { looksLikeFlatFile } from './flat-file';

/** ASCII text as bytes (the shared code has no TextEncoder). */
const bytes = (text: string): Uint8Array => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

describe('looksLikeFlatFile', () => {
  it('knows a flat file by its first column, quoted or not, after a BOM', () => {
    expect(looksLikeFlatFile(bytes('statistics_code;statistics_label;time\n'))).toBe(true);
    expect(looksLikeFlatFile(bytes('"statistics_code";"statistics_label"\n'))).toBe(true);
    expect(looksLikeFlatFile(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes('statistics_code;x\n')]))).toBe(true);
  });

  it('is false for the classic CSV, other files and too short a head', () => {
    expect(looksLikeFlatFile(bytes('GENESIS-Tabelle: 12411-01-01-5\n'))).toBe(false);
    expect(looksLikeFlatFile(bytes('statistics_codes;x'))).toBe(false);
    expect(looksLikeFlatFile(bytes('statistics_code'))).toBe(false);
    expect(looksLikeFlatFile(new Uint8Array())).toBe(false);
  });
});
