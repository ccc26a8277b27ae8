import { randomInt } from 'node:crypto';
import { may, type Principal } from '../../../shared/access/index.js';
import {
  createSessionState,
  FORBIDDEN_VIOLATIONS,
  generateProtocol,
  publicView,
  myView,
  reduce,
  stateFromBundle,
  toBundle,
  appendLog,
  type Actor,
  type CreateSessionRequest,
  type JoinRequest,
  type JoinResponse,
  type MyState,
  type ParkingItem,
  type Protocol,
  type SessionBundle,
  type SessionState,
  type SessionSummary,
  type WorkshopAction,
} from '../../../shared/docs/workshop/index.js';
import type { Logger } from '../../../shared/log.js';
import type { z } from 'zod';
import { workshopDocName } from '../../../shared/sync/doc-names.js';
import type { AuthService } from '../../auth/service.js';
import type { Account, AuthStore } from '../../auth/store.js';
import { httpErrors } from './http-support.js';
import { newId, newJoinCode, type TokenGrant, type WorkshopStore } from './store.js';

/** Default lifetime of a session token: a long workshop day. */
export const DEFAULT_SESSION_TOKEN_TTL_MS = 16 * 60 * 60 * 1000;

/** Who calls, as far as the accounts know: a signed-in account (accounts mode) or nobody. */
export type Caller = { account: Account; principal: Principal } | null;

/** A session token resolved against its session, its participant and (with accounts) its account. */
export interface SessionCaller {
  grant: TokenGrant;
  state: SessionState;
  actor: Actor;
}

/**
 * The workshop's server side: sessions, joining, tokens and the actions, on top of the pure rules
 * in shared/docs/workshop/. Every change goes through `act` (or create/join/import), is stored and,
 * once committed, published to the session's public document by `publish`.
 */
export class WorkshopService {
  constructor(
    private readonly store: WorkshopStore,
    private readonly auth: { service: AuthService; store: AuthStore } | null,
    private readonly publish: (state: SessionState) => void,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly tokenTtlMs = DEFAULT_SESSION_TOKEN_TTL_MS,
  ) {}

  get accountsOn(): boolean {
    return this.auth !== null;
  }

  /** The account behind an account token (accounts mode), null without one; throws 401 for a bad one. */
  caller(token: string | null): Caller {
    if (this.auth === null || token === null) {
      return null;
    }
    const result = this.auth.service.session(token);
    if (!result.ok) {
      throw httpErrors.unauthorized();
    }
    const { account } = result.session;
    return { account, principal: { role: account.role, groups: this.auth.store.groupsOfAccount(account.id) } };
  }

  /** The session, participant and actor behind a session token for `sessionId`; throws 401/403. */
  sessionCaller(token: string | null, sessionId: string): SessionCaller {
    const grant = token === null ? null : this.store.token(token, this.now());
    if (grant === null) {
      throw httpErrors.unauthorized();
    }
    if (grant.sessionId !== sessionId) {
      throw httpErrors.forbidden('Dieser Schlüssel gilt für eine andere Sitzung / this token belongs to another session');
    }
    const state = this.store.session(sessionId);
    const participant = state?.participants[grant.participantId];
    if (state === null || participant === undefined) {
      throw httpErrors.unauthorized();
    }
    const moderator = this.moderatorNow(grant, state);
    if (moderator === null) {
      throw httpErrors.unauthorized();
    }
    return { grant, state, actor: { id: participant.id, name: participant.name, moderator, participantId: participant.id } };
  }

  /**
   * Whether the token's holder moderates the session now: without accounts by the key it got; with
   * accounts the account's rules are asked again (null: the account is gone or disabled).
   */
  moderatorNow(grant: TokenGrant, state: SessionState): boolean | null {
    if (grant.accountId === null || this.auth === null) {
      return grant.moderator;
    }
    const account = this.auth.store.accountById(grant.accountId);
    if (account === null || account.disabled) {
      return null;
    }
    return may({ role: account.role, groups: this.auth.store.groupsOfAccount(account.id) }, { kind: 'moderate-workshop', groupId: state.groupId });
  }

