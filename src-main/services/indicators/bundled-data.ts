import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder of the GENESIS sample files shipped with the app (src-main/data/genesis). */
export function defaultBundledDataDir(): string {
  return fileURLToPath(new URL('../../data/genesis/', import.meta.url));
}

/** The GENESIS CSV files in a folder, sorted by name. Throws if the folder is missing. */
export function genesisFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.csv'))
    .sort()
    .map((f) => path.join(dir, f));
}
