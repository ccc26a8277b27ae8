import type { Role } from '../sync/auth-api';

/** A working group an account belongs to; `lead` marks the group's leads. */
export interface Membership {
  readonly id: string;
  readonly lead: boolean;
}

/**
 * Who asks, for every access decision: a signed-in account's role and groups. The account
 * information the server sends the app (AccountInfo) is one, so the renderer asks with it directly.
 */
export interface Principal {
  readonly role: Role;
  readonly groups: readonly Membership[];
}

/** True if the principal is a member (or lead) of the group. */
export function isMember(principal: Principal, groupId: string): boolean {
  return principal.groups.some((group) => group.id === groupId);
}

/** True if the principal leads the group. */
export function isLead(principal: Principal, groupId: string): boolean {
  return principal.groups.some((group) => group.id === groupId && group.lead);
}

/** The Stabsstelle and the administrators: they edit the report and publish statistics. */
export function isStaff(principal: Principal): boolean {
  return principal.role === 'admin' || principal.role === 'stabsstelle';
}
