import type * as Y from 'yjs';
import { z } from 'zod';
import { MapName } from '../../schema/fragments';
import { parsedValues } from '../parsed-map';
import { ReportEntry } from './entries';
import { readOutline, orderAt, type OutlineGroup, type ReportChapter } from './outline';
import { SteeringRating } from './rating';

/** Name of the map that says where each pushed recommendation stands in the report. */
export const PLACEMENTS_MAP = 'placements';

/** One step in a recommendation's life in the report, kept for the record. */
export const PlacementEvent = z.object({
  action: z.enum(['withdrawn', 'restored', 'moved', 'took-new', 'kept-old']),
  by: z.string(),
  at: z.string(),
  reason: z.string().optional(),
});
export type PlacementEvent = z.infer<typeof PlacementEvent>;

/**
 * Where a pushed recommendation appears (chapter and order), whether it was withdrawn (why, by
 * whom), its history, and the proposal text the Stabsstelle chose not to take (fingerprint).
 * Kept apart from the pushed entry, so a new push never erases the Stabsstelle's decisions.
 */
export const Placement = z.object({
  proposalId: z.string(),
  chapterId: z.string(),
  order: z.number(),
  withdrawn: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  history: z.array(PlacementEvent),
  /** Fingerprint of the proposal's recommendation that was declined with "alte Fassung behalten". */
  keptOld: z.string().nullable().optional(),
  rating: SteeringRating.nullable().optional(),
});
export type Placement = z.infer<typeof Placement>;

/** A pushed recommendation with its place in the report. */
export interface PlacedRecommendation {
  entry: ReportEntry;
  placement: Placement;
}

function storedPlacement(doc: Y.Doc, proposalId: string): Placement | null {
  const parsed = Placement.safeParse(doc.getMap(PLACEMENTS_MAP).get(proposalId));
  return parsed.success ? parsed.data : null;
}

/**
 * Every pushed recommendation with its placement, per chapter in reading order. Entries without a
 * placement (pushed before placements existed, or just now) go to their group's chapter, after the
 * placed ones, by title; a placement in a chapter that no longer exists falls back the same way.
 */
export function placedRecommendations(doc: Y.Doc, groups: readonly OutlineGroup[]): Map<string, PlacedRecommendation[]> {
  const outline = readOutline(doc, groups);
  const chapters = outline.parts.flatMap((p) => p.chapters);
  const chapterIds = new Set(chapters.map((c) => c.id));
  const homeOf = new Map<string, ReportChapter>();
  for (const c of chapters) {
    if (c.groupId && !homeOf.has(c.groupId)) {
      homeOf.set(c.groupId, c);
    }
  }
  const entries = parsedValues(doc.getMap(MapName.recommendations), ReportEntry).sort(
    (a, b) => a.title.localeCompare(b.title, 'de') || a.proposalId.localeCompare(b.proposalId),
  );
  const result = new Map<string, PlacedRecommendation[]>();
  const unplaced: PlacedRecommendation[] = [];
  for (const entry of entries) {
    const stored = storedPlacement(doc, entry.proposalId);
    if (stored && chapterIds.has(stored.chapterId)) {
      const list = result.get(stored.chapterId) ?? [];
      list.push({ entry, placement: stored });
      result.set(stored.chapterId, list);
    } else {
      const home = homeOf.get(entry.groupId) ?? chapters[chapters.length - 1];
      unplaced.push({
        entry,
        placement: { proposalId: entry.proposalId, chapterId: home?.id ?? entry.groupId, order: 0, withdrawn: stored?.withdrawn ?? null, history: stored?.history ?? [], keptOld: stored?.keptOld ?? null, rating: stored?.rating ?? null },
      });
    }
  }
  for (const list of result.values()) {
    list.sort((a, b) => a.placement.order - b.placement.order || a.entry.proposalId.localeCompare(b.entry.proposalId));
  }
  for (const item of unplaced) {
    const list = result.get(item.placement.chapterId) ?? [];
    const last = list[list.length - 1]?.placement.order ?? 0;
    list.push({ ...item, placement: { ...item.placement, order: last + 1 } });
    result.set(item.placement.chapterId, list);
  }
  return result;
}

function current(doc: Y.Doc, groups: readonly OutlineGroup[], proposalId: string): Placement | null {
  for (const list of placedRecommendations(doc, groups).values()) {
    const found = list.find((p) => p.entry.proposalId === proposalId);
    if (found) {
      return found.placement;
    }
  }
  return null;
}

/** Moves a recommendation to `index` in chapter `chapterId` (any chapter of the outline). */
export function placeRecommendation(doc: Y.Doc, groups: readonly OutlineGroup[], args: { proposalId: string; chapterId: string; index: number; by: string; at: string }): boolean {
  const placement = current(doc, groups, args.proposalId);
  if (!placement) {
    return false;
  }
  const siblings = (placedRecommendations(doc, groups).get(args.chapterId) ?? [])
    .filter((p) => p.entry.proposalId !== args.proposalId)
    .map((p) => p.placement);
  const history = placement.chapterId === args.chapterId ? placement.history : [...placement.history, { action: 'moved' as const, by: args.by, at: args.at }];
  doc.getMap(PLACEMENTS_MAP).set(args.proposalId, Placement.parse({ ...placement, chapterId: args.chapterId, order: orderAt(siblings, args.index), history }));
  return true;
}

/** Withdraws a recommendation from the report (it stays stored, with the reason in its history). */
export function withdrawRecommendation(doc: Y.Doc, groups: readonly OutlineGroup[], args: { proposalId: string; reason: string; by: string; at: string }): boolean {
  const placement = current(doc, groups, args.proposalId);
  const reason = args.reason.trim();
  if (!placement || reason === '') {
    return false;
  }
  doc.getMap(PLACEMENTS_MAP).set(
    args.proposalId,
    Placement.parse({
      ...placement,
      withdrawn: { reason, by: args.by, at: args.at },
      history: [...placement.history, { action: 'withdrawn', by: args.by, at: args.at, reason }],
    }),
  );
  return true;
}

/** Takes a withdrawn recommendation back into the report. */
export function restoreRecommendation(doc: Y.Doc, groups: readonly OutlineGroup[], args: { proposalId: string; by: string; at: string }): boolean {
  const placement = current(doc, groups, args.proposalId);
  if (!placement?.withdrawn) {
    return false;
  }
  doc.getMap(PLACEMENTS_MAP).set(
    args.proposalId,
    Placement.parse({ ...placement, withdrawn: null, history: [...placement.history, { action: 'restored', by: args.by, at: args.at }] }),
  );
  return true;
}

/** Records the Steuerungsgruppe's rating as shown in the report (null removes it). */
export function setRecommendationRating(doc: Y.Doc, groups: readonly OutlineGroup[], proposalId: string, rating: SteeringRating | null): boolean {
  const placement = current(doc, groups, proposalId);
  if (!placement) {
    return false;
  }
  doc.getMap(PLACEMENTS_MAP).set(proposalId, Placement.parse({ ...placement, rating }));
  return true;
}

/** Writes a placement as given (used by the change decisions, which compute it themselves). */
export function writePlacement(doc: Y.Doc, placement: Placement): void {
  doc.getMap(PLACEMENTS_MAP).set(placement.proposalId, Placement.parse(placement));
}

/** Reads the effective placement of one recommendation, or null if it was never pushed. */
export function getPlacement(doc: Y.Doc, groups: readonly OutlineGroup[], proposalId: string): Placement | null {
  return current(doc, groups, proposalId);
}
