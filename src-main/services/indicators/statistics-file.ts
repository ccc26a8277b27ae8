import { parseGenesisCsv, type GenesisTable } from './genesis-csv';
import { looksLikeFlatFile, parseGenesisFlatFile } from './genesis-ffcsv';

/** Options for parseStatisticsFile. */
export interface StatisticsFileOptions {
  fileName?: string;
  /** Stand for a flat file (which carries none); ignored for classic CSV, whose footer has it. */
  stand?: string;
}

/** Parses a GENESIS export in either format: flat file (ffcsv) when its header says so, else classic CSV. */
export function parseStatisticsFile(bytes: Uint8Array, options: StatisticsFileOptions = {}): GenesisTable {
  return looksLikeFlatFile(bytes) ? parseGenesisFlatFile(bytes, options) : parseGenesisCsv(bytes, options.fileName ? { fileName: options.fileName } : {});
}
