import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AccountGroup, Role } from '../../shared/sync/auth-api.js';
import { isValidId } from '../../shared/sync/doc-names.js';

/** An account as the server needs it for access decisions. */
export interface Account {
  id: number;
  login: string;
  name: string;
  role: Role;
  disabled: boolean;
  /** Bumped to revoke every token issued so far. */
  tokenVersion: number;
  passwordHash: string | null;
}

/** A working group with its display name. */
export interface WorkGroup {
  id: string;
  name: string;
}

/** Thrown for admin input that cannot be applied; the message is German/English and shown as is. */
export class AuthInputError extends Error {
  override readonly name = 'AuthInputError';
}

const LOGIN_RE = /^[a-z0-9][a-z0-9._@-]{0,63}$/;

/** Logins are case-insensitive: stored and looked up in lower case. */
export function normalizeLogin(login: string): string {
  return login.trim().toLowerCase();
}

/** Invitation codes are stored as their SHA-256 only. */
export function hashCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** A new invitation code (base64url, 192 bits). */
export function newInvitationCode(): string {
  return randomBytes(24).toString('base64url');
}

/** The login normalised and checked, or an AuthInputError. */
export function checkedLogin(input: string): string {
  const login = normalizeLogin(input);
  if (!LOGIN_RE.test(login)) {
    throw new AuthInputError(
      `Ungültiger Anmeldename „${input}“ (a–z, 0–9, . _ @ -, höchstens 64 Zeichen) / invalid login`,
    );
  }
  return login;
}

/** The display name trimmed and checked, or an AuthInputError. */
export function checkedDisplayName(input: string): string {
  const name = input.trim();
  if (name === '' || name.length > 128) {
    throw new AuthInputError('Der Anzeigename fehlt oder ist zu lang / display name missing or too long');
  }
  return name;
}

/** The group id and trimmed name checked, or an AuthInputError. */
export function checkedGroup(id: string, name: string): WorkGroup {
  if (!isValidId(id)) {
    throw new AuthInputError(`Ungültige Gruppen-ID „${id}“ (a–z, 0–9, -) / invalid group id`);
  }
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 128) {
    throw new AuthInputError('Der Gruppenname fehlt oder ist zu lang / group name missing or too long');
  }
  return { id, name: trimmed };
}

export const unknownAccount = (login: string): AuthInputError => new AuthInputError(`Unbekanntes Konto „${login}“ / unknown account`);
export const unknownGroup = (groupId: string): AuthInputError => new AuthInputError(`Unbekannte Arbeitsgruppe „${groupId}“ / unknown group`);
export const accountExists = (login: string): AuthInputError => new AuthInputError(`Das Konto „${login}“ gibt es schon / account exists already`);
export const groupExists = (id: string): AuthInputError => new AuthInputError(`Die Arbeitsgruppe „${id}“ gibt es schon / group exists already`);
export const notAMember = (login: string, groupId: string): AuthInputError =>
  new AuthInputError(`„${login}“ ist kein Mitglied von „${groupId}“ / not a member`);

/** An account as the admin's list shows it. */
export type ListedAccount = Omit<Account, 'passwordHash'> & { hasPassword: boolean; groups: AccountGroup[] };

/** What an account has added to storage (documents created, bytes written), kept across restarts. */
export interface AccountUsage {
  docs: number;
  bytes: number;
}

/**
 * Accounts, working groups, memberships and invitations. Every change bumps a revision in the same
 * transaction; running servers poll it and re-check open connections. Two implementations: the
 * SQLite database of the data directory (SqliteAuthStore) and PostgreSQL for several instances
 * (extensions/scale-out/pg-auth-store.ts). Calls are synchronous, like better-sqlite3's.
 */
export interface AuthStore {
  /** Changes whenever accounts, groups or memberships change (in any process or instance). */
  revision(): number;
  hasAccounts(): boolean;
  accountById(id: number): Account | null;
  accountByLogin(login: string): Account | null;
  /** The account or an AuthInputError naming the unknown login. */
  requireAccount(login: string): Account;
  /** The groups an account belongs to, with its lead flag. */
  groupsOfAccount(accountId: number): AccountGroup[];
  groups(): WorkGroup[];
  accounts(): ListedAccount[];
  createAccount(input: { login: string; name: string; role: Role; passwordHash: string | null }): Account;
  /** Sets the password and revokes the account's earlier tokens. */
  setPasswordHash(accountId: number, passwordHash: string): void;
  /** Disables (or enables) an account; disabling also revokes its tokens at once. */
  setDisabled(login: string, disabled: boolean): Account;
  /** Revokes every token issued to the account so far (sign out everywhere). */
  revokeTokens(login: string): void;
  createGroup(id: string, name: string): WorkGroup;
  addMember(groupId: string, login: string, lead: boolean): void;
  removeMember(groupId: string, login: string): void;
  /** Creates a one-time invitation code for the account, valid for `ttlMs`. Only its hash is stored. */
  createInvitation(login: string, ttlMs: number, now?: number): { code: string; expiresAt: number };
  /**
   * Uses up an invitation and sets the password in one transaction; returns the account, or null
   * for an unknown, used or expired code (or a disabled account).
   */
  redeemInvitation(code: string, passwordHash: string, now?: number): Account | null;
  /** Stored usage of the given logins (missing ones count zero). */
  accountUsage(logins: readonly string[]): Map<string, AccountUsage>;
  /** Adds to the stored usage (increments, so several instances add up). Does not bump the revision. */
  addAccountUsage(deltas: ReadonlyMap<string, AccountUsage>): void;
  /**
   * Optional: calls `listener` soon after any change, from any instance, so the server re-checks
   * at once instead of at its next poll of revision() (PostgreSQL: LISTEN/NOTIFY). Returns a stop function.
   */
  watch?(listener: () => void): () => Promise<void>;
}

