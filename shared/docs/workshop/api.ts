import { z } from 'zod';
import { AgendaItem, Id } from './model';

/**
 * The workshop HTTP API of the sync server (JSON, below the server's address and path prefix, e.g.
 * `http://host:port/workshop/join`). Session routes take the session token from the join or create
 * answer as `Authorization: Bearer <token>`; the same token opens the session's public document
 * (`workshop/<sessionId>`, URL parameter `token`) and nothing else. Errors answer
 * `{ error, message }` (WorkshopError) with 400/401/403/404/409/429.
 */
export const WorkshopPath = {
  /** GET → ServerTime (no token). */
  time: '/workshop/time',
  /** POST CreateSessionRequest → JoinResponse (role moderator). With accounts: account token that may `moderate-workshop` the group. */
  sessions: '/workshop/sessions',
  /** POST JoinRequest → JoinResponse. With accounts: optional account token (members join as themselves). */
  join: '/workshop/join',
  /** POST SessionBundle → ImportResponse (idempotent). With accounts: account token that may moderate the bundle's group. */
  import: '/workshop/import',
  /** GET → MyState (session token). */
  me: (sessionId: string) => `/workshop/sessions/${sessionId}/me`,
  /** POST WorkshopAction → ActionResult (session token). */
  actions: (sessionId: string) => `/workshop/sessions/${sessionId}/actions`,
  /** GET → Protocol (session token of the moderator; of everyone once the session is closed). */
  protocol: (sessionId: string) => `/workshop/sessions/${sessionId}/protocol`,
  /** GET → SessionBundle (moderator's session token). */
  bundle: (sessionId: string) => `/workshop/sessions/${sessionId}/bundle`,
} as const;

/** The server's clock: clients compute `offset = now - (sent + received) / 2` and show timers with it. */
export const ServerTime = z.object({ now: z.number() });
export type ServerTime = z.infer<typeof ServerTime>;

/** Join by the short code (from the link `…#/workshop/<code>` or the QR code). */
export const JoinRequest = z.object({
  code: z.string().trim().min(4).max(16),
  /** Name shown to others; required for guests and without accounts, ignored for accounts. */
  name: z.string().trim().min(1).max(100).optional(),
  /**
   * A random id the device keeps (≥ 16 characters). Joining again with it returns the same
   * participant (own cards, remaining dots) instead of a new one.
   */
  deviceId: z.string().min(16).max(128).optional(),
});
export type JoinRequest = z.infer<typeof JoinRequest>;

/** Answer of create and join. */
export const JoinResponse = z.object({
  sessionId: Id,
  /** The session's public document, e.g. `workshop/ab12…`. */
  docName: z.string(),
  joinCode: z.string(),
  /** Session token: Bearer for the session routes, `token` parameter for the public document. */
  token: z.string(),
  expiresAt: z.string(),
  moderator: z.boolean(),
  /** The caller's participant id; null for a moderator who joined only to moderate. */
  participantId: Id.nullable(),
});
export type JoinResponse = z.infer<typeof JoinResponse>;

/** A session in the list of `GET /workshop/sessions?groupId=…` (agendas double as templates). */
export const SessionSummary = z.object({
  id: Id,
  groupId: z.string(),
  title: z.string(),
  date: z.string(),
  status: z.enum(['not-started', 'running', 'paused', 'closed']),
  agenda: z.array(AgendaItem),
});
export type SessionSummary = z.infer<typeof SessionSummary>;

export const ImportResponse = z.object({ sessionId: Id, imported: z.boolean() });
export type ImportResponse = z.infer<typeof ImportResponse>;

/** Error body of every workshop route; `error` is an HTTP-level code or a RuleViolation (actions.ts). */
export const WorkshopError = z.object({ error: z.string(), message: z.string(), detail: z.string().optional() });
export type WorkshopError = z.infer<typeof WorkshopError>;
