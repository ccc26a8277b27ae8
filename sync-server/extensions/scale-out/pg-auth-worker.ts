/**
 * Worker thread of the PostgreSQL account store (pg-auth-store.ts): owns one connection and runs
 * the store's operations while the calling thread waits for each answer (see worker-call.ts).
 * Write operations run in one transaction that also bumps the revision every instance polls.
 */
import { randomBytes } from 'node:crypto';
import { workerData } from 'node:worker_threads';
import type pg from 'pg';
import { ACCOUNTS_CHANNEL } from './pg-auth-channel.js';
import { pgConnection } from './pg-connection.js';
import { serveSyncCalls, type SyncWorkerData } from '../../worker-call.js';

/** Configuration handed to the worker. */
export interface PgAuthWorkerConfig {
  url: string;
}

/** A row of the accounts table as the main thread receives it. */
export interface PgAccountRow {
  id: number;
  login: string;
  name: string;
  role: string;
  disabled: boolean;
  token_version: number;
  password_hash: string | null;
}

/** Outcome of a write the main thread turns into an AuthInputError. */
export type PgAuthFailure = { failure: 'unknown-account' | 'unknown-group' | 'account-exists' | 'group-exists' | 'not-a-member' };

/** The account tables as plain rows (a backup's content; same columns in SQLite and PostgreSQL). */
export interface AccountsDump {
  accounts: {
    id: number;
    login: string;
    name: string;
    role: string;
    password_hash: string | null;
    disabled: boolean | number;
    token_version: number;
    created_at: number | string;
  }[];
  groups: { id: string; name: string; created_at: number | string }[];
  members: { group_id: string; account_id: number; lead: boolean | number }[];
  invitations: { code_hash: string; account_id: number; expires_at: number | string; used_at: number | string | null }[];
  usage: { login: string; docs: number | string; bytes: number | string }[];
}

const data = workerData as SyncWorkerData;
const config = data.config as PgAuthWorkerConfig;
const KEY_BYTES = 32;

/** Tables of the accounts; names prefixed like the document table's. */
export const PG_AUTH_SCHEMA = `
  CREATE TABLE IF NOT EXISTS fokuswerk_accounts (
    id            SERIAL  PRIMARY KEY,
    login         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'stabsstelle', 'steuerung', 'moderation', 'member')),
    password_hash TEXT,
    disabled      BOOLEAN NOT NULL DEFAULT false,
    token_version INTEGER NOT NULL DEFAULT 1,
    created_at    BIGINT  NOT NULL
  );
  CREATE TABLE IF NOT EXISTS fokuswerk_work_groups (
    id         TEXT   PRIMARY KEY,
    name       TEXT   NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS fokuswerk_group_members (
    group_id   TEXT    NOT NULL REFERENCES fokuswerk_work_groups (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES fokuswerk_accounts (id) ON DELETE CASCADE,
    lead       BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (group_id, account_id)
  );
  CREATE INDEX IF NOT EXISTS fokuswerk_group_members_by_account ON fokuswerk_group_members (account_id);
  CREATE TABLE IF NOT EXISTS fokuswerk_invitations (
    code_hash  TEXT    PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES fokuswerk_accounts (id) ON DELETE CASCADE,
    expires_at BIGINT  NOT NULL,
    used_at    BIGINT
  );
  CREATE TABLE IF NOT EXISTS fokuswerk_auth_revision (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    revision BIGINT  NOT NULL
  );
  INSERT INTO fokuswerk_auth_revision (id, revision) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
  CREATE TABLE IF NOT EXISTS fokuswerk_auth_key (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    key BYTEA   NOT NULL
  );
  CREATE TABLE IF NOT EXISTS fokuswerk_account_usage (
    login TEXT   PRIMARY KEY,
    docs  BIGINT NOT NULL DEFAULT 0,
    bytes BIGINT NOT NULL DEFAULT 0
  );`;

const { withConnection, transaction, close } = pgConnection(config.url, 'fokuswerk-accounts');

