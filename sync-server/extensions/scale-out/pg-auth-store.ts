import pg from 'pg';
import type { AccountGroup, Role } from '../../../shared/sync/auth-api.js';
import {
  accountExists,
  checkedDisplayName,
  checkedGroup,
  checkedLogin,
  groupExists,
  hashCode,
  newInvitationCode,
  normalizeLogin,
  notAMember,
  unknownAccount,
  unknownGroup,
  type Account,
  type AccountUsage,
  type AuthStore,
  type ListedAccount,
  type WorkGroup,
} from '../../auth/store.js';
import { ACCOUNTS_CHANNEL } from './pg-auth-channel.js';
import type { AccountsDump, PgAccountRow, PgAuthFailure, PgAuthWorkerConfig } from './pg-auth-worker.js';
import { redact } from './pg-store.js';
import { SyncCallWorker } from '../../worker-call.js';

const CONNECT_TIMEOUT_MS = 15_000;
/** Wait before listening again after the notification connection broke. */
const RELISTEN_MS = 1_000;
const CALL_TIMEOUT_MS = 10_000;
/** Cached reads are dropped beyond this many accounts (a county's planning staff is far fewer). */
const MAX_CACHED = 10_000;

/** The account store on PostgreSQL, with the signing key every instance shares. */
export interface PgAuthStore extends AuthStore {
  /** The token signing key, created once for the whole cluster (race-safe insert). */
  tokenKey(): Buffer;
  /** All account tables, read in one snapshot (cluster backup). */
  exportAccounts(): AccountsDump;
  /** Fills empty account tables from a backup; false (nothing changed) if any account or group exists. */
  importAccounts(dump: AccountsDump): boolean;
  close(): void;
}

function toAccount(row: PgAccountRow): Account {
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    role: row.role as Role,
    disabled: row.disabled,
    tokenVersion: row.token_version,
    passwordHash: row.password_hash,
  };
}

function isFailure(result: unknown): result is PgAuthFailure {
  return typeof result === 'object' && result !== null && 'failure' in result;
}

/**
 * Opens the accounts of a scaled-out deployment in PostgreSQL (tables created if missing). The
 * connection lives in a worker thread and calls block like better-sqlite3's (see worker-call.ts), so
 * the server's synchronous access checks stay as they are. Reads on the connection path (an
 * account by id, its groups) are cached until the shared revision changes: the server polls
 * revision() every re-check interval, which drops the cache and re-checks every open connection,
 * so a change made on any instance reaches every instance's connections within that interval.
 */
