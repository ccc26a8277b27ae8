import type * as Y from 'yjs';
import { Group, listGroups, putGroup } from '../shared/docs/workspace.js';
import type { WorkGroup } from './auth/store.js';

/**
 * True if the workspace document lacks a group of the account database, or shows it under another
 * name. Groups the document has beyond the database (the demo's) are left alone.
 */
export function workspaceNeedsGroups(doc: Y.Doc, groups: readonly WorkGroup[]): boolean {
  const listed = new Map(listGroups(doc).map((group) => [group.id, group]));
  return groups.some((group) => listed.get(group.id)?.name !== group.name);
}

/** Lists the database's groups in the workspace document (new ones at the end, renamed ones in place). */
export function putWorkspaceGroups(doc: Y.Doc, groups: readonly WorkGroup[]): void {
  const listed = new Map(listGroups(doc).map((group) => [group.id, group]));
  let nextOrder = Math.max(0, ...[...listed.values()].map((group) => group.order)) + 1;
  for (const { id, name } of groups) {
    const existing = listed.get(id);
    if (existing?.name === name) {
      continue;
    }
    putGroup(doc, Group.parse({ id, name, description: existing?.description ?? '', order: existing?.order ?? nextOrder++ }));
  }
}
