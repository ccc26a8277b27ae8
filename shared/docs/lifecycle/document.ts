import type * as Y from 'yjs';
import { z } from 'zod';
import { MapName } from '../../schema/fragments';
import { currentPublishedRating, Rating } from './rating';
import { LifecycleStatus, isDecided } from './status';

/**
 * The root map of a proposal document that holds its lifecycle. Only the server writes it (the sync
 * server refuses every client update that touches it); clients read it live like the rest.
 */
export const LIFECYCLE_MAP = 'lifecycle';

/** Keys of the lifecycle map. */
export const LifecycleKey = {
  /** LifecycleStatus. */
  status: 'status',
  /** HistoryEntry[] (whole array, oldest first). */
  history: 'history',
  /** ChangedSinceDecision | null. */
  changedSinceDecision: 'changedSinceDecision',
  /** PublishedRating[] (published Steuerungsgruppe ratings, oldest first). */
  ratings: 'ratings',
  /** Implementation | null. */
  implementation: 'implementation',
} as const;

/** One recorded status change: who, when, why. */
export const HistoryEntry = z.object({
  from: LifecycleStatus,
  to: LifecycleStatus,
  /** Login of the account (or the display name without accounts). */
  by: z.string(),
  byName: z.string(),
  /** ISO 8601. */
  at: z.string(),
  reason: z.string().nullable(),
  /** The version saved automatically with this change. */
  versionId: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** Set by the server when a decided recommendation is edited afterwards ("geändert seit Beschluss"). */
export const ChangedSinceDecision = z.object({
  /** First edit after the decision, ISO 8601. */
  at: z.string(),
  /** Status the proposal had when it was edited. */
  status: LifecycleStatus,
});
export type ChangedSinceDecision = z.infer<typeof ChangedSinceDecision>;

/** A progress note of the implementation tracking. */
export const ProgressNote = z.object({ at: z.string(), by: z.string(), text: z.string(), percent: z.number().min(0).max(100).nullable() });
export type ProgressNote = z.infer<typeof ProgressNote>;

/** Implementation tracking after the Kreistag (Decidim's "results" as model). */
export const Implementation = z.object({
  /** Responsible body, e.g. "Fachdienst Soziales". */
  responsible: z.string(),
  /** Free status line, e.g. "Ausschreibung läuft". */
  state: z.string(),
  /** 0–100. */
  percent: z.number().min(0).max(100),
  notes: z.array(ProgressNote),
  updatedAt: z.string(),
});
export type Implementation = z.infer<typeof Implementation>;

/** The lifecycle as the app shows it; see readLifecycle. */
export interface Lifecycle {
  status: LifecycleStatus;
  history: HistoryEntry[];
  changedSinceDecision: ChangedSinceDecision | null;
  implementation: Implementation | null;
  /** True if the status comes from the old `meta.status` (no server transition yet). */
  migrated: boolean;
}

/**
 * Reads a proposal's lifecycle. Documents from before the lifecycle have only `meta.status`:
 * `final` reads as `ag-beschlossen`, everything else as `entwurf` (migration on read; the server
 * writes the lifecycle map with the first transition).
 */
export function readLifecycle(doc: Y.Doc): Lifecycle {
  const map = doc.getMap(LIFECYCLE_MAP);
  const status = LifecycleStatus.safeParse(map.get(LifecycleKey.status));
  const history = z.array(HistoryEntry).safeParse(map.get(LifecycleKey.history));
  const changed = ChangedSinceDecision.safeParse(map.get(LifecycleKey.changedSinceDecision));
  const implementation = Implementation.safeParse(map.get(LifecycleKey.implementation));
  return {
    status: status.success ? status.data : legacyStatus(doc),
    history: history.success ? history.data : [],
    changedSinceDecision: changed.success ? changed.data : null,
    implementation: implementation.success ? implementation.data : null,
    migrated: !status.success,
  };
}

/** The status an old document's `meta.status` stands for. */
export function legacyStatus(doc: Y.Doc): LifecycleStatus {
  return doc.getMap(MapName.meta).get('status') === 'final' ? 'ag-beschlossen' : 'entwurf';
}

/** The old two-state status (`meta.status`, index entries) that a lifecycle status shows as. */
export function legacyStatusOf(status: LifecycleStatus): 'draft' | 'final' {
  return isDecided(status) ? 'final' : 'draft';
}

/**
 * The published Steuerungsgruppe ratings of a proposal (copies the server makes when the
 * Steuerungsgruppe publishes; unpublished ratings never reach a document a working group reads).
 */
export function readPublishedRatings(doc: Y.Doc): Rating[] {
  const parsed = z.array(Rating).safeParse(doc.getMap(LIFECYCLE_MAP).get(LifecycleKey.ratings));
  return parsed.success ? parsed.data : [];
}

/** The rating of a proposal to print in the report: its newest published one, or null. */
export function publishedRatingOf(doc: Y.Doc): Rating | null {
  return currentPublishedRating(readPublishedRatings(doc));
}