  create(caller: Caller, input: z.output<typeof CreateSessionRequest>): JoinResponse {
    if (this.auth !== null) {
      if (caller === null) {
        throw httpErrors.unauthorized();
      }
      if (!may(caller.principal, { kind: 'moderate-workshop', groupId: input.groupId })) {
        throw httpErrors.forbidden('Nur Moderation oder die Leitung der Gruppe / moderation or the group lead only');
      }
    }
    const now = this.now();
    const carriedOver = this.openParkingOfGroup(input.groupId);
    let state: SessionState | null = null;
    for (let attempt = 0; attempt < 5 && state === null; attempt++) {
      const candidate = createSessionState(input, { sessionId: newId(), joinCode: newJoinCode(), newId }, carriedOver, now);
      const participantId = newId();
      const name = caller?.account.name ?? input.moderatorName ?? 'Moderation';
      candidate.participants[participantId] = { id: participantId, name, kind: 'moderator', joinedAt: now };
      appendLog(candidate, { id: participantId, name, moderator: true, participantId }, 'session-created', now, { title: candidate.title });
      if (this.store.insert(candidate, now)) {
        state = candidate;
      }
    }
    if (state === null) {
      throw new Error('could not allocate a session id and join code');
    }
    const moderatorId = Object.keys(state.participants)[0] as string;
    if (caller !== null) {
      this.store.remember(state.id, `account:${caller.account.id}`, moderatorId);
    }
    this.publish(state);
    this.logger.info('workshop session created', { session: state.id, group: state.groupId });
    return this.tokenFor(state, moderatorId, true, caller?.account.id ?? null);
  }

  async join(caller: Caller, request: JoinRequest, sessionId: string): Promise<JoinResponse> {
    const state = this.store.session(sessionId);
    if (state === null || state.phase.status === 'closed' || state.imported) {
      throw httpErrors.unknownCode();
    }
    const now = this.now();
    let key: string | null;
    let name: string;
    let kind: 'member' | 'guest' | 'moderator';
    if (caller !== null) {
      const moderates = may(caller.principal, { kind: 'moderate-workshop', groupId: state.groupId });
      const member = caller.principal.groups.some((group) => group.id === state.groupId);
      if (!moderates && !member && !state.settings.guestsAllowed) {
        throw httpErrors.guestsNotAllowed();
      }
      key = `account:${caller.account.id}`;
      name = caller.account.name;
      kind = moderates ? 'moderator' : member ? 'member' : 'guest';
    } else {
      if (this.auth !== null && !state.settings.guestsAllowed) {
        throw httpErrors.guestsNotAllowed();
      }
      if (request.name === undefined) {
        throw httpErrors.badRequest('name: Name fehlt / name required');
      }
      key = request.deviceId === undefined ? null : `device:${request.deviceId}`;
      name = request.name;
      kind = 'guest';
    }
    let participantId = key === null ? null : this.store.joined(state.id, key);
    if (participantId === null || state.participants[participantId] === undefined) {
      participantId = newId();
      const next: SessionState = JSON.parse(JSON.stringify(state)) as SessionState;
      next.participants[participantId] = { id: participantId, name, kind, joinedAt: now };
      next.revision += 1;
      const saved = this.store.save(next, { at: now, actorId: participantId, type: 'join', outcome: 'ok', target: kind });
      if (key !== null) {
        this.store.remember(state.id, key, participantId);
      }
      await saved;
    }
    return this.tokenFor(state, participantId, kind === 'moderator', caller?.account.id ?? null);
  }

  sessionIdByCode(code: string): string | null {
    return this.store.sessionIdByCode(code);
  }

  /** Runs one action; throws 403/409 with the rule it broke. Refused actions are recorded too. */
  async act(caller: SessionCaller, action: WorkshopAction): Promise<{ id?: string; revision: number }> {
    const now = this.now();
    const result = reduce(caller.state, caller.actor, action, { now, newId, random: () => randomInt(2 ** 31) / 2 ** 31 });
    const target = targetOf(action);
    if (!result.ok) {
      this.store.record(caller.state.id, { at: now, actorId: caller.actor.id, type: action.type, outcome: result.violation, target });
      const message = `Nicht möglich: ${result.violation} / not possible`;
      throw FORBIDDEN_VIOLATIONS.includes(result.violation)
        ? httpErrors.forbidden(message)
        : httpErrors.conflict(result.violation, message, result.detail);
    }
    result.state.revision = caller.state.revision + 1;
    // Answered once committed; the store publishes the newest state after each commit.
    await this.store.save(result.state, { at: now, actorId: caller.actor.id, type: action.type, outcome: 'ok', target: result.id ?? target });
    return result.id === undefined ? { revision: result.state.revision } : { id: result.id, revision: result.state.revision };
  }

