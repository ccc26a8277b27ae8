import { findTransition, needsReason, transitionsFrom, type Actor, type LifecycleStatus, type Transition } from '../docs/lifecycle/status';
import { documentAccess } from './documents';
import { isLead, isMember, type Principal } from './principal';

/** True if `principal` plays `actor` for a proposal of `groupId`. */
function plays(principal: Principal, actor: Actor, groupId: string): boolean {
  switch (actor) {
    case 'member':
      return isMember(principal, groupId);
    case 'lead':
      return isLead(principal, groupId);
    case 'steuerung':
    case 'stabsstelle':
      return principal.role === actor;
  }
}

/** Why a status change is refused; the server answers with it, the app shows a message per code. */
export type TransitionRefusal = 'no-such-transition' | 'forbidden' | 'reason-required';

/**
 * May `principal` change a proposal of `groupId` from `from` to `to` (with or without a reason)?
 * The rule of every change is the table in shared/docs/lifecycle/status.ts; `admin` may make any
 * change of that table. The sync server enforces this, the app asks it to offer only allowed changes.
 */
export function checkTransition(
  principal: Principal,
  groupId: string,
  from: LifecycleStatus,
  to: LifecycleStatus,
  reason: string | null,
): { ok: true; transition: Transition } | { ok: false; refusal: TransitionRefusal } {
  const transition = findTransition(from, to);
  if (transition === null) {
    return { ok: false, refusal: 'no-such-transition' };
  }
  if (principal.role !== 'admin' && !transition.by.some((actor) => plays(principal, actor, groupId))) {
    return { ok: false, refusal: 'forbidden' };
  }
  if (needsReason(transition.kind) && (reason ?? '').trim() === '') {
    return { ok: false, refusal: 'reason-required' };
  }
  return { ok: true, transition };
}

/** The changes `principal` may make from `from` (for the app's buttons). */
export function allowedTransitions(principal: Principal, groupId: string, from: LifecycleStatus): Transition[] {
  return transitionsFrom(from).filter((transition) => checkTransition(principal, groupId, from, transition.to, 'x').ok);
}

/** May `principal` read a group's proposals (and so their versions, comments, published ratings)? */
export function mayReadGroup(principal: Principal, groupId: string): boolean {
  return documentAccess(principal, { kind: 'group-index', groupId }) !== 'none';
}

/** May `principal` edit a group's proposals (save and restore versions)? */
export function mayWriteGroup(principal: Principal, groupId: string): boolean {
  return documentAccess(principal, { kind: 'group-index', groupId }) === 'read-write';
}

/** May `principal` see and write unpublished Steuerungsgruppe ratings, and publish them? */
export function mayRate(principal: Principal): boolean {
  return principal.role === 'steuerung' || principal.role === 'admin';
}

/** May `principal` read unpublished ratings (the Steuerungsgruppe, the Stabsstelle, admin)? */
export function mayReadUnpublishedRatings(principal: Principal): boolean {
  return mayRate(principal) || principal.role === 'stabsstelle';
}

/** May `principal` set a year's rating criteria and weights (the Stabsstelle, admin)? */
export function mayConfigureRating(principal: Principal): boolean {
  return principal.role === 'stabsstelle' || principal.role === 'admin';
}

/** May `principal` delete, restore from the recycle bin, or move a proposal of `groupId` (its leads, admin)? */
export function mayManageProposal(principal: Principal, groupId: string): boolean {
  return principal.role === 'admin' || isLead(principal, groupId);
}

/** May `principal` record implementation progress of a group's proposal (Stabsstelle, the group's leads, admin)? */
export function mayTrackImplementation(principal: Principal, groupId: string): boolean {
  return principal.role === 'admin' || principal.role === 'stabsstelle' || isLead(principal, groupId);
}
