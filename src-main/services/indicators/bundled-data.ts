import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RELATIVE = path.join('src-main', 'data', 'genesis');

/**
 * Folder of the GENESIS sample files shipped with the app (src-main/data/genesis): next to this
 * module in the source tree, else the nearest `src-main/data/genesis` above the running file
 * (e.g. when bundled into dist/electron/main.cjs). Hosts that know better pass `bundledDataDir`.
 */
export function defaultBundledDataDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const source = path.resolve(here, '../../data/genesis');
  if (existsSync(source)) {
    return source;
  }
  for (let dir = here; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, RELATIVE);
    if (existsSync(candidate)) {
      return candidate;
    }
    if (path.dirname(dir) === dir) {
      return source;
    }
  }
}

/** The GENESIS CSV files in a folder, sorted by name. Throws a German/English error if the folder is missing. */
export function genesisFilesIn(dir: string): string[] {
  if (!existsSync(dir)) {
    throw new Error(`Ordner mit Statistikdaten fehlt: ${dir} / folder of statistics files missing: ${dir}`);
  }
  return readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.csv'))
    .sort()
    .map((f) => path.join(dir, f));
}