/** Runs `run` in a transaction that bumps the revision, unless it reports a failure (then rolls back). */
function write<T>(run: (db: pg.Client) => Promise<T | PgAuthFailure>): Promise<T | PgAuthFailure> {
  return withConnection(async (db) => {
    await db.query('BEGIN');
    try {
      const result = await run(db);
      if (typeof result === 'object' && result !== null && 'failure' in result) {
        await db.query('ROLLBACK');
        return result;
      }
      await db.query('UPDATE fokuswerk_auth_revision SET revision = revision + 1 WHERE id = 1');
      await db.query(`NOTIFY ${ACCOUNTS_CHANNEL}`); // delivered to every listening instance at COMMIT
      await db.query('COMMIT');
      return result;
    } catch (error: unknown) {
      await db.query('ROLLBACK').catch(() => {});
      throw error;
    }
  });
}

const ACCOUNT_COLUMNS = 'id, login, name, role, disabled, token_version, password_hash';

async function accountIdOf(db: pg.Client, login: string): Promise<number | null> {
  const result = await db.query<{ id: number }>('SELECT id FROM fokuswerk_accounts WHERE login = $1 FOR UPDATE', [login]);
  return result.rows[0]?.id ?? null;
}

async function groupExists(db: pg.Client, groupId: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM fokuswerk_work_groups WHERE id = $1', [groupId])).rows.length > 0;
}

