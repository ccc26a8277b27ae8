import type { DocName } from '../sync/doc-names';
import { isMember, isStaff, type Principal } from './principal';

/** What a principal may do with a document: write (and read), only read, or not even open it. */
export type DocumentAccess = 'read-write' | 'read-only' | 'none';

/**
 * The document rules. The sync server enforces them on every connection and re-checks them when
 * accounts change; the app asks them to show or hide what a person cannot do.
 *
 * | document                       | read-write                           | read-only                   | none          |
 * | ------------------------------ | ------------------------------------ | --------------------------- | ------------- |
 * | `workspace`                    | nobody (written by the server only)  | everyone signed in          | –             |
 * | `group/<id>/…`                 | the group's members, `admin`         | `stabsstelle`, `moderation` | everyone else |
 * | `report/<year>`                | `stabsstelle`, `admin`               | everyone else signed in     | –             |
 * | `datasets`, `dataset/<sha256>` | `stabsstelle`, `admin` (they publish statistics) | everyone else signed in | – |
 * | `workshop/<sessionId>`         | nobody (written by the server only)  | see below                   | see below     |
 *
 * A workshop session's document is read-only for everyone here; who may open it at all (the
 * session's participants and moderators, guests with their session token) is decided by the
 * workshop extension of the sync server, which knows the session's group and participants.
 *
 * `admin` operates the server and may repair any document, so it writes everywhere a person may
 * write. Membership beats role: a `moderation` account that is a member of a group writes there.
 */
export function documentAccess(principal: Principal, doc: DocName): DocumentAccess {
  switch (doc.kind) {
    case 'workspace':
    case 'workshop':
      return 'read-only';
    case 'group-index':
    case 'proposal':
      if (principal.role === 'admin' || isMember(principal, doc.groupId)) {
        return 'read-write';
      }
      return principal.role === 'stabsstelle' || principal.role === 'moderation' ? 'read-only' : 'none';
    case 'report':
    case 'datasets':
    case 'dataset':
      return isStaff(principal) ? 'read-write' : 'read-only';
    default:
      return assertNever(doc);
  }
}

/** A new document kind must get its own rule here; until then this fails the typecheck. */
function assertNever(doc: never): never {
  throw new Error(`Keine Zugriffsregel für ${JSON.stringify(doc)} / no access rule`);
}
