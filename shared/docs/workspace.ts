import type * as Y from 'yjs';
import { z } from 'zod';
import { MapName } from '../schema/fragments';
import { parsedValues } from './parsed-map';

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
  return parsedValues(doc.getMap(MapName.groups), Group).sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'de'));
}
