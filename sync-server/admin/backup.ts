import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { AuthInputError } from '../auth/store.js';
import { acquireDataDirLock, DataDirLockedError } from '../data-dir-lock.js';
import { assertSupportedSchema, DATABASE_FILE, openDatabase } from '../database.js';
import { ensurePrivateFile } from '../file-modes.js';

/** What a backup file holds, for the admin's confirmation line. */
export interface BackupSummary {
  documents: number;
  accounts: number;
  groups: number;
}

export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Opens a backup read-only and checks that it is an intact sync database this code can read. */
export function inspectBackup(file: string): BackupSummary {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error: unknown) {
    throw new AuthInputError(`Sicherung ${file} nicht lesbar / backup not readable: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok') {
      throw new AuthInputError(`Sicherung ${file} ist beschädigt / backup is damaged: ${String(check)}`);
    }
    assertSupportedSchema(db);
    const count = (table: string): number => {
      const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
      return exists ? (db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).get()?.n ?? 0) : 0;
    };
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'doc_updates'").get() === undefined) {
      throw new AuthInputError(`${file} ist keine Fokuswerk-Sicherung / not a Fokuswerk backup`);
    }
    const documents = db.prepare<[], { n: number }>('SELECT COUNT(DISTINCT doc) AS n FROM doc_updates').get()?.n ?? 0;
    return { documents, accounts: count('accounts'), groups: count('work_groups') };
  } finally {
    db.close();
  }
}

/**
 * Writes a consistent copy of the database to `file` with SQLite's online backup API, so the
 * server may keep running and writing meanwhile. The copy goes to a temporary name first and is
 * renamed when complete and verified: `file` is never half written.
 */
export async function backupDatabase(dataDir: string, file: string, force: boolean): Promise<BackupSummary> {
  if (existsSync(file) && !force) {
    throw new AuthInputError(`${file} gibt es schon (--force zum Überschreiben) / file exists (use --force)`);
  }
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  // The copy holds password hashes: readable by the owner only (SQLite keeps the mode it finds).
  ensurePrivateFile(partial);
  const db = openDatabase(dataDir);
  try {
    await db.backup(partial);
  } finally {
    db.close();
  }
  const summary = inspectBackup(partial);
  fsyncPath(partial);
  renameSync(partial, file);
  fsyncPath(dirname(file));
  return summary;
}

/**
 * Replaces the data directory's database by the backup in `file`. Refuses while a sync server
 * runs on the directory (it holds the data-dir lock): stop the server first, then restore, then
 * start it again. The replaced database is kept next to it as `…before-restore-<time>`.
 */
export function restoreDatabase(dataDir: string, file: string): BackupSummary & { previous: string | null } {
  let lock;
  try {
    lock = acquireDataDirLock(dataDir);
  } catch (error: unknown) {
    if (error instanceof DataDirLockedError) {
      throw new AuthInputError(
        'Der Sync-Server läuft noch auf diesem Datenverzeichnis. Bitte zuerst stoppen, dann wiederherstellen und neu starten. / ' +
          'The sync server is still running on this data directory: stop it first, then restore and start it again.',
      );
    }
    throw error;
  }
  try {
    const summary = inspectBackup(file);
    const target = join(dataDir, DATABASE_FILE);
    let previous: string | null = null;
    if (existsSync(target)) {
      // Fold the WAL into the file and close: the old database is then one self-contained file.
      const old = new Database(target);
      old.pragma('wal_checkpoint(TRUNCATE)');
      old.close();
      previous = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(target, previous);
    }
    for (const leftover of [`${target}-wal`, `${target}-shm`]) {
      rmSync(leftover, { force: true });
    }
    const incoming = `${target}.restoring`;
    copyFileSync(file, incoming);
    ensurePrivateFile(incoming);
    fsyncPath(incoming);
    renameSync(incoming, target);
    fsyncPath(dataDir);
    openDatabase(dataDir).close(); // migrates an older backup and proves it opens
    return { ...summary, previous };
  } finally {
    lock.release();
  }
}
