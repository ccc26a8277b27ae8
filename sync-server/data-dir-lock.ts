import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateDir } from './file-modes.js';

/** File whose lock marks a data directory as in use by a running sync server. */
export const LOCK_FILE = 'server.lock';

/** Thrown when another sync server (or a restore) holds the data directory. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
}

/** A held lock on a data directory; release() is idempotent. */
export interface DataDirLock {
  release(): void;
}

/**
 * Takes the data directory's lock, or throws DataDirLockedError. The lock is an exclusive SQLite
 * write lock on a tiny side file, i.e. an OS file lock: the kernel drops it when the process dies,
 * even by `kill -9`, so there are no stale PID files to clean up. Only one process may hold it;
 * the sync server holds it while it runs, `admin restore` while it replaces the database.
 */
export function acquireDataDirLock(dataDir: string, nativeBinding?: string): DataDirLock {
  ensurePrivateDir(dataDir);
  const db = new Database(join(dataDir, LOCK_FILE), { timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write after EXCLUSIVE takes the lock and keeps it until the connection closes.
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS holder (pid INTEGER); DELETE FROM holder;');
    db.prepare('INSERT INTO holder (pid) VALUES (?)').run(process.pid);
    db.exec('COMMIT');
  } catch (error: unknown) {
    db.close();
    if (error instanceof Error && 'code' in error && (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED')) {
      throw new DataDirLockedError(
        `Das Datenverzeichnis ${dataDir} wird von einem laufenden Sync-Server benutzt / the data directory is in use by a running sync server`,
      );
    }
    throw error;
  }
  return {
    release() {
      if (db.open) {
        db.close();
      }
    },
  };
}
