import { DATASETS_DOC, parseDocName, reportDocName } from '../sync/doc-names';
import { documentAccess } from './documents';
import { isLead, isMember, isStaff, type Principal } from './principal';

/**
 * Named actions beyond reading and writing a document. Actions that are a document write (pushing
 * a recommendation into the report, publishing statistics) are defined by that document's rule, so
 * the server's enforcement of the write is the enforcement of the action. The others belong to a
 * group's work and are checked by the server extension of the feature that offers them.
 */
export type Action =
  /** Take a final recommendation into the annual report (a write to `report/<year>`). */
  | { kind: 'push-recommendation' }
  /** Import a statistics file and publish it to every installation (a write to `datasets`). */
  | { kind: 'publish-statistics' }
  /** Change the status of a proposal of the group at all; which change, see checkTransition in lifecycle.ts. */
  | { kind: 'transition-proposal'; groupId: string }
  /** Run a workshop of the group: open and close votes, set the timer, lead the agenda. */
  | { kind: 'moderate-workshop'; groupId: string }
  /** Cast a vote in a workshop of the group. */
  | { kind: 'vote'; groupId: string }
  /** Comment on the group's proposals. */
  | { kind: 'comment'; groupId: string };

/** The names of all actions, e.g. for tables in tests and docs. */
export type ActionKind = Action['kind'];

/**
 * May `principal` do `action`?
 *
 * | action                | allowed for                                                          |
 * | --------------------- | -------------------------------------------------------------------- |
 * | `push-recommendation` | whoever may write the report: `stabsstelle`, `admin`                 |
 * | `publish-statistics`  | whoever may write `datasets`: `stabsstelle`, `admin`                 |
 * | `transition-proposal` | some change (see lifecycle.ts): the group's members, `steuerung`, `stabsstelle`, `admin` |
 * | `moderate-workshop`   | `moderation`, `stabsstelle`, `admin`, the group's leads              |
 * | `vote`                | the group's members (leads included) — not moderators or staff as such |
 * | `comment`             | everyone who may read the group's documents                          |
 */
export function may(principal: Principal, action: Action): boolean {
  switch (action.kind) {
    case 'push-recommendation':
      // Report rules do not depend on the year; any valid year asks the same rule.
      return writes(principal, reportDocName(2000));
    case 'publish-statistics':
      return writes(principal, DATASETS_DOC);
    case 'transition-proposal':
      return principal.role === 'admin' || principal.role === 'stabsstelle' || principal.role === 'steuerung' || isMember(principal, action.groupId);
    case 'moderate-workshop':
      return principal.role === 'moderation' || isStaff(principal) || isLead(principal, action.groupId);
    case 'vote':
      return isMember(principal, action.groupId);
    case 'comment':
      return documentAccess(principal, { kind: 'group-index', groupId: action.groupId }) !== 'none';
    default:
      return assertNever(action);
  }
}

function writes(principal: Principal, docName: string): boolean {
  const doc = parseDocName(docName);
  return doc !== null && documentAccess(principal, doc) === 'read-write';
}

/** A new action must get its own rule here; until then this fails the typecheck. */
function assertNever(action: never): never {
  throw new Error(`Keine Regel für ${JSON.stringify(action)} / no rule for this action`);
}
