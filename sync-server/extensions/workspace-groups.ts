import type * as Y from 'yjs';
import { Group, listGroups, putGroup } from '../../shared/docs/workspace.js';
import { WORKSPACE_DOC } from '../../shared/sync/doc-names.js';
import type { WorkGroup } from '../auth/store.js';
import type { ExtensionHost, SyncExtension } from '../extension.js';

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

/**
 * Lists the account database's working groups in the workspace document, as a server-side change:
 * when the server starts serving and whenever accounts or groups change. Not at construction: an
 * embedder may still seed an empty database first, which a server-written workspace would prevent.
 */
export function workspaceGroupsExtension(groups: () => readonly WorkGroup[]): SyncExtension {
  let host: ExtensionHost | null = null;
  const sync = (): void => {
    const current = groups();
    if (host === null || current.length === 0) {
      return;
    }
    const room = host.openRoom(WORKSPACE_DOC);
    if (workspaceNeedsGroups(room.doc, current)) {
      room.applyServerChange((doc) => putWorkspaceGroups(doc, current));
      host.logger.info('workspace groups updated from the account database', { groups: current.length });
    }
    host.releaseRoom(room);
  };
  return {
    name: 'workspace-groups',
    onConfigure(configured) {
      host = configured;
    },
    onServe: sync,
    onAccountsChanged: sync,
  };
}
