import type * as Y from 'yjs';
import { z } from 'zod';
import { MapName } from '../../schema/fragments';
import { parsedValues } from '../parsed-map';

/** A recommendation as it stands in the annual report, keyed by the proposal it came from. */
export const ReportEntry = z.object({
  proposalId: z.string(),
  groupId: z.string(),
  title: z.string(),
  /** ProseMirror JSON of the recommendation at the time of the push (frozen). */
  content: z.record(z.string(), z.unknown()),
  pushedAt: z.string(),
  pushedBy: z.string(),
  /** How many times it has been pushed; the first push is 1. */
  revision: z.number().int().positive(),
});
export type ReportEntry = z.infer<typeof ReportEntry>;

/**
 * Pushes a recommendation into the report. Entries are keyed by proposal id in a Y.Map, so a
 * second push (or two people pushing at once, even offline) updates the one entry in place and
 * can never create a duplicate.
 */
export function pushRecommendation(reportDoc: Y.Doc, entry: Omit<ReportEntry, 'revision'>): ReportEntry {
  const map = reportDoc.getMap(MapName.recommendations);
  const previous = ReportEntry.safeParse(map.get(entry.proposalId));
  const next = ReportEntry.parse({ ...entry, revision: previous.success ? previous.data.revision + 1 : 1 });
  map.set(entry.proposalId, next);
  return next;
}

/** Reads one pushed recommendation, or null. */
export function getReportEntry(reportDoc: Y.Doc, proposalId: string): ReportEntry | null {
  const parsed = ReportEntry.safeParse(reportDoc.getMap(MapName.recommendations).get(proposalId));
  return parsed.success ? parsed.data : null;
}

/** All pushed recommendations grouped by working group, each group's entries by title. */
export function reportEntriesByGroup(reportDoc: Y.Doc): Map<string, ReportEntry[]> {
  const byGroup = new Map<string, ReportEntry[]>();
  for (const entry of parsedValues(reportDoc.getMap(MapName.recommendations), ReportEntry)) {
    const list = byGroup.get(entry.groupId) ?? [];
    list.push(entry);
    byGroup.set(entry.groupId, list);
  }
  for (const list of byGroup.values()) {
    list.sort((a, b) => a.title.localeCompare(b.title, 'de') || a.proposalId.localeCompare(b.proposalId));
  }
  return byGroup;
}
