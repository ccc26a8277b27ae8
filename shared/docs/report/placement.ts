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

/**
 * Where the Stabsstelle's decisions are written since concurrent edits must merge (a placement
 * written as one object lost a withdrawal to a move made at the same time):
 * - `positions`: proposal id → { chapterId, order }, one value, so two people moving the same
 *   recommendation at once converge on one of the two places (never a mix of both);
 * - `fields`: "<proposal id>:withdrawn|rating|keptOld" → value, one entry per decision, so a
 *   withdrawal, a rating and a move made at the same time all survive;
 * - `history`: one shared list of events, appended to, so every client's events are kept.
 * The `placements` map of older reports (whole objects) is still read underneath.
 */
export const PlacementStore = { positions: 'placementPositions', fields: 'placementFields', history: 'placementHistory' } as const;

/** A stored position of a recommendation. */
export const PlacementPosition = z.object({ chapterId: z.string(), order: z.number() });

/** One event of the shared history list, with the recommendation it belongs to. */
export const StoredPlacementEvent = PlacementEvent.extend({ proposalId: z.string() });

const Withdrawn = z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable();
const FIELD_SCHEMAS = { withdrawn: Withdrawn, rating: SteeringRating.nullable(), keptOld: z.string().nullable() } as const;
type Field = keyof typeof FIELD_SCHEMAS;

/** A pushed recommendation with its place in the report. */
export interface PlacedRecommendation {
  entry: ReportEntry;
  placement: Placement;
}

/** The stored decisions of every recommendation, read once: legacy objects overlaid by the new maps. */
function readStore(doc: Y.Doc): (proposalId: string) => { placement: Placement; placed: boolean } | null {
  const legacy = doc.getMap(PLACEMENTS_MAP);
  const positions = doc.getMap(PlacementStore.positions);
  const fields = doc.getMap(PlacementStore.fields);
  const events = new Map<string, PlacementEvent[]>();
  for (const value of doc.getArray(PlacementStore.history).toArray()) {
    const parsed = StoredPlacementEvent.safeParse(value);
    if (parsed.success) {
      const { proposalId, ...event } = parsed.data;
      events.set(proposalId, [...(events.get(proposalId) ?? []), event]);
    }
  }
  const field = <F extends Field>(proposalId: string, name: F): { set: true; value: z.infer<(typeof FIELD_SCHEMAS)[F]> } | { set: false } => {
    const key = `${proposalId}:${name}`;
    if (!fields.has(key)) {
      return { set: false };
    }
    const parsed = FIELD_SCHEMAS[name].safeParse(fields.get(key));
    return parsed.success ? { set: true, value: parsed.data as z.infer<(typeof FIELD_SCHEMAS)[F]> } : { set: false };
  };
  return (proposalId) => {
    const old = Placement.safeParse(legacy.get(proposalId));
    const base = old.success ? old.data : null;
    const position = PlacementPosition.safeParse(positions.get(proposalId));
    const withdrawn = field(proposalId, 'withdrawn');
    const rating = field(proposalId, 'rating');
    const keptOld = field(proposalId, 'keptOld');
    const history = [...(base?.history ?? []), ...(events.get(proposalId) ?? [])];
    const anything = base || position.success || withdrawn.set || rating.set || keptOld.set || history.length > 0;
    if (!anything) {
      return null;
    }
    return {
      placed: position.success || base !== null,
      placement: {
        proposalId,
        chapterId: position.success ? position.data.chapterId : (base?.chapterId ?? ''),
        order: position.success ? position.data.order : (base?.order ?? 0),
        withdrawn: withdrawn.set ? withdrawn.value : (base?.withdrawn ?? null),
        history,
        keptOld: keptOld.set ? keptOld.value : (base?.keptOld ?? null),
        rating: rating.set ? rating.value : (base?.rating ?? null),
      },
    };
  };
}

