import { z } from 'zod';

/**
 * The sync server's sign-in API (JSON over HTTP on the sync server's own port, below its path
 * prefix). The token it returns goes into the `token` URL parameter of every sync connection.
 */

/**
 * Roles of accounts; see shared/access/ for what each may read and write. `steuerung` is the
 * Steuerungsgruppe Sozialplanung: it reads every group's proposals and rates recommendations.
 */
export const Role = z.enum(['admin', 'stabsstelle', 'steuerung', 'moderation', 'member']);
export type Role = z.infer<typeof Role>;

/** Paths below the sync server's address (plus its path prefix, e.g. `/sync/auth/login`). */
export const AuthPath = {
  /** GET → AuthConfig. */
  config: '/auth/config',
  /** POST LoginRequest → AuthResponse. */
  login: '/auth/login',
  /** POST with `Authorization: Bearer <token>` (still valid) → AuthResponse with a fresh token. */
  refresh: '/auth/refresh',
  /** POST InvitationRequest → AuthResponse (sets the password, signs in, uses up the code). */
  invitation: '/auth/invitation',
  /** GET with `Authorization: Bearer <token>` → AuthResponse['account']. */
  me: '/auth/me',
} as const;

/** Whether the server requires sign-in at all (demo and embedded servers do not). */
export const AuthConfig = z.object({ auth: z.boolean() });
export type AuthConfig = z.infer<typeof AuthConfig>;

export const LoginRequest = z.object({ login: z.string().min(1).max(128), password: z.string().min(1).max(1024) });
export type LoginRequest = z.infer<typeof LoginRequest>;

/** Shortest password the sync server accepts when one is set (the sign-in form says so before sending). */
export const PASSWORD_MIN_LENGTH = 10;

export const InvitationRequest = z.object({ code: z.string().min(1).max(256), password: z.string().min(1).max(1024) });
export type InvitationRequest = z.infer<typeof InvitationRequest>;

/** A working group the account belongs to; `lead` marks its leads. */
export const AccountGroup = z.object({ id: z.string(), name: z.string(), lead: z.boolean() });
export type AccountGroup = z.infer<typeof AccountGroup>;

export const AccountInfo = z.object({
  login: z.string(),
  name: z.string(),
  role: Role,
  groups: z.array(AccountGroup),
});
export type AccountInfo = z.infer<typeof AccountInfo>;

/** Answer of login, refresh and invitation. `expiresAt` is an ISO 8601 time. */
export const AuthResponse = z.object({ token: z.string(), expiresAt: z.string(), account: AccountInfo });
export type AuthResponse = z.infer<typeof AuthResponse>;

/** Error answer of every auth endpoint: a stable code and a German/English message. */
export const AuthError = z.object({
  error: z.enum([
    'auth-disabled',
    'bad-request',
    'invalid-credentials',
    'invalid-invitation',
    'weak-password',
    'unauthorized',
    'rate-limited',
    'not-found',
    'method-not-allowed',
  ]),
  message: z.string(),
});
export type AuthError = z.infer<typeof AuthError>;
