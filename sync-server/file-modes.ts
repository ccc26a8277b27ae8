import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

/** The sync server's data directory holds password hashes and the token key: owner only. */
export const PRIVATE_DIR_MODE = 0o700;
/** Mode of the database, its WAL and shared-memory files, backups and the key file. */
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and parents) if missing and takes group/other access away from it. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  tighten(dir, PRIVATE_DIR_MODE);
}

/**
 * Creates `file` empty with mode 0600 if missing, else takes group/other access away. SQLite
 * gives a database's -wal and -shm files the mode of the database file, so creating it 0600
 * before SQLite opens it keeps those private too (files of older versions are fixed on start).
 */
export function ensurePrivateFile(file: string): void {
  try {
    closeSync(openSync(file, 'wx', PRIVATE_FILE_MODE));
  } catch (error: unknown) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) {
      throw error;
    }
  }
  tighten(file, PRIVATE_FILE_MODE);
}

/** Takes group/other access away from those of `files` that exist. */
export function tightenIfPresent(...files: string[]): void {
  for (const file of files) {
    try {
      tighten(file, PRIVATE_FILE_MODE);
    } catch (error: unknown) {
      if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) {
        throw error;
      }
    }
  }
}

function tighten(path: string, mode: number): void {
  const current = statSync(path).mode & 0o777;
  if ((current & 0o077) !== 0) {
    chmodSync(path, current & mode);
  }
}