  me(caller: SessionCaller): MyState {
    return myView(caller.state, caller.actor.participantId, caller.actor.moderator);
  }

  protocol(caller: SessionCaller): Protocol {
    if (!caller.actor.moderator && caller.state.phase.status !== 'closed') {
      throw httpErrors.forbidden('Das Protokoll gibt es vor dem Ende nur für die Moderation / protocol before the close: moderator only');
    }
    return generateProtocol(publicView(caller.state));
  }

  bundle(caller: SessionCaller): SessionBundle {
    if (!caller.actor.moderator) {
      throw httpErrors.forbidden();
    }
    return toBundle(publicView(caller.state), this.now());
  }

  /** Stores a closed session from another server; the same bundle again changes nothing (409 if it differs). */
  import(caller: Caller, bundle: SessionBundle): { sessionId: string; imported: boolean } {
    const view = bundle.workshop;
    if (this.auth !== null) {
      if (caller === null) {
        throw httpErrors.unauthorized();
      }
      if (!may(caller.principal, { kind: 'moderate-workshop', groupId: view.session.groupId })) {
        throw httpErrors.forbidden();
      }
    }
    if (view.session.phase.status !== 'closed') {
      throw httpErrors.conflict('session-not-closed', 'Nur abgeschlossene Sitzungen / closed sessions only');
    }
    const existing = this.store.session(view.session.id);
    if (existing !== null) {
      const same = JSON.stringify(publicView(existing)) === JSON.stringify(publicView(stateFromBundle(bundle)));
      if (!existing.imported && !same) {
        throw httpErrors.conflict('session-exists', 'Eine andere Sitzung mit dieser Kennung existiert / another session has this id');
      }
      if (!same) {
        throw httpErrors.conflict('bundle-differs', 'Diese Sitzung wurde schon mit anderem Inhalt übernommen / imported before with other content');
      }
      return { sessionId: existing.id, imported: false };
    }
    const state = stateFromBundle(bundle);
    const now = this.now();
    if (this.store.sessionIdByCode(state.joinCode) !== null) {
      state.joinCode = `${state.joinCode}-${newId().slice(0, 4).toUpperCase()}`;
    }
    if (!this.store.insert(state, now)) {
      return { sessionId: state.id, imported: false };
    }
    this.store.record(state.id, { at: now, actorId: caller === null ? 'import' : `account:${caller.account.id}`, type: 'import', outcome: 'ok', target: null });
    this.publish(state);
    this.logger.info('workshop session imported', { session: state.id, group: state.groupId });
    return { sessionId: state.id, imported: true };
  }

  /** Sessions of a group for its members and moderators (their agendas serve as templates). */
  list(caller: Caller, groupId: string): SessionSummary[] {
    if (this.auth !== null) {
      if (caller === null) {
        throw httpErrors.unauthorized();
      }
      const allowed = may(caller.principal, { kind: 'moderate-workshop', groupId }) || caller.principal.groups.some((group) => group.id === groupId);
      if (!allowed) {
        throw httpErrors.forbidden();
      }
    }
    return this.store.sessionsOfGroup(groupId).map((state) => ({
      id: state.id,
      groupId: state.groupId,
      title: state.title,
      date: state.date,
      status: state.phase.status,
      agenda: state.agenda,
    }));
  }

  /** The open Themenspeicher entries of the group's latest session (offered again in the next one). */
  private openParkingOfGroup(groupId: string): ParkingItem[] {
    const latest = this.store.sessionsOfGroup(groupId)[0];
    return latest === undefined ? [] : Object.values(latest.parking).filter((entry) => entry.status === 'open');
  }

  private tokenFor(state: SessionState, participantId: string, moderator: boolean, accountId: number | null): JoinResponse {
    const expiresAt = this.now() + this.tokenTtlMs;
    const token = this.store.issueToken({ sessionId: state.id, participantId, moderator, accountId, expiresAt });
    return {
      sessionId: state.id,
      docName: workshopDocName(state.id),
      joinCode: state.joinCode,
      token,
      expiresAt: new Date(expiresAt).toISOString(),
      moderator,
      participantId,
    };
  }
}


/** The object an action is about, for the private event log (never the card text). */
function targetOf(action: WorkshopAction): string | null {
  for (const key of ['clusterId', 'cardId', 'itemId', 'id', 'sourceId'] as const) {
    const value = (action as Partial<Record<typeof key, unknown>>)[key];
    if (typeof value === 'string') {
      return value;
    }
  }
  return null;
}