/**
 * Every pushed recommendation with its placement, per chapter in reading order. Entries without a
 * position (pushed before placements existed, or just now) go to their group's chapter, after the
 * placed ones, by title; a position in a chapter that no longer exists falls back the same way.
 * Moving a recommendation writes the positions of the chapter's unplaced ones first (see
 * placeRecommendation), so the order people see is the order that is kept.
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
  const stored = readStore(doc);
  const result = new Map<string, PlacedRecommendation[]>();
  const unplaced: PlacedRecommendation[] = [];
  for (const entry of entries) {
    const found = stored(entry.proposalId);
    if (found?.placed && chapterIds.has(found.placement.chapterId)) {
      const list = result.get(found.placement.chapterId) ?? [];
      list.push({ entry, placement: found.placement });
      result.set(found.placement.chapterId, list);
    } else {
      const home = homeOf.get(entry.groupId) ?? chapters[chapters.length - 1];
      const p = found?.placement;
      unplaced.push({
        entry,
        placement: { proposalId: entry.proposalId, chapterId: home?.id ?? entry.groupId, order: 0, withdrawn: p?.withdrawn ?? null, history: p?.history ?? [], keptOld: p?.keptOld ?? null, rating: p?.rating ?? null },
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

function record(doc: Y.Doc, proposalId: string, event: PlacementEvent): void {
  doc.getArray(PlacementStore.history).push([StoredPlacementEvent.parse({ proposalId, ...event })]);
}

function setField<F extends Field>(doc: Y.Doc, proposalId: string, name: F, value: z.infer<(typeof FIELD_SCHEMAS)[F]>): void {
  doc.getMap(PlacementStore.fields).set(`${proposalId}:${name}`, FIELD_SCHEMAS[name].parse(value));
}

/**
 * Moves a recommendation to `index` in chapter `chapterId` (any chapter of the outline). The
 * chapter's recommendations that were never placed get their current place written down first, in
 * the same step, so they keep the order everyone sees instead of jumping behind the moved one.
 */
export function placeRecommendation(doc: Y.Doc, groups: readonly OutlineGroup[], args: { proposalId: string; chapterId: string; index: number; by: string; at: string }): boolean {
  const all = placedRecommendations(doc, groups);
  const placement = [...all.values()].flat().find((p) => p.entry.proposalId === args.proposalId)?.placement;
  if (!placement) {
    return false;
  }
  const siblings = (all.get(args.chapterId) ?? []).filter((p) => p.entry.proposalId !== args.proposalId);
  const positions = doc.getMap(PlacementStore.positions);
  const stored = readStore(doc);
  doc.transact(() => {
    for (const sibling of siblings) {
      if (!stored(sibling.entry.proposalId)?.placed) {
        positions.set(sibling.entry.proposalId, PlacementPosition.parse({ chapterId: args.chapterId, order: sibling.placement.order }));
      }
    }
    positions.set(args.proposalId, PlacementPosition.parse({ chapterId: args.chapterId, order: orderAt(siblings.map((p) => p.placement), args.index) }));
    if (placement.chapterId !== args.chapterId) {
      record(doc, args.proposalId, { action: 'moved', by: args.by, at: args.at });
    }
  });
  return true;
}

/** Withdraws a recommendation from the report (it stays stored, with the reason in its history). */
export function withdrawRecommendation(doc: Y.Doc, groups: readonly OutlineGroup[], args: { proposalId: string; reason: string; by: string; at: string }): boolean {
  const placement = current(doc, groups, args.proposalId);
  const reason = args.reason.trim();
  if (!placement || reason === '') {
    return false;
  }
  doc.transact(() => {
    setField(doc, args.proposalId, 'withdrawn', { reason, by: args.by, at: args.at });
    record(doc, args.proposalId, { action: 'withdrawn', by: args.by, at: args.at, reason });
  });
  return true;
}

/** Takes a withdrawn recommendation back into the report. */
export function restoreRecommendation(doc: Y.Doc, groups: readonly OutlineGroup[], args: { proposalId: string; by: string; at: string }): boolean {
  const placement = current(doc, groups, args.proposalId);
  if (!placement?.withdrawn) {
    return false;
  }
  doc.transact(() => {
    setField(doc, args.proposalId, 'withdrawn', null);
    record(doc, args.proposalId, { action: 'restored', by: args.by, at: args.at });
  });
  return true;
}

/** Records the Steuerungsgruppe's rating as shown in the report (null removes it). */
export function setRecommendationRating(doc: Y.Doc, groups: readonly OutlineGroup[], proposalId: string, rating: SteeringRating | null): boolean {
  if (!current(doc, groups, proposalId)) {
    return false;
  }
  setField(doc, proposalId, 'rating', rating);
  return true;
}

/**
 * Records the decision on a changed proposal text: the declined text's fingerprint ("alte Fassung
 * behalten") or null ("neue Fassung übernommen"), with its event.
 */
export function recordChangeDecision(doc: Y.Doc, proposalId: string, keptOld: string | null, event: PlacementEvent): void {
  doc.transact(() => {
    setField(doc, proposalId, 'keptOld', keptOld);
    record(doc, proposalId, event);
  });
}

/** Reads the effective placement of one recommendation, or null if it was never pushed. */
export function getPlacement(doc: Y.Doc, groups: readonly OutlineGroup[], proposalId: string): Placement | null {
  return current(doc, groups, proposalId);
}
