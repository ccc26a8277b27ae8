import { documentAccess, may, type DocumentAccess } from '../../../shared/access';
import { AuthResponse, type AccountInfo } from '../../../shared/sync/auth-api';
import { api } from '../../api/client';

/** A signed-in session: the sync server's token and who it belongs to. */
export type Session = AuthResponse;

const SESSION_KEY = 'fokuswerk.session';
const AUTH_REQUIRED_KEY = 'fokuswerk.authRequired';

/**
 * Whether the sync server requires sign-in. Remembered, so the app also starts offline; the demo
 * and embedded servers answer false.
 */
export async function authRequired(): Promise<boolean> {
  try {
    const config = await api.auth.config({});
    localStorage.setItem(AUTH_REQUIRED_KEY, String(config.auth));
    return config.auth;
  } catch {
    return localStorage.getItem(AUTH_REQUIRED_KEY) === 'true';
  }
}

/** Signs in with login and password (through the host, which asks the sync server). */
export function login(loginName: string, password: string): Promise<Session> {
  return api.auth.login({ login: loginName, password });
}

/** Sets the password from an invitation code and signs in. */
export function redeemInvitation(code: string, password: string): Promise<Session> {
  return api.auth.invitation({ code, password });
}

/** Exchanges a still valid token for a fresh one (with current roles and groups). */
export function refresh(token: string): Promise<Session> {
  return api.auth.refresh({ token });
}

/** The saved session, if any (possibly expired: the app still opens offline with it). */
export function loadSession(): Session | null {
  try {
    const parsed = AuthResponse.safeParse(JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Saves or (with null) forgets the session. */
export function saveSession(session: Session | null): void {
  if (session) {
    localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  } else {
    localStorage.removeItem(SESSION_KEY);
  }
}

/** What the signed-in account may do in the app; with auth off everybody may do everything. */
export interface Permissions {
  /** May edit a group's proposals. */
  canEditGroup(groupId: string): boolean;
  /** May open a group's documents at all. */
  canReadGroup(groupId: string): boolean;
  /** May push recommendations into, and edit, the annual report. */
  canEditReport: boolean;
  /** May import and publish statistics. */
  canPublishStatistics: boolean;
}

/** Everything allowed: the demo and embedded servers have no accounts. */
export const ALL_PERMISSIONS: Permissions = {
  canEditGroup: () => true,
  canReadGroup: () => true,
  canEditReport: true,
  canPublishStatistics: true,
};

/** Asks the rules the sync server enforces (shared/access/) to shape the UI; never re-derives one. */
export function permissionsOf(account: AccountInfo): Permissions {
  const groupAccess = (groupId: string): DocumentAccess => documentAccess(account, { kind: 'group-index', groupId });
  return {
    canEditGroup: (groupId) => groupAccess(groupId) === 'read-write',
    canReadGroup: (groupId) => groupAccess(groupId) !== 'none',
    canEditReport: may(account, { kind: 'push-recommendation' }),
    canPublishStatistics: may(account, { kind: 'publish-statistics' }),
  };
}
