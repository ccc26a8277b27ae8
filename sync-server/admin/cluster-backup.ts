import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { AuthInputError } from '../auth/store.js';
import { DATABASE_FILE, openDatabase } from '../database.js';
import { sqliteClientIdBindings } from '../guards/client-ids.js';
import { openPgAuthStore } from '../extensions/scale-out/pg-auth-store.js';
import type { AccountsDump } from '../extensions/scale-out/pg-auth-worker.js';
import { openPgDocStore } from '../extensions/scale-out/pg-store.js';
import { fsyncPath, inspectBackup, type BackupSummary } from './backup.js';

/**
 * Backs up a cluster (accounts, documents and client-id bindings in PostgreSQL) into `file`, in the same format as a
 * data directory's backup: one SQLite database. So one file restores either way, into a data
 * directory or into an empty cluster. The servers may keep running: the accounts are read in one
 * snapshot, each document's log in one statement (a document changed meanwhile is saved as it
 * was then or later, both consistent Yjs states). The file appears complete or not at all.
 */
export async function backupCluster(postgresUrl: string, file: string, force: boolean): Promise<BackupSummary> {
  if (existsSync(file) && !force) {
    throw new AuthInputError(`${file} gibt es schon (--force zum Überschreiben) / file exists (use --force)`);
  }
  // A private directory next to the target: the copy holds password hashes, and the rename stays on one file system.
  const work = mkdtempSync(join(dirname(file), `.${basename(file)}.partial-`));
  try {
    const accounts = openPgAuthStore(postgresUrl);
    let dump: AccountsDump;
    try {
      dump = accounts.exportAccounts();
    } finally {
      accounts.close();
    }
    const docs = openPgDocStore({ url: postgresUrl });
    const db = openDatabase(work);
    try {
      db.transaction(() => {
        const insertAccount = db.prepare(
          'INSERT INTO accounts (id, login, name, role, password_hash, disabled, token_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        );
        for (const a of dump.accounts) {
          insertAccount.run(a.id, a.login, a.name, a.role, a.password_hash, a.disabled ? 1 : 0, a.token_version, Number(a.created_at));
        }
        const insertGroup = db.prepare('INSERT INTO work_groups (id, name, created_at) VALUES (?, ?, ?)');
        for (const g of dump.groups) {
          insertGroup.run(g.id, g.name, Number(g.created_at));
        }
        const insertMember = db.prepare('INSERT INTO group_members (group_id, account_id, lead) VALUES (?, ?, ?)');
        for (const m of dump.members) {
          insertMember.run(m.group_id, m.account_id, m.lead ? 1 : 0);
        }
        const insertInvitation = db.prepare('INSERT INTO invitations (code_hash, account_id, expires_at, used_at) VALUES (?, ?, ?, ?)');
        for (const i of dump.invitations) {
          insertInvitation.run(i.code_hash, i.account_id, Number(i.expires_at), i.used_at === null ? null : Number(i.used_at));
        }
        const insertUsage = db.prepare('INSERT INTO account_usage (login, docs, bytes) VALUES (?, ?, ?)');
        for (const u of dump.usage) {
          insertUsage.run(u.login, Number(u.docs), Number(u.bytes));
        }
      })();
      const insertUpdate = db.prepare('INSERT INTO doc_updates (doc, seq, data) VALUES (?, ?, ?)');
      for (const doc of docs.documents()) {
        const { updates } = docs.load(doc);
        db.transaction(() => {
          updates.forEach((update, index) => insertUpdate.run(doc, index + 1, update));
        })();
      }
      // Who may write under which client id: without it, anyone could squat an id after a restore.
      sqliteClientIdBindings(db);
      const insertBinding = db.prepare('INSERT INTO doc_client_ids (doc, client, owner) VALUES (?, ?, ?)');
      const bindings = docs.clientIdRows();
      db.transaction(() => {
        for (const [doc, client, owner] of bindings) {
          insertBinding.run(doc, client, owner);
        }
      })();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.pragma('journal_mode = DELETE');
    } finally {
      db.close();
      await docs.close();
    }
    const written = join(work, DATABASE_FILE);
    const summary = inspectBackup(written);
    fsyncPath(written);
    renameSync(written, file);
    fsyncPath(dirname(file));
    return summary;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Restores a backup (of a cluster or of a data directory) into a cluster's PostgreSQL. Refuses
 * unless the cluster holds no account, group or document yet, so it never mixes two states:
 * restore into a fresh database, then start the instances.
 */
export async function restoreCluster(postgresUrl: string, file: string): Promise<BackupSummary> {
  const summary = inspectBackup(file);
  const backup = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hasTable = (name: string): boolean =>
      backup.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
    const rows = <T>(table: string, sql: string): T[] => (hasTable(table) ? (backup.prepare(sql).all() as T[]) : []);
    const dump: AccountsDump = {
      accounts: rows('accounts', 'SELECT id, login, name, role, password_hash, disabled, token_version, created_at FROM accounts ORDER BY id'),
      groups: rows('work_groups', 'SELECT id, name, created_at FROM work_groups'),
      members: rows('group_members', 'SELECT group_id, account_id, lead FROM group_members'),
      invitations: rows('invitations', 'SELECT code_hash, account_id, expires_at, used_at FROM invitations'),
      usage: rows('account_usage', 'SELECT login, docs, bytes FROM account_usage'),
    };
    const accounts = openPgAuthStore(postgresUrl);
    const docs = openPgDocStore({ url: postgresUrl });
    try {
      if (accounts.hasAccounts() || accounts.groups().length > 0 || docs.documents().length > 0) {
        throw new AuthInputError(
          'Der Cluster enthält schon Konten, Gruppen oder Dokumente: bitte in eine leere PostgreSQL-Datenbank wiederherstellen. / ' +
            'The cluster already holds accounts, groups or documents: restore into an empty PostgreSQL database.',
        );
      }
      const seeds = new Map<string, Uint8Array>();
      const docNames = backup.prepare<[], { doc: string }>('SELECT DISTINCT doc FROM doc_updates ORDER BY doc').all();
      const logOf = backup.prepare<[string], { data: Buffer }>('SELECT data FROM doc_updates WHERE doc = ? ORDER BY seq');
      for (const { doc } of docNames) {
        seeds.set(doc, Y.mergeUpdates(logOf.all(doc).map((row) => new Uint8Array(row.data))));
      }
      if (!accounts.importAccounts(dump) || (seeds.size > 0 && !docs.seedIfEmpty(seeds))) {
        throw new AuthInputError('Der Cluster wurde währenddessen beschrieben / the cluster was written to meanwhile');
      }
      docs.importClientIds(
        rows<{ doc: string; client: number; owner: string }>('doc_client_ids', 'SELECT doc, client, owner FROM doc_client_ids').map(
          (row): [string, number, string] => [row.doc, row.client, row.owner],
        ),
      );
    } finally {
      accounts.close();
      await docs.close();
    }
  } finally {
    backup.close();
  }
  return summary;
}
