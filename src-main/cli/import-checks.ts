import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { UsageError } from './cli-support';

const SQLITE_HEADER = 'SQLite format 3\0';

function statOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) {
      return null;
    }
    throw new UsageError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Throws a UsageError with a clear German/English message if `file` is missing, a directory or not
 * readable. Pipes and devices pass: the importer reads them only up to its size limit.
 */
export function assertImportFile(file: string): void {
  const info = statOrNull(file);
  if (info === null) {
    throw new UsageError(`Datei nicht gefunden / file not found: ${file}`);
  }
  if (info.isDirectory()) {
    throw new UsageError(`${file} ist ein Verzeichnis, keine Datei / is a directory, not a file`);
  }
  try {
    closeSync(openSync(file, 'r'));
  } catch {
    throw new UsageError(`Datei nicht lesbar / file not readable: ${file}`);
  }
}

/**
 * Throws a UsageError unless `dbPath` is missing (it will be created), empty, or an SQLite
 * database: a directory or another file given as `--db` must not end in a stack trace, nor be
 * overwritten.
 */
export function assertCacheFile(dbPath: string): void {
  const file = path.resolve(dbPath);
  const info = statOrNull(file);
  if (info === null || (info.isFile() && info.size === 0)) {
    return;
  }
  if (info.isDirectory()) {
    throw new UsageError(`--db ${dbPath} ist ein Verzeichnis; bitte eine Datei angeben / is a directory, give a file`);
  }
  const header = Buffer.alloc(SQLITE_HEADER.length);
  let read = 0;
  try {
    const fd = openSync(file, 'r');
    try {
      read = readSync(fd, header, 0, header.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    throw new UsageError(`--db ${dbPath} ist nicht lesbar / is not readable`);
  }
  if (!info.isFile() || read < header.length || header.toString('latin1') !== SQLITE_HEADER) {
    throw new UsageError(`--db ${dbPath} ist keine SQLite-Datenbank / is not an SQLite database`);
  }
}
