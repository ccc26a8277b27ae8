import { createHash } from 'node:crypto';
import { documentAccess } from '../../shared/access/index.js';
import type { AccountInfo } from '../../shared/sync/auth-api.js';
import { parseDocName } from '../../shared/sync/doc-names.js';
import type { Authorize, AuthorizeResult, Identity } from '../authorize.js';
import { closeReasons } from '../close-reasons.js';
import { verifyPassword } from './password.js';
import type { Account, AuthStore } from './store.js';
import { newSessionId, signToken, verifyToken, type TokenClaims } from './token.js';

/** Default lifetime of an access token: a working day; clients refresh it at half-time. */
export const DEFAULT_TOKEN_TTL_SECONDS = 12 * 60 * 60;

/** Caret colours the server assigns when a client sends none (readable on white). */
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#ff7f0e'];

/** A colour chosen from the login, the same on every device. */
export function colorForLogin(login: string): string {
  const digest = createHash('sha256').update(login).digest();
  return PALETTE[(digest[0] ?? 0) % PALETTE.length] as string;
}

/** A signed-in account behind a verified token. */
export interface Session {
  account: Account;
  claims: TokenClaims;
}

/** Result of checking a token against signature, expiry and the account's current state. */
export type SessionResult = { ok: true; session: Session } | { ok: false; reason: string };

/** Issues and checks access tokens and decides access from the account store. */
export class AuthService {
  constructor(
    private readonly store: AuthStore,
    private readonly key: Buffer,
    private readonly tokenTtlSeconds = DEFAULT_TOKEN_TTL_SECONDS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Signs a token for `account`; `sessionId` keeps the session across refreshes. */
  issueToken(account: Account, options: { sessionId?: string; ttlSeconds?: number } = {}): { token: string; expiresAt: number } {
    const exp = Math.floor(this.now() / 1000) + (options.ttlSeconds ?? this.tokenTtlSeconds);
    const token = signToken(this.key, { sub: account.id, sid: options.sessionId ?? newSessionId(), ver: account.tokenVersion, exp });
    return { token, expiresAt: exp * 1000 };
  }

  /** Verifies a token and that its account still exists, is enabled, and has not revoked it. */
  session(token: string): SessionResult {
    const verified = verifyToken(this.key, token, Math.floor(this.now() / 1000));
    if (!verified.ok) {
      return { ok: false, reason: verified.error === 'expired' ? closeReasons.tokenExpired : closeReasons.invalidToken };
    }
    return this.recheckSession(verified.claims);
  }

  /** Checks a verified token's claims against the account as it is now (and the clock). */
  recheckSession(claims: TokenClaims): SessionResult {
    if (claims.exp * 1000 <= this.now()) {
      return { ok: false, reason: closeReasons.tokenExpired };
    }
    const account = this.store.accountById(claims.sub);
    if (account === null || account.disabled) {
      return { ok: false, reason: closeReasons.accountDisabled };
    }
    if (account.tokenVersion !== claims.ver) {
      return { ok: false, reason: closeReasons.tokenRevoked };
    }
    return { ok: true, session: { account, claims } };
  }

  /**
   * The account if login and password match and it is enabled; null otherwise (same time either
   * way). `priority` orders the password check in the hash pool (see hash-pool.ts).
   */
  async login(login: string, password: string, priority = 0): Promise<Account | null> {
    const account = this.store.accountByLogin(login);
    const matches = await verifyPassword(password, account?.passwordHash ?? null, priority);
    return matches && account !== null && !account.disabled ? account : null;
  }

  /** What the app shows about the signed-in account. */
  accountInfo(account: Account): AccountInfo {
    return { login: account.login, name: account.name, role: account.role, groups: this.store.groupsOfAccount(account.id) };
  }

  /** The Authorize hook for the sync server: token → session → access to the document. */
  readonly authorize: Authorize = ({ token, docName }) => {
    if (token === null || token === '') {
      return { deny: 'unauthorized', reason: closeReasons.unauthorized };
    }
    const result = this.session(token);
    return result.ok ? this.decide(result.session.claims, docName) : { deny: 'unauthorized', reason: result.reason };
  };

  private decide(claims: TokenClaims, docName: string): AuthorizeResult {
    const checked = this.recheckSession(claims);
    if (!checked.ok) {
      return { deny: 'unauthorized', reason: checked.reason };
    }
    const { account } = checked.session;
    const doc = parseDocName(docName);
    const principal = { role: account.role, groups: this.store.groupsOfAccount(account.id) };
    const access = doc === null ? 'none' : documentAccess(principal, doc);
    if (access === 'none') {
      return { deny: 'forbidden', reason: closeReasons.forbidden };
    }
    const identity: Identity = { login: account.login, name: account.name, color: colorForLogin(account.login) };
    return { access, identity, expiresAt: claims.exp * 1000, recheck: () => this.decide(claims, docName) };
  }
}
