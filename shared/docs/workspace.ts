import type * as Y from 'yjs';
import { z } from 'zod';
import { MapName } from '../schema/fragments';

/** A working group (Arbeitsgruppe) for one field of action. */
export const Group = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  order: z.number(),
});
export type Group = z.infer<typeof Group>;

/** Writes or replaces a group in the workspace document. */
export function putGroup(doc: Y.Doc, group: Group): void {
  doc.getMap(MapName.groups).set(group.id, Group.parse(group));
}

/** The workspace's groups in display order; malformed entries are skipped. */
export function listGroups(doc: Y.Doc): Group[] {
  const groups: Group[] = [];
  doc.getMap(MapName.groups).forEach((value) => {
    const parsed = Group.safeParse(value);
    if (parsed.success) {
      groups.push(parsed.data);
    }
  });
  return groups.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'de'));
}