export function openPgAuthStore(url: string): PgAuthStore {
  const config: PgAuthWorkerConfig = { url };
  const worker = new SyncCallWorker(new URL('./pg-auth-worker.ts', import.meta.url), config);
  try {
    worker.call('migrate', [], CONNECT_TIMEOUT_MS);
  } catch (error: unknown) {
    void worker.terminate();
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`PostgreSQL nicht nutzbar / PostgreSQL not usable (${redact(url)}): ${detail}`, { cause: error });
  }
  let closed = false;
  const call = <T>(op: string, args: unknown[] = []): T => {
    if (closed) {
      throw new Error('Kontenspeicher ist geschlossen / account store is closed');
    }
    return worker.call<T>(op, args, CALL_TIMEOUT_MS);
  };
  const accountsById = new Map<number, Account | null>();
  const groupsById = new Map<number, AccountGroup[]>();
  let knownRevision: number | null = null;
  const forget = (): void => {
    accountsById.clear();
    groupsById.clear();
  };
  /** Runs a write; a reported failure becomes the AuthInputError the SQLite store throws. */
  const write = <T>(op: string, args: unknown[], failure: (kind: PgAuthFailure['failure']) => Error): T => {
    forget();
    const result = call<T | PgAuthFailure>(op, args);
    if (isFailure(result)) {
      throw failure(result.failure);
    }
    return result;
  };

  const store: PgAuthStore = {
    tokenKey: () => Buffer.from(call<Uint8Array>('tokenKey')),
    exportAccounts: () => call<AccountsDump>('exportAccounts'),
    importAccounts(dump) {
      forget();
      return call<boolean>('importAccounts', [dump]);
    },
    revision() {
      const revision = call<number>('revision');
      if (revision !== knownRevision) {
        knownRevision = revision;
        forget();
      }
      return revision;
    },
    hasAccounts: () => call<boolean>('hasAccounts'),
    accountById(id) {
      const cached = accountsById.get(id);
      if (cached !== undefined) {
        return cached;
      }
      const row = call<PgAccountRow | null>('accountById', [id]);
      const account = row === null ? null : toAccount(row);
      if (accountsById.size >= MAX_CACHED) {
        accountsById.clear();
      }
      accountsById.set(id, account);
      return account;
    },
    // Sign-in and the admin read fresh: an account created a moment ago on another instance signs in at once.
    accountByLogin(login) {
      const row = call<PgAccountRow | null>('accountByLogin', [normalizeLogin(login)]);
      return row === null ? null : toAccount(row);
    },
    requireAccount(login) {
      const account = store.accountByLogin(login);
      if (account === null) {
        throw unknownAccount(login);
      }
      return account;
    },
    groupsOfAccount(accountId) {
      const cached = groupsById.get(accountId);
      if (cached !== undefined) {
        return cached;
      }
      const groups = call<AccountGroup[]>('groupsOfAccount', [accountId]);
      if (groupsById.size >= MAX_CACHED) {
        groupsById.clear();
      }
      groupsById.set(accountId, groups);
      return groups;
    },
    groups: () => call<WorkGroup[]>('groups'),
    accounts(): ListedAccount[] {
      const { accounts, members } = call<{ accounts: PgAccountRow[]; members: { account_id: number; id: string; name: string; lead: boolean }[] }>('accounts');
      return accounts.map((row) => {
        const { passwordHash, ...account } = toAccount(row);
        const groups = members.filter((m) => m.account_id === row.id).map((m) => ({ id: m.id, name: m.name, lead: m.lead }));
        return { ...account, hasPassword: passwordHash !== null, groups };
      });
    },
    createAccount(input) {
      const login = checkedLogin(input.login);
      const name = checkedDisplayName(input.name);
      const row = write<PgAccountRow>('createAccount', [login, name, input.role, input.passwordHash, Date.now()], () => accountExists(login));
      return toAccount(row);
    },
    setPasswordHash(accountId, passwordHash) {
      write('setPasswordHash', [accountId, passwordHash], () => new Error('unexpected'));
    },
    setDisabled(login, disabled) {
      return toAccount(write<PgAccountRow>('setDisabled', [normalizeLogin(login), disabled], () => unknownAccount(login)));
    },
    revokeTokens(login) {
      write('revokeTokens', [normalizeLogin(login)], () => unknownAccount(login));
    },
    createGroup(groupId, groupName) {
      const group = checkedGroup(groupId, groupName);
      write('createGroup', [group.id, group.name, Date.now()], () => groupExists(group.id));
      return group;
    },
    addMember(groupId, login, lead) {
      write('addMember', [groupId, normalizeLogin(login), lead], (kind) => (kind === 'unknown-group' ? unknownGroup(groupId) : unknownAccount(login)));
    },
    removeMember(groupId, login) {
      write('removeMember', [groupId, normalizeLogin(login)], (kind) =>
        kind === 'unknown-group' ? unknownGroup(groupId) : kind === 'unknown-account' ? unknownAccount(login) : notAMember(normalizeLogin(login), groupId),
      );
    },
    createInvitation(login, ttlMs, now = Date.now()) {
      const code = newInvitationCode();
      const expiresAt = now + ttlMs;
      write('createInvitation', [normalizeLogin(login), hashCode(code), expiresAt], () => unknownAccount(login));
      return { code, expiresAt };
    },
    redeemInvitation(code, passwordHash, now = Date.now()) {
      forget();
      const row = call<PgAccountRow | null>('redeemInvitation', [hashCode(code), passwordHash, now]);
      return row === null ? null : toAccount(row);
    },
    accountUsage(logins) {
      const usage = new Map<string, AccountUsage>(logins.map((login) => [login, { docs: 0, bytes: 0 }]));
      for (const [login, docs, bytes] of call<[string, number, number][]>('accountUsage', [[...logins]])) {
        usage.set(login, { docs, bytes });
      }
      return usage;
    },
    addAccountUsage(deltas) {
      if (deltas.size === 0) {
        return;
      }
      const entries = [...deltas];
      call('addAccountUsage', [entries.map(([login]) => login), entries.map(([, u]) => u.docs), entries.map(([, u]) => u.bytes)]);
    },
    watch(listener) {
      return listenForChanges(url, listener);
    },
    close() {
      if (closed) {
        return;
      }
      try {
        worker.call('close', [], 2_000);
      } catch {
        // terminated below either way
      }
      closed = true;
      void worker.terminate();
    },
  };
  return store;
}

/**
 * Listens for account changes on its own connection (asynchronous, never blocks the server):
 * every committed change sends NOTIFY, so every instance re-checks within milliseconds. The
 * server still polls the revision, which covers a notification lost while reconnecting.
 */
function listenForChanges(url: string, listener: () => void): () => Promise<void> {
  let stopped = false;
  let current: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  const listen = (): void => {
    const db = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, application_name: 'fokuswerk-accounts-listen' });
    current = db;
    const again = (): void => {
      if (current === db) {
        current = null;
        void db.end().catch(() => {});
        if (!stopped) {
          retry = setTimeout(listen, RELISTEN_MS);
          retry.unref();
          listener(); // a change may have been missed meanwhile
        }
      }
    };
    db.on('error', again);
    db.on('end', again);
    db.on('notification', () => listener());
    db.connect()
      .then(() => db.query(`LISTEN ${ACCOUNTS_CHANNEL}`))
      .catch(again);
  };
  listen();
  return async () => {
    stopped = true;
    if (retry !== null) {
      clearTimeout(retry);
    }
    const db = current;
    current = null;
    await db?.end().catch(() => {});
  };
}
