import { createHash, randomBytes, randomInt } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { SessionState } from '../../../shared/docs/workshop/index.js';

/**
 * How long saves wait to share a transaction. The document commits run in a worker on the same
 * SQLite file; fewer, larger workshop transactions meet its write lock less often.
 */
const COMMIT_DELAY_MS = 10;

/**
 * The workshop sessions in the sync server's SQLite database (tables `workshop_*`, created on first
 * use next to the documents and accounts, so one backup holds them all). A session's whole state is
 * one JSON row, written in the same transaction as the action's entry in the private event log.
 * Single instance: with scale-out, every request and connection of a session must reach the same
 * server (see README of this folder).
 */
export class WorkshopStore {
  private readonly cache = new Map<string, SessionState>();
  private pending: Batch | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly onCommitted: (states: readonly SessionState[]) => void = () => undefined,
  ) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS workshop_sessions (
        id         TEXT PRIMARY KEY,
        group_id   TEXT NOT NULL,
        join_code  TEXT NOT NULL UNIQUE,
        date       TEXT NOT NULL,
        state      TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS workshop_sessions_group ON workshop_sessions (group_id, date);
      CREATE TABLE IF NOT EXISTS workshop_tokens (
        hash           TEXT PRIMARY KEY,
        session_id     TEXT NOT NULL REFERENCES workshop_sessions (id),
        participant_id TEXT NOT NULL,
        moderator      INTEGER NOT NULL,
        account_id     INTEGER,
        expires_at     INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS workshop_joins (
        session_id     TEXT NOT NULL REFERENCES workshop_sessions (id),
        key            TEXT NOT NULL,
        participant_id TEXT NOT NULL,
        PRIMARY KEY (session_id, key)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS workshop_events (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL,
        at         INTEGER NOT NULL,
        actor_id   TEXT NOT NULL,
        type       TEXT NOT NULL,
        outcome    TEXT NOT NULL,
        target     TEXT
      );
    `);
  }

  /** A session's state (cached in memory after the first read), or null. */
  session(id: string): SessionState | null {
    const cached = this.cache.get(id);
    if (cached !== undefined) {
      return cached;
    }
    const row = this.db.prepare<[string], { state: string }>('SELECT state FROM workshop_sessions WHERE id = ?').get(id);
    if (row === undefined) {
      return null;
    }
    const state = JSON.parse(row.state) as SessionState;
    this.cache.set(id, state);
    return state;
  }

  sessionIdByCode(code: string): string | null {
    const row = this.db.prepare<[string], { id: string }>('SELECT id FROM workshop_sessions WHERE join_code = ?').get(normalizeCode(code));
    return row?.id ?? null;
  }

  /** Sessions of a group, newest date first. */
  sessionsOfGroup(groupId: string): SessionState[] {
    return this.db
      .prepare<[string], { id: string }>('SELECT id FROM workshop_sessions WHERE group_id = ? ORDER BY date DESC, created_at DESC')
      .all(groupId)
      .flatMap((row) => {
        const state = this.session(row.id);
        return state === null ? [] : [state];
      });
  }

  /** Inserts a new session; false if its id exists already. */
  insert(state: SessionState, now: number): boolean {
    const result = this.db
      .prepare('INSERT OR IGNORE INTO workshop_sessions (id, group_id, join_code, date, state, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(state.id, state.groupId, state.joinCode, state.date, JSON.stringify(state), state.createdAt, now);
    if (result.changes === 1) {
      this.cache.set(state.id, state);
    }
    return result.changes === 1;
  }

  /**
   * Stores the new state (it is the cached one at once, so the next action sees it) and records who
   * did what. Writes are grouped: everything saved within one turn of the event loop is committed in
   * one transaction (one fsync for a room full of people clicking at once). Resolves once committed;
   * then `onCommitted` gets the sessions' newest states to publish.
   */
  save(state: SessionState, event: WorkshopEvent): Promise<void> {
    this.cache.set(state.id, state);
    const batch = this.batch();
    batch.states.set(state.id, state);
    batch.events.push({ sessionId: state.id, ...event });
    return batch.committed;
  }

  /** Records an action (also a refused one) in the private event log: time, who, what, outcome. */
  record(sessionId: string, event: WorkshopEvent): void {
    this.batch().events.push({ sessionId, ...event });
  }

  /** Writes what is queued now (also called by the timer); safe to call any time. */
  flush(): void {
    const batch = this.pending;
    if (batch === null) {
      return;
    }
    this.pending = null;
    try {
      this.db.transaction(() => {
        const update = this.db.prepare('UPDATE workshop_sessions SET state = ?, date = ?, updated_at = ? WHERE id = ?');
        const insert = this.db.prepare('INSERT INTO workshop_events (session_id, at, actor_id, type, outcome, target) VALUES (?, ?, ?, ?, ?, ?)');
        for (const state of batch.states.values()) {
          update.run(JSON.stringify(state), state.date, Date.now(), state.id);
        }
        for (const event of batch.events) {
          insert.run(event.sessionId, event.at, event.actorId, event.type, event.outcome, event.target);
        }
      })();
    } catch (error: unknown) {
      // Forget the uncommitted states: the next read loads what the database holds.
      for (const id of batch.states.keys()) {
        this.cache.delete(id);
      }
      batch.fail(error);
      return;
    }
    batch.succeed();
    if (batch.states.size > 0) {
      this.onCommitted([...batch.states.values()]);
    }
  }

  private batch(): Batch {
    if (this.pending === null) {
      let succeed = (): void => undefined;
      let fail: (error: unknown) => void = () => undefined;
      const committed = new Promise<void>((resolve, reject) => {
        succeed = resolve;
        fail = reject;
      });
      committed.catch(() => undefined); // a batch without waiters must not reject unhandled
      this.pending = { states: new Map(), events: [], committed, succeed, fail };
      setTimeout(() => this.flush(), COMMIT_DELAY_MS);
    }
    return this.pending;
  }

  events(sessionId: string): WorkshopEvent[] {
    return this.db
      .prepare<[string], { at: number; actorId: string; type: string; outcome: string; target: string | null }>(
        'SELECT at, actor_id AS actorId, type, outcome, target FROM workshop_events WHERE session_id = ? ORDER BY seq',
      )
      .all(sessionId);
  }

  /** The participant who joined before with this key (an account or a device), or null. */
  joined(sessionId: string, key: string): string | null {
    return (
      this.db
        .prepare<[string, string], { participant_id: string }>('SELECT participant_id FROM workshop_joins WHERE session_id = ? AND key = ?')
        .get(sessionId, key)?.participant_id ?? null
    );
  }

  remember(sessionId: string, key: string, participantId: string): void {
    this.db.prepare('INSERT OR REPLACE INTO workshop_joins (session_id, key, participant_id) VALUES (?, ?, ?)').run(sessionId, key, participantId);
  }

  /** Issues a session token (only its hash is stored). */
  issueToken(grant: TokenGrant): string {
    const token = `wst_${randomBytes(24).toString('base64url')}`;
    this.db
      .prepare('INSERT INTO workshop_tokens (hash, session_id, participant_id, moderator, account_id, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(hashToken(token), grant.sessionId, grant.participantId, grant.moderator ? 1 : 0, grant.accountId, grant.expiresAt);
    return token;
  }

  /** The grant behind a session token, or null if unknown or expired. */
  token(token: string, now: number): TokenGrant | null {
    if (!isSessionToken(token)) {
      return null;
    }
    const row = this.db
      .prepare<[string], { session_id: string; participant_id: string; moderator: number; account_id: number | null; expires_at: number }>(
        'SELECT session_id, participant_id, moderator, account_id, expires_at FROM workshop_tokens WHERE hash = ?',
      )
      .get(hashToken(token));
    if (row === undefined || row.expires_at <= now) {
      return null;
    }
    return {
      sessionId: row.session_id,
      participantId: row.participant_id,
      moderator: row.moderator === 1,
      accountId: row.account_id,
      expiresAt: row.expires_at,
    };
  }
}

/** An entry of the private event log. */
export interface WorkshopEvent {
  at: number;
  actorId: string;
  type: string;
  outcome: string;
  target: string | null;
}

interface Batch {
  states: Map<string, SessionState>;
  events: (WorkshopEvent & { sessionId: string })[];
  committed: Promise<void>;
  succeed: () => void;
  fail: (error: unknown) => void;
}

/** What a session token stands for. */
export interface TokenGrant {
  sessionId: string;
  participantId: string;
  /** Moderator by the key it got at creation (without accounts); with accounts re-checked on every use. */
  moderator: boolean;
  accountId: number | null;
  expiresAt: number;
}

/** Session tokens are opaque: `wst_` and 32 random characters; account tokens never look like this. */
export function isSessionToken(token: string): boolean {
  return /^wst_[A-Za-z0-9_-]{32}$/.test(token);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Ids for sessions and everything in them: 16 lowercase letters and digits (82 bits). */
export function newId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0; i < 16; i++) {
    id += alphabet[randomInt(alphabet.length)];
  }
  return id;
}

/** Join codes: 6 characters without look-alikes (0/O, 1/I/L), about 10⁹ codes. */
export function newJoinCode(): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
  let code = '';
  for (let i = 0; i < 6; i++) {
    code += alphabet[randomInt(alphabet.length)];
  }
  return code;
}

/** Codes are read aloud and typed on iPads: case and spaces or dashes do not matter. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}
