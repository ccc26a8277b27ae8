import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openDatabase, SCHEMA_VERSION } from './database.js';
import { tempDir } from './test-support.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

describe('database migrations', () => {
  it('migrates a schema-2 database to allow the role steuerung, keeping accounts, memberships and documents', () => {
    const { dir, remove } = tempDir('fokuswerk-db-');
    cleanups.push(remove);
    // Build the schema-2 database the way the previous release did, with its role CHECK.
    openDatabase(dir).close();
    const old = new Database(join(dir, DATABASE_FILE));
    old.pragma('foreign_keys = OFF');
    old.exec(`
      DROP TABLE account_usage;
      DROP TABLE accounts;
      CREATE TABLE accounts (
        id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('admin', 'stabsstelle', 'moderation', 'member')),
        password_hash TEXT, disabled INTEGER NOT NULL DEFAULT 0, token_version INTEGER NOT NULL DEFAULT 1, created_at INTEGER NOT NULL);
      INSERT INTO accounts (id, login, name, role, created_at) VALUES (1, 'lea', 'Lea', 'member', 1);
      INSERT INTO work_groups (id, name, created_at) VALUES ('wohnen', 'Wohnen', 1);
      INSERT INTO group_members (group_id, account_id, lead) VALUES ('wohnen', 1, 1);
      INSERT INTO doc_updates (doc, seq, data) VALUES ('workspace', 1, x'00');
      PRAGMA user_version = 2;`);
    expect(() => old.prepare("INSERT INTO accounts (login, name, role, created_at) VALUES ('s', 'S', 'steuerung', 1)").run()).toThrow(/CHECK/);
    old.close();

    const db = openDatabase(dir);
    cleanups.push(() => db.close());
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.prepare("INSERT INTO accounts (login, name, role, created_at) VALUES ('s', 'S', 'steuerung', 1)").run();
    expect(db.prepare('SELECT group_id, account_id, lead FROM group_members').all()).toEqual([{ group_id: 'wohnen', account_id: 1, lead: 1 }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM doc_updates').get()).toEqual({ n: 1 });
    expect(() => db.prepare("INSERT INTO accounts (login, name, role, created_at) VALUES ('x', 'X', 'kaiser', 1)").run()).toThrow(/CHECK/);
    // Foreign keys still hold: deleting the account removes its membership.
    db.prepare('DELETE FROM accounts WHERE id = 1').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM group_members').get()).toEqual({ n: 0 });
  });
});