interface AccountRow {
  id: number;
  login: string;
  name: string;
  role: Role;
  disabled: number;
  token_version: number;
  password_hash: string | null;
}

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    role: row.role,
    disabled: row.disabled !== 0,
    tokenVersion: row.token_version,
    passwordHash: row.password_hash,
  };
}

/**
 * The AuthStore in the sync database of the data directory. Every change bumps `auth_revision` in
 * the same transaction.
 */
export class SqliteAuthStore implements AuthStore {
  private readonly byId;
  private readonly byLogin;
  private readonly groupsOf;
  private readonly selectRevision;
  private readonly bump;
  private readonly selectUsage;

  constructor(private readonly db: Database.Database) {
    this.byId = db.prepare<[number], AccountRow>('SELECT * FROM accounts WHERE id = ?');
    this.byLogin = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE login = ?');
    this.groupsOf = db.prepare<[number], { id: string; name: string; lead: number }>(
      `SELECT g.id, g.name, m.lead FROM group_members m JOIN work_groups g ON g.id = m.group_id
       WHERE m.account_id = ? ORDER BY g.name`,
    );
    this.selectRevision = db.prepare<[], { revision: number }>('SELECT revision FROM auth_revision WHERE id = 1');
    this.bump = db.prepare('UPDATE auth_revision SET revision = revision + 1 WHERE id = 1');
    // Read for every account that writes after each quota flush: prepared once.
    this.selectUsage = db.prepare<[string], AccountUsage>('SELECT docs, bytes FROM account_usage WHERE login = ?');
  }

  /** Changes whenever accounts, groups or memberships change (in any process). */
  revision(): number {
    return this.selectRevision.get()?.revision ?? 0;
  }

  hasAccounts(): boolean {
    return this.db.prepare('SELECT 1 FROM accounts LIMIT 1').get() !== undefined;
  }

  accountById(id: number): Account | null {
    const row = this.byId.get(id);
    return row === undefined ? null : toAccount(row);
  }

  accountByLogin(login: string): Account | null {
    const row = this.byLogin.get(normalizeLogin(login));
    return row === undefined ? null : toAccount(row);
  }

  /** The account or an AuthInputError naming the unknown login. */
  requireAccount(login: string): Account {
    const account = this.accountByLogin(login);
    if (account === null) {
      throw unknownAccount(login);
    }
    return account;
  }

  /** The groups an account belongs to, with its lead flag. */
  groupsOfAccount(accountId: number): AccountGroup[] {
    return this.groupsOf.all(accountId).map((row) => ({ id: row.id, name: row.name, lead: row.lead !== 0 }));
  }

  groups(): WorkGroup[] {
    return this.db.prepare<[], WorkGroup>('SELECT id, name FROM work_groups ORDER BY created_at, id').all();
  }

  accounts(): ListedAccount[] {
    return this.db
      .prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY login')
      .all()
      .map((row) => {
        const { passwordHash, ...account } = toAccount(row);
        return { ...account, hasPassword: passwordHash !== null, groups: this.groupsOfAccount(row.id) };
      });
  }

