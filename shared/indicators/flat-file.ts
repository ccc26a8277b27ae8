/** The UTF-8 byte order mark. */
const BOM = [0xef, 0xbb, 0xbf];
const FIRST_COLUMN = [...'statistics_code'].map((c) => c.charCodeAt(0));
const QUOTE = 0x22;
const SEMICOLON = 0x3b;

/**
 * Whether the first bytes of a file are those of a GENESIS flat file (ffcsv): its header starts
 * with the column `statistics_code` (optionally quoted, after an optional BOM). The classic CSV
 * starts with "GENESIS-Tabelle: …". Used by the host's importer and by the import dialog, which
 * asks for a Stand only for flat files (they carry none).
 */
export function looksLikeFlatFile(bytes: Uint8Array): boolean {
  let i = BOM.every((b, k) => bytes[k] === b) ? BOM.length : 0;
  const quoted = bytes[i] === QUOTE;
  i += quoted ? 1 : 0;
  for (const c of FIRST_COLUMN) {
    if (bytes[i++] !== c) {
      return false;
    }
  }
  if (bytes[i] === QUOTE) {
    i++;
  }
  return bytes[i] === SEMICOLON;
}
