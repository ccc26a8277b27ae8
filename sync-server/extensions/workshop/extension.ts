import type Database from 'better-sqlite3';
import { publicView, writePublicWorkshop, type SessionState } from '../../../shared/docs/workshop/index.js';
import type { Logger } from '../../../shared/log.js';
import { parseDocName, workshopDocName } from '../../../shared/sync/doc-names.js';
import type { AuthService } from '../../auth/service.js';
import type { AuthStore } from '../../auth/store.js';
import type { AuthorizeRequest, AuthorizeResult, Grant } from '../../authorize.js';
import { closeReasons } from '../../close-reasons.js';
import type { ExtensionHost, SyncExtension, Veto } from '../../extension.js';
import { createWorkshopHttp } from './http.js';
import { WorkshopService } from './service.js';
import { isSessionToken, WorkshopStore } from './store.js';

/** Options of workshopExtension. */
export interface WorkshopExtensionOptions {
  /** The sync server's database (tables `workshop_*`). */
  database: Database.Database;
  /** Accounts, if the server runs with them. */
  auth: { service: AuthService; store: AuthStore } | null;
  logger: Logger;
  corsOrigins: readonly string[];
  trustProxy: boolean;
  /** The server clock (tests may move it). */
  now?: () => number;
  /** Lifetime of session tokens; default 16 h. */
  tokenTtlMs?: number;
}

/**
 * Workshops (issue "Workshops"): the HTTP API for sessions and their actions (`/workshop/*`, see
 * shared/docs/workshop/api.ts), the session tokens, and the session's public document
 * `workshop/<id>`, which only this extension writes. Access to that document: a session token opens
 * its own session's document and nothing else, read-only; an account opens it read-only if it took
 * part (joined) or may moderate the group, or is a member once the session is closed; without
 * accounts a closed session's document is open to read. Every other connection to it is refused.
 */
export function workshopExtension(options: WorkshopExtensionOptions): SyncExtension {
  const now = options.now ?? Date.now;
  let host: ExtensionHost | null = null;
  const publish = (state: SessionState): void => {
    if (host === null) {
      return;
    }
    const room = host.openRoom(workshopDocName(state.id));
    room.applyServerChange((doc) => writePublicWorkshop(doc, publicView(state)));
    host.releaseRoom(room);
  };
  const store = new WorkshopStore(options.database, (states) => {
    for (const state of states) {
      try {
        publish(state);
      } catch (error: unknown) {
        options.logger.error('publishing a workshop session failed', { session: state.id, error });
      }
    }
  });
  const service = new WorkshopService(store, options.auth, publish, options.logger, now, options.tokenTtlMs);
  const http = createWorkshopHttp({ service, logger: options.logger, corsOrigins: options.corsOrigins, trustProxy: options.trustProxy, now });

  /** Access of a session token: its own session's document, read-only, as long as the token and its account hold. */
  const decideToken = (token: string, docName: string): AuthorizeResult => {
    const grant = store.token(token, now());
    if (grant === null) {
      return { deny: 'unauthorized', reason: closeReasons.invalidToken };
    }
    const doc = parseDocName(docName);
    if (doc?.kind !== 'workshop' || doc.sessionId !== grant.sessionId) {
      return { deny: 'forbidden', reason: closeReasons.forbidden };
    }
    const state = store.session(grant.sessionId);
    const participant = state?.participants[grant.participantId];
    if (state === null || participant === undefined || service.moderatorNow(grant, state) === null) {
      return { deny: 'unauthorized', reason: closeReasons.invalidToken };
    }
    return {
      access: 'read-only',
      identity: { login: `workshop:${participant.id}`, name: participant.name, color: '#1f77b4' },
      expiresAt: grant.expiresAt,
      recheck: () => decideToken(token, docName),
    };
  };

  /**
   * A connection without a session token to a session document: with accounts, participants and
   * the group's moderators, and once the session is closed the group's members too (the protocol
   * is theirs); without accounts, anyone once the session is closed (like every document there).
   */
  const mayOpenWithoutSessionToken = (grant: Grant, sessionId: string): boolean => {
    const state = store.session(sessionId);
    if (state === null) {
      return false;
    }
    const closed = state.phase.status === 'closed';
    if (options.auth === null) {
      return closed;
    }
    const login = grant.identity?.login;
    const account = login === undefined ? null : options.auth.store.accountByLogin(login);
    if (account === null) {
      return false;
    }
    const participantId = store.joined(sessionId, `account:${account.id}`);
    if (participantId !== null && state.participants[participantId] !== undefined) {
      return true;
    }
    if (closed && options.auth.store.groupsOfAccount(account.id).some((group) => group.id === state.groupId)) {
      return true;
    }
    return service.moderatorNow({ sessionId, participantId: '', moderator: false, accountId: account.id, expiresAt: 0 }, state) === true;
  };

  return {
    name: 'workshop',
    onConfigure(configured) {
      host = configured;
    },
    authorizeOwnToken(request: AuthorizeRequest) {
      return request.token !== null && isSessionToken(request.token) ? decideToken(request.token, request.docName) : undefined;
    },
    onAuthorize(request, grant): Veto | undefined {
      const doc = parseDocName(request.docName);
      if (doc?.kind !== 'workshop') {
        return undefined;
      }
      if (request.token !== null && isSessionToken(request.token)) {
        return { narrow: 'read-only' }; // granted by decideToken for exactly this document
      }
      if (!mayOpenWithoutSessionToken(grant, doc.sessionId)) {
        return grant.identity === undefined
          ? { deny: 'unauthorized', reason: closeReasons.unauthorized }
          : { deny: 'forbidden', reason: closeReasons.forbidden };
      }
      return { narrow: 'read-only' };
    },
    onRequest(req, res, path) {
      if (!path.startsWith('/workshop/')) {
        return false;
      }
      http(req, res, path);
      return true;
    },
  };
}