  createAccount(input: { login: string; name: string; role: Role; passwordHash: string | null }): Account {
    const login = checkedLogin(input.login);
    const name = checkedDisplayName(input.name);
    return this.write(() => {
      if (this.byLogin.get(login) !== undefined) {
        throw accountExists(login);
      }
      this.db
        .prepare('INSERT INTO accounts (login, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(login, name, input.role, input.passwordHash, Date.now());
      return toAccount(this.byLogin.get(login) as AccountRow);
    });
  }

  /** Sets the password and revokes the account's earlier tokens. */
  setPasswordHash(accountId: number, passwordHash: string): void {
    this.write(() => {
      this.db
        .prepare('UPDATE accounts SET password_hash = ?, token_version = token_version + 1 WHERE id = ?')
        .run(passwordHash, accountId);
    });
  }

  /** Disables (or enables) an account; disabling also revokes its tokens at once. */
  setDisabled(login: string, disabled: boolean): Account {
    return this.write(() => {
      const account = this.requireAccount(login);
      this.db
        .prepare('UPDATE accounts SET disabled = ?, token_version = token_version + ? WHERE id = ?')
        .run(disabled ? 1 : 0, disabled ? 1 : 0, account.id);
      return this.accountById(account.id) as Account;
    });
  }

  /** Revokes every token issued to the account so far (sign out everywhere). */
  revokeTokens(login: string): void {
    this.write(() => {
      const account = this.requireAccount(login);
      this.db.prepare('UPDATE accounts SET token_version = token_version + 1 WHERE id = ?').run(account.id);
    });
  }

  createGroup(groupId: string, groupName: string): WorkGroup {
    const { id, name: trimmed } = checkedGroup(groupId, groupName);
    return this.write(() => {
      const existing = this.db.prepare<[string], { id: string }>('SELECT id FROM work_groups WHERE id = ?').get(id);
      if (existing !== undefined) {
        throw groupExists(id);
      }
      this.db.prepare('INSERT INTO work_groups (id, name, created_at) VALUES (?, ?, ?)').run(id, trimmed, Date.now());
      return { id, name: trimmed };
    });
  }

  addMember(groupId: string, login: string, lead: boolean): void {
    this.write(() => {
      this.requireGroup(groupId);
      const account = this.requireAccount(login);
      this.db
        .prepare(
          `INSERT INTO group_members (group_id, account_id, lead) VALUES (?, ?, ?)
           ON CONFLICT (group_id, account_id) DO UPDATE SET lead = excluded.lead`,
        )
        .run(groupId, account.id, lead ? 1 : 0);
    });
  }

  removeMember(groupId: string, login: string): void {
    this.write(() => {
      this.requireGroup(groupId);
      const account = this.requireAccount(login);
      const result = this.db
        .prepare('DELETE FROM group_members WHERE group_id = ? AND account_id = ?')
        .run(groupId, account.id);
      if (result.changes === 0) {
        throw notAMember(account.login, groupId);
      }
    });
  }

  /** Creates a one-time invitation code for the account, valid for `ttlMs`. Only its hash is stored. */
  createInvitation(login: string, ttlMs: number, now = Date.now()): { code: string; expiresAt: number } {
    const code = newInvitationCode();
    const expiresAt = now + ttlMs;
    this.write(() => {
      const account = this.requireAccount(login);
      this.db
        .prepare('INSERT INTO invitations (code_hash, account_id, expires_at) VALUES (?, ?, ?)')
        .run(hashCode(code), account.id, expiresAt);
    });
    return { code, expiresAt };
  }

  /**
   * Uses up an invitation and sets the password in one transaction; returns the account, or null
   * for an unknown, used or expired code (or a disabled account).
   */
  redeemInvitation(code: string, passwordHash: string, now = Date.now()): Account | null {
    return this.write(() => {
      const row = this.db
        .prepare<[string], { account_id: number; expires_at: number; used_at: number | null }>(
          'SELECT account_id, expires_at, used_at FROM invitations WHERE code_hash = ?',
        )
        .get(hashCode(code));
      if (row === undefined || row.used_at !== null || row.expires_at <= now) {
        return null;
      }
      const account = this.accountById(row.account_id);
      if (account === null || account.disabled) {
        return null;
      }
      this.db.prepare('UPDATE invitations SET used_at = ? WHERE code_hash = ?').run(now, hashCode(code));
      this.db
        .prepare('UPDATE accounts SET password_hash = ?, token_version = token_version + 1 WHERE id = ?')
        .run(passwordHash, account.id);
      return this.accountById(account.id);
    });
  }

  private requireGroup(groupId: string): void {
    if (this.db.prepare('SELECT 1 FROM work_groups WHERE id = ?').get(groupId) === undefined) {
      throw unknownGroup(groupId);
    }
  }

  accountUsage(logins: readonly string[]): Map<string, AccountUsage> {
    return new Map(logins.map((login) => [login, this.selectUsage.get(login) ?? { docs: 0, bytes: 0 }]));
  }

  addAccountUsage(deltas: ReadonlyMap<string, AccountUsage>): void {
    const add = this.db.prepare(
      `INSERT INTO account_usage (login, docs, bytes) VALUES (?, ?, ?)
       ON CONFLICT (login) DO UPDATE SET docs = docs + excluded.docs, bytes = bytes + excluded.bytes`,
    );
    this.db.transaction(() => {
      for (const [login, usage] of deltas) {
        add.run(login, usage.docs, usage.bytes);
      }
    })();
  }

  /** Runs `fn` in an IMMEDIATE transaction that also bumps the revision. */
  private write<T>(fn: () => T): T {
    return this.db
      .transaction(() => {
        const result = fn();
        this.bump.run();
        return result;
      })
      .immediate();
  }
}
