import { z } from 'zod';
import { Implementation, HistoryEntry } from './document';
import { Rating, RatingConfig, RatingInput } from './rating';
import { LifecycleStatus } from './status';

/**
 * The sync server's lifecycle API: JSON over HTTP on the sync server's own address (below its path
 * prefix, e.g. `/sync/lifecycle/transition` in browser mode), with `Authorization: Bearer <token>`
 * when the server runs with accounts (without accounts, everyone acts as `admin`, named by the
 * optional header `X-Fokuswerk-Name`). Errors: `{ error: LifecycleErrorCode, message }` with the
 * HTTP status named in LifecycleErrorStatus.
 */
export const LifecyclePath = {
  /** POST TransitionRequest → TransitionResponse. */
  transition: '/lifecycle/transition',
  /** GET ?groupId&proposalId → VersionList. */
  versions: '/lifecycle/versions',
  /** POST SaveVersionRequest → VersionInfo. */
  saveVersion: '/lifecycle/versions/save',
  /** GET ?groupId&proposalId&versionId → VersionContent. */
  version: '/lifecycle/versions/content',
  /** POST RestoreVersionRequest → RestoreResponse. */
  restoreVersion: '/lifecycle/versions/restore',
  /** GET ?year → RatingConfig (defaults until the Stabsstelle sets one). */
  ratingConfig: '/lifecycle/rating-config',
  /** POST RatingConfig → RatingConfig (stabsstelle, admin). */
  setRatingConfig: '/lifecycle/rating-config/set',
  /** GET ?groupId&proposalId → RatingList (all revisions incl. unpublished; steuerung, stabsstelle, admin). */
  ratings: '/lifecycle/ratings',
  /** POST RateRequest → Rating (steuerung, admin). */
  rate: '/lifecycle/ratings/rate',
  /** POST PublishRatingRequest → Rating (steuerung, admin): copies it into the proposal's lifecycle map. */
  publishRating: '/lifecycle/ratings/publish',
  /** POST ImplementationRequest → Implementation (stabsstelle, the group's leads, admin). */
  implementation: '/lifecycle/implementation',
} as const;

const Id = z.string().regex(/^[a-z0-9-]{1,64}$/);

/** Names a proposal. */
export const ProposalRef = z.object({ groupId: Id, proposalId: Id });
export type ProposalRef = z.infer<typeof ProposalRef>;

export const TransitionRequest = ProposalRef.extend({
  /** The status the client believes the proposal has; the change is refused (409) if it moved meanwhile. */
  from: LifecycleStatus,
  to: LifecycleStatus,
  reason: z.string().max(2_000).nullable().optional(),
});
export type TransitionRequest = z.infer<typeof TransitionRequest>;

export const TransitionResponse = z.object({ status: LifecycleStatus, entry: HistoryEntry });
export type TransitionResponse = z.infer<typeof TransitionResponse>;

/** How a version came about. */
export const VersionKind = z.enum(['status', 'manual', 'restore', 'before-restore']);
export type VersionKind = z.infer<typeof VersionKind>;

/** A saved version as listed (without content). */
export const VersionInfo = z.object({
  id: z.string(),
  /** 1, 2, 3 … per proposal. */
  number: z.number().int().positive(),
  name: z.string(),
  kind: VersionKind,
  status: LifecycleStatus,
  by: z.string(),
  byName: z.string(),
  at: z.string(),
  /** Stored bytes of this version (a diff against the previous one, or a full state every few versions). */
  bytes: z.number().int().nonnegative(),
});
export type VersionInfo = z.infer<typeof VersionInfo>;

export const VersionList = z.object({ versions: z.array(VersionInfo) });
export type VersionList = z.infer<typeof VersionList>;

export const SaveVersionRequest = ProposalRef.extend({ name: z.string().trim().min(1).max(200) });
export type SaveVersionRequest = z.infer<typeof SaveVersionRequest>;

/**
 * A version's content as ProseMirror JSON of the shared schema (shared/schema), ready to render
 * read-only and to diff against the live document's fragments.
 */
export const VersionContent = z.object({
  info: VersionInfo,
  title: z.string(),
  body: z.record(z.string(), z.unknown()),
  recommendation: z.record(z.string(), z.unknown()),
});
export type VersionContent = z.infer<typeof VersionContent>;

export const RestoreVersionRequest = ProposalRef.extend({ versionId: z.string() });
export type RestoreVersionRequest = z.infer<typeof RestoreVersionRequest>;

/** The restore: the version saved of the text before it, and the new version "Wiederhergestellt: …". */
export const RestoreResponse = z.object({ before: VersionInfo, restored: VersionInfo });
export type RestoreResponse = z.infer<typeof RestoreResponse>;

export const RatingList = z.object({ ratings: z.array(Rating) });
export type RatingList = z.infer<typeof RatingList>;

export const RateRequest = ProposalRef.extend({ rating: RatingInput });
export type RateRequest = z.infer<typeof RateRequest>;

export const PublishRatingRequest = ProposalRef.extend({ ratingId: z.string() });
export type PublishRatingRequest = z.infer<typeof PublishRatingRequest>;

export const ImplementationRequest = ProposalRef.extend({
  responsible: z.string().trim().min(1).max(200),
  state: z.string().trim().max(200),
  percent: z.number().int().min(0).max(100),
  /** A progress note to add (dated by the server). */
  note: z.string().trim().max(5_000).optional(),
});
export type ImplementationRequest = z.infer<typeof ImplementationRequest>;

export { Implementation, RatingConfig };

/** Error codes of the lifecycle API. */
export const LifecycleErrorCode = z.enum([
  'bad-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'no-such-transition',
  'reason-required',
  'invalid-rating',
]);
export type LifecycleErrorCode = z.infer<typeof LifecycleErrorCode>;

/** The HTTP status of each error code. */
export const LifecycleErrorStatus: Readonly<Record<LifecycleErrorCode, number>> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'no-such-transition': 422,
  'reason-required': 422,
  'invalid-rating': 422,
};

export const LifecycleError = z.object({ error: LifecycleErrorCode, message: z.string() });
export type LifecycleError = z.infer<typeof LifecycleError>;