async function accountRow(db: pg.Client, id: number): Promise<PgAccountRow | null> {
  const result = await db.query<PgAccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM fokuswerk_accounts WHERE id = $1`, [id]);
  return result.rows[0] ?? null;
}

serveSyncCalls(data, {
  async migrate() {
    await withConnection((db) =>
      transaction(db, async () => {
        // Serialise concurrent starts of several instances (and admin commands) on one database.
        await db.query("SELECT pg_advisory_xact_lock(hashtext('fokuswerk-accounts-migrate'))");
        await db.query(PG_AUTH_SCHEMA);
      }),
    );
    return null;
  },

  /** The shared signing key: the first instance creates it, every other one reads the same. */
  async tokenKey() {
    return withConnection(async (db) => {
      await db.query('INSERT INTO fokuswerk_auth_key (id, key) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [randomBytes(KEY_BYTES)]);
      const result = await db.query<{ key: Buffer }>('SELECT key FROM fokuswerk_auth_key WHERE id = 1');
      const key = result.rows[0]?.key;
      if (key === undefined) {
        throw new Error('no token key');
      }
      return new Uint8Array(key);
    });
  },

  async revision() {
    return withConnection(async (db) => {
      const result = await db.query<{ revision: string }>('SELECT revision FROM fokuswerk_auth_revision WHERE id = 1');
      return Number(result.rows[0]?.revision ?? 0);
    });
  },

  async hasAccounts() {
    return withConnection(async (db) => (await db.query('SELECT 1 FROM fokuswerk_accounts LIMIT 1')).rows.length > 0);
  },

  async accountById(id: number) {
    return withConnection((db) => accountRow(db, id));
  },

  async accountByLogin(login: string) {
    return withConnection(async (db) => {
      const result = await db.query<PgAccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM fokuswerk_accounts WHERE login = $1`, [login]);
      return result.rows[0] ?? null;
    });
  },

  async groupsOfAccount(accountId: number) {
    return withConnection(async (db) => {
      const result = await db.query<{ id: string; name: string; lead: boolean }>(
        `SELECT g.id, g.name, m.lead FROM fokuswerk_group_members m JOIN fokuswerk_work_groups g ON g.id = m.group_id
         WHERE m.account_id = $1 ORDER BY g.name`,
        [accountId],
      );
      return result.rows;
    });
  },

  async groups() {
    return withConnection(async (db) => (await db.query<{ id: string; name: string }>('SELECT id, name FROM fokuswerk_work_groups ORDER BY created_at, id')).rows);
  },

  async accounts() {
    return withConnection(async (db) => {
      const accounts = await db.query<PgAccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM fokuswerk_accounts ORDER BY login`);
      const members = await db.query<{ account_id: number; id: string; name: string; lead: boolean }>(
        `SELECT m.account_id, g.id, g.name, m.lead FROM fokuswerk_group_members m
         JOIN fokuswerk_work_groups g ON g.id = m.group_id ORDER BY g.name`,
      );
      return { accounts: accounts.rows, members: members.rows };
    });
  },

  async createAccount(login: string, name: string, role: string, passwordHash: string | null, now: number) {
    return write(async (db) => {
      const result = await db.query<PgAccountRow>(
        `INSERT INTO fokuswerk_accounts (login, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (login) DO NOTHING RETURNING ${ACCOUNT_COLUMNS}`,
        [login, name, role, passwordHash, now],
      );
      return result.rows[0] ?? { failure: 'account-exists' as const };
    });
  },

  async setPasswordHash(accountId: number, passwordHash: string) {
    return write(async (db) => {
      await db.query('UPDATE fokuswerk_accounts SET password_hash = $1, token_version = token_version + 1 WHERE id = $2', [passwordHash, accountId]);
      return null;
    });
  },

  async setDisabled(login: string, disabled: boolean) {
    return write(async (db) => {
      const result = await db.query<PgAccountRow>(
        `UPDATE fokuswerk_accounts SET disabled = $1, token_version = token_version + $2 WHERE login = $3 RETURNING ${ACCOUNT_COLUMNS}`,
        [disabled, disabled ? 1 : 0, login],
      );
      return result.rows[0] ?? { failure: 'unknown-account' as const };
    });
  },

  async revokeTokens(login: string) {
    return write(async (db) => {
      const result = await db.query('UPDATE fokuswerk_accounts SET token_version = token_version + 1 WHERE login = $1', [login]);
      return result.rowCount === 0 ? { failure: 'unknown-account' as const } : null;
    });
  },

  async createGroup(id: string, name: string, now: number) {
    return write(async (db) => {
      const result = await db.query(
        'INSERT INTO fokuswerk_work_groups (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
        [id, name, now],
      );
      return result.rowCount === 0 ? { failure: 'group-exists' as const } : null;
    });
  },

  async addMember(groupId: string, login: string, lead: boolean) {
    return write(async (db) => {
      if (!(await groupExists(db, groupId))) {
        return { failure: 'unknown-group' as const };
      }
      const accountId = await accountIdOf(db, login);
      if (accountId === null) {
        return { failure: 'unknown-account' as const };
      }
      await db.query(
        `INSERT INTO fokuswerk_group_members (group_id, account_id, lead) VALUES ($1, $2, $3)
         ON CONFLICT (group_id, account_id) DO UPDATE SET lead = excluded.lead`,
        [groupId, accountId, lead],
      );
      return null;
    });
  },

  async removeMember(groupId: string, login: string) {
    return write(async (db) => {
      if (!(await groupExists(db, groupId))) {
        return { failure: 'unknown-group' as const };
      }
      const accountId = await accountIdOf(db, login);
      if (accountId === null) {
        return { failure: 'unknown-account' as const };
      }
      const result = await db.query('DELETE FROM fokuswerk_group_members WHERE group_id = $1 AND account_id = $2', [groupId, accountId]);
      return result.rowCount === 0 ? { failure: 'not-a-member' as const } : null;
    });
  },

  async createInvitation(login: string, codeHash: string, expiresAt: number) {
    return write(async (db) => {
      const accountId = await accountIdOf(db, login);
      if (accountId === null) {
        return { failure: 'unknown-account' as const };
      }
      await db.query('INSERT INTO fokuswerk_invitations (code_hash, account_id, expires_at) VALUES ($1, $2, $3)', [codeHash, accountId, expiresAt]);
      return null;
    });
  },

  async redeemInvitation(codeHash: string, passwordHash: string, now: number) {
    return withConnection((db) =>
      transaction(db, async () => {
        // The row lock makes a second redemption of the same code (on any instance) wait, then see used_at.
        const invitation = await db.query<{ account_id: number; expires_at: string; used_at: string | null }>(
          'SELECT account_id, expires_at, used_at FROM fokuswerk_invitations WHERE code_hash = $1 FOR UPDATE',
          [codeHash],
        );
        const row = invitation.rows[0];
        if (row === undefined || row.used_at !== null || Number(row.expires_at) <= now) {
          return null;
        }
        const account = await accountRow(db, row.account_id);
        if (account === null || account.disabled) {
          return null;
        }
        await db.query('UPDATE fokuswerk_invitations SET used_at = $1 WHERE code_hash = $2', [now, codeHash]);
        await db.query('UPDATE fokuswerk_accounts SET password_hash = $1, token_version = token_version + 1 WHERE id = $2', [passwordHash, account.id]);
        await db.query('UPDATE fokuswerk_auth_revision SET revision = revision + 1 WHERE id = 1');
        await db.query(`NOTIFY ${ACCOUNTS_CHANNEL}`);
        return accountRow(db, account.id);
      }),
    );
  },

  async accountUsage(logins: string[]) {
    return withConnection(async (db) => {
      const result = await db.query<{ login: string; docs: string; bytes: string }>(
        'SELECT login, docs, bytes FROM fokuswerk_account_usage WHERE login = ANY($1::text[])',
        [logins],
      );
      return result.rows.map((row) => [row.login, Number(row.docs), Number(row.bytes)]);
    });
  },

  async addAccountUsage(logins: string[], docs: number[], bytes: number[]) {
    await withConnection((db) =>
      db.query(
        `INSERT INTO fokuswerk_account_usage (login, docs, bytes)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
         ON CONFLICT (login) DO UPDATE SET docs = fokuswerk_account_usage.docs + excluded.docs,
                                           bytes = fokuswerk_account_usage.bytes + excluded.bytes`,
        [logins, docs, bytes],
      ),
    );
    return null;
  },

  /** Every account table in one snapshot, for a cluster backup. */
  async exportAccounts() {
    return withConnection(async (db) => {
      await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const rows = async (sql: string): Promise<unknown[]> => (await db.query<Record<string, unknown>>(sql)).rows;
        const dump: AccountsDump = {
          accounts: (await rows('SELECT id, login, name, role, password_hash, disabled, token_version, created_at FROM fokuswerk_accounts ORDER BY id')) as AccountsDump['accounts'],
          groups: (await rows('SELECT id, name, created_at FROM fokuswerk_work_groups ORDER BY id')) as AccountsDump['groups'],
          members: (await rows('SELECT group_id, account_id, lead FROM fokuswerk_group_members ORDER BY group_id, account_id')) as AccountsDump['members'],
          invitations: (await rows('SELECT code_hash, account_id, expires_at, used_at FROM fokuswerk_invitations ORDER BY code_hash')) as AccountsDump['invitations'],
          usage: (await rows('SELECT login, docs, bytes FROM fokuswerk_account_usage ORDER BY login')) as AccountsDump['usage'],
        };
        await db.query('COMMIT');
        return dump;
      } catch (error: unknown) {
        await db.query('ROLLBACK').catch(() => {});
        throw error;
      }
    });
  },

  /** Loads a backup's accounts into empty tables (false, changing nothing, if any account exists). */
  async importAccounts(dump: AccountsDump) {
    return withConnection((db) =>
      transaction(db, async () => {
        await db.query('LOCK TABLE fokuswerk_accounts, fokuswerk_work_groups IN SHARE ROW EXCLUSIVE MODE');
        const any = await db.query('SELECT 1 FROM fokuswerk_accounts UNION ALL SELECT 1 FROM fokuswerk_work_groups LIMIT 1');
        if (any.rows.length > 0) {
          return false;
        }
        for (const a of dump.accounts) {
          await db.query(
            `INSERT INTO fokuswerk_accounts (id, login, name, role, password_hash, disabled, token_version, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
            [a.id, a.login, a.name, a.role, a.password_hash, Boolean(a.disabled), a.token_version, a.created_at],
          );
        }
        await db.query("SELECT setval(pg_get_serial_sequence('fokuswerk_accounts', 'id'), GREATEST((SELECT MAX(id) FROM fokuswerk_accounts), 1))");
        for (const g of dump.groups) {
          await db.query('INSERT INTO fokuswerk_work_groups (id, name, created_at) VALUES ($1, $2, $3)', [g.id, g.name, g.created_at]);
        }
        for (const m of dump.members) {
          await db.query('INSERT INTO fokuswerk_group_members (group_id, account_id, lead) VALUES ($1, $2, $3)', [m.group_id, m.account_id, Boolean(m.lead)]);
        }
        for (const i of dump.invitations) {
          await db.query('INSERT INTO fokuswerk_invitations (code_hash, account_id, expires_at, used_at) VALUES ($1, $2, $3, $4)', [
            i.code_hash,
            i.account_id,
            i.expires_at,
            i.used_at,
          ]);
        }
        await db.query('DELETE FROM fokuswerk_account_usage');
        for (const u of dump.usage) {
          await db.query('INSERT INTO fokuswerk_account_usage (login, docs, bytes) VALUES ($1, $2, $3)', [u.login, u.docs, u.bytes]);
        }
        await db.query('UPDATE fokuswerk_auth_revision SET revision = revision + 1 WHERE id = 1');
        await db.query(`NOTIFY ${ACCOUNTS_CHANNEL}`);
        return true;
      }),
    );
  },

  async close() {
    await close();
    return null;
  },
});
