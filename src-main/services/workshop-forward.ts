import type { ApiError, Handlers } from '../../shared/contract';
import { contract } from '../../shared/contract';
import { ActionResult, FORBIDDEN_VIOLATIONS, JoinResponse, MyState, RuleViolation, ServerTime, WorkshopPath } from '../../shared/docs/workshop';
import type { OpenExportTools } from './export/export-report';
import { syncForward } from './sync-forward';
import { protocolPdfHandler } from './workshop-protocol-pdf';

/** The workshop routes' own error codes that need another contract code than their HTTP status gives. */
function workshopCode(error: string): ApiError['code'] | undefined {
  if (error === 'guests-not-allowed') {
    return 'forbidden';
  }
  if (error === 'unknown-code') {
    return 'not-found';
  }
  const violation = RuleViolation.safeParse(error);
  if (violation.success) {
    return FORBIDDEN_VIOLATIONS.includes(violation.data) ? 'forbidden' : 'conflict';
  }
  return undefined;
}

/**
 * The contract's `workshop` calls, forwarded to the sync server that runs the sessions
 * (sync-server/extensions/workshop). Account tokens (sessions, create, join) and session tokens
 * (me, act, protocol) go along as Bearer; the server checks every rule. Only the protocol's PDF is
 * made here, with the host's export engine.
 */
export function workshopHandlers(syncHttpBase: () => string, exportTools?: OpenExportTools): Handlers['workshop'] {
  const forward = syncForward(syncHttpBase, workshopCode);
  const schemas = contract.workshop;
  return {
    time: (_input, caller) => forward(WorkshopPath.time, { method: 'GET', caller }, ServerTime),
    sessions: ({ accountToken, groupId }, caller) =>
      forward(`${WorkshopPath.sessions}?groupId=${encodeURIComponent(groupId)}`, { method: 'GET', caller, ...(accountToken ? { token: accountToken } : {}) }, schemas.sessions.output),
    create: ({ accountToken, session }, caller) =>
      forward(WorkshopPath.sessions, { method: 'POST', body: session, caller, ...(accountToken ? { token: accountToken } : {}) }, JoinResponse),
    join: ({ accountToken, join }, caller) =>
      forward(WorkshopPath.join, { method: 'POST', body: join, caller, ...(accountToken ? { token: accountToken } : {}) }, JoinResponse),
    me: ({ sessionId, token }, caller) => forward(WorkshopPath.me(sessionId), { method: 'GET', token, caller }, MyState),
    act: ({ sessionId, token, action }, caller) => forward(WorkshopPath.actions(sessionId), { method: 'POST', body: action, token, caller }, ActionResult),
    protocol: ({ sessionId, token }, caller) => forward(WorkshopPath.protocol(sessionId), { method: 'GET', token, caller }, schemas.protocol.output),
    protocolPdf: protocolPdfHandler(exportTools),
  };
}
