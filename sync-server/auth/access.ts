import type { Role } from '../../shared/sync/auth-api.js';
import type { DocName } from '../../shared/sync/doc-names.js';
import type { Access } from '../authorize.js';

/** What a signed-in account is, for access decisions. */
export interface Principal {
  role: Role;
  /** Ids of the working groups the account is a member (or lead) of. */
  groups: ReadonlySet<string>;
}

/**
 * The access rules, enforced by the server on every connection and re-checked when accounts change:
 *
 * | document                 | read-write                         | read-only               | none   |
 * | ------------------------ | ---------------------------------- | ----------------------- | ------ |
 * | `workspace`              | nobody (written by the server only) | everyone signed in      | –      |
 * | `group/<id>/…`           | the group's members, `admin`       | `stabsstelle`, `moderation` | everyone else |
 * | `report/<year>`          | `stabsstelle`, `admin`             | everyone else signed in | –      |
 * | `datasets`, `dataset/<sha256>` | `stabsstelle`, `admin` (they publish statistics) | everyone else signed in | – |
 *
 * `admin` operates the server and may repair any document, so it writes everywhere a person may
 * write. Membership beats role: a `moderation` account that is a member of a group writes there.
 */
export function accessFor(principal: Principal, doc: DocName): Access | 'none' {
  switch (doc.kind) {
    case 'workspace':
      return 'read-only';
    case 'group-index':
    case 'proposal':
      if (principal.role === 'admin' || principal.groups.has(doc.groupId)) {
        return 'read-write';
      }
      return principal.role === 'stabsstelle' || principal.role === 'moderation' ? 'read-only' : 'none';
    case 'report':
    case 'datasets':
    case 'dataset':
      return principal.role === 'stabsstelle' || principal.role === 'admin' ? 'read-write' : 'read-only';
    default:
      return assertNever(doc);
  }
}

/** A new document kind must get its own rule here; until then this fails the typecheck. */
function assertNever(doc: never): never {
  throw new Error(`Keine Zugriffsregel für ${JSON.stringify(doc)} / no access rule`);
}
