/** Why a GENESIS file could not be read; stable codes for tests and UI. */
export type GenesisParseReason =
  | 'empty'
  | 'binary'
  | 'not-genesis'
  | 'delimiter'
  | 'header'
  | 'no-period'
  | 'no-unit'
  | 'field-count'
  | 'region-key'
  | 'period'
  | 'cell'
  | 'duplicate'
  | 'no-data'
  | 'truncated'
  | 'footer'
  | 'columns'
  | 'stand';

/**
 * A GENESIS CSV file is broken or not a GENESIS table. The message names the file (if known),
 * the 1-based line and the reason, in German and English.
 */
export class GenesisParseError extends Error {
  override readonly name = 'GenesisParseError';

  constructor(
    readonly line: number,
    readonly reason: GenesisParseReason,
    readonly messageDe: string,
    readonly messageEn: string,
    readonly fileName?: string,
  ) {
    const where = fileName ? `${fileName}, ` : '';
    super(`${where}Zeile ${line}: ${messageDe} / ${where}line ${line}: ${messageEn}`);
  }
}

/** Throws a GenesisParseError; bound to a file name by the parser. */
export type Fail = (line: number, reason: GenesisParseReason, de: string, en: string) => never;

/** Creates the `fail` function the parser's helpers use. */
export function failFor(fileName: string | undefined): Fail {
  return (line, reason, de, en) => {
    throw new GenesisParseError(line, reason, de, en, fileName);
  };
}
