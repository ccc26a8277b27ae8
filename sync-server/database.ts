import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateDir, ensurePrivateFile, tightenIfPresent } from './file-modes.js';

/**
 * The sync server's one SQLite file. Documents and accounts share it on purpose: one `backup`
 * is then one consistent picture (a group's row and the workspace document that lists it cannot
 * disagree), one migration sequence covers both, and the admin command's changes commit in the
 * same transaction as the revision bump the server watches.
 */
export const DATABASE_FILE = 'fokuswerk-sync.sqlite';

/** Newest schema this code knows; older databases are migrated on open. */
export const SCHEMA_VERSION = 3;

/**
 * Opens (creating or migrating) the database in `dataDir` with WAL and `synchronous = FULL`:
 * a committed transaction survives `kill -9` and power loss. `nativeBinding` is the better-sqlite3
 * addon for the running ABI (Electron's differs from Node's).
 */
export function openDatabase(dataDir: string, nativeBinding?: string): Database.Database {
  const file = join(dataDir, DATABASE_FILE);
  ensurePrivateDir(dataDir);
  ensurePrivateFile(file);
  tightenIfPresent(`${file}-wal`, `${file}-shm`);
  const db = new Database(file, { timeout: 5_000, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } catch (error: unknown) {
    db.close();
    throw error;
  }
  return db;
}

/** Throws unless `db` has a schema this code can read (used before a restore). */
export function assertSupportedSchema(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `Datenbankschema ${version} ist neuer als dieser Server (${SCHEMA_VERSION}) / database schema is newer than this server`,
    );
  }
}

const MIGRATIONS: readonly string[] = [
  // 1: the update log of every document.
  `CREATE TABLE IF NOT EXISTS doc_updates (
     doc  TEXT    NOT NULL,
     seq  INTEGER NOT NULL,
     data BLOB    NOT NULL,
     PRIMARY KEY (doc, seq)
   ) WITHOUT ROWID;`,
  // 2: accounts, working groups and their members, invitations, and the revision the server watches.
  `CREATE TABLE accounts (
     id            INTEGER PRIMARY KEY,
     login         TEXT    NOT NULL UNIQUE,
     name          TEXT    NOT NULL,
     role          TEXT    NOT NULL CHECK (role IN ('admin', 'stabsstelle', 'moderation', 'member')),
     password_hash TEXT,
     disabled      INTEGER NOT NULL DEFAULT 0,
     token_version INTEGER NOT NULL DEFAULT 1,
     created_at    INTEGER NOT NULL
   );
   CREATE TABLE work_groups (
     id         TEXT    PRIMARY KEY,
     name       TEXT    NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE TABLE group_members (
     group_id   TEXT    NOT NULL REFERENCES work_groups (id) ON DELETE CASCADE,
     account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
     lead       INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (group_id, account_id)
   ) WITHOUT ROWID;
   CREATE INDEX group_members_by_account ON group_members (account_id);
   CREATE TABLE invitations (
     code_hash  TEXT    PRIMARY KEY,
     account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
     expires_at INTEGER NOT NULL,
     used_at    INTEGER
   );
   CREATE TABLE auth_revision (
     id       INTEGER PRIMARY KEY CHECK (id = 1),
     revision INTEGER NOT NULL
   );
   INSERT INTO auth_revision (id, revision) VALUES (1, 0);`,
  // 3: what each account added to storage, for the per-account quota across restarts.
  `CREATE TABLE account_usage (
     login TEXT    PRIMARY KEY,
     docs  INTEGER NOT NULL DEFAULT 0,
     bytes INTEGER NOT NULL DEFAULT 0
   ) WITHOUT ROWID;`,
];

function migrate(db: Database.Database): void {
  assertSupportedSchema(db);
  const run = db.transaction(() => {
    // Re-read inside the write lock: another process may have migrated meanwhile.
    const current = db.pragma('user_version', { simple: true }) as number;
    for (let version = current + 1; version <= SCHEMA_VERSION; version++) {
      db.exec(MIGRATIONS[version - 1] as string);
      db.pragma(`user_version = ${version}`);
    }
  });
  if ((db.pragma('user_version', { simple: true }) as number) < SCHEMA_VERSION) {
    run.immediate();
  }
}
