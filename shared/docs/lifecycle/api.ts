import { z } from 'zod';
import { CommentAnchor, MAX_COMMENT_LENGTH } from './comments';
import { Implementation, HistoryEntry } from './document';
import { Rating, RatingCategory, RatingConfig, RatingInput } from './rating';
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

/** Comment actions; each answers with the changed CommentThread (see comments.ts). */
export const CommentPath = {
  /** POST AddCommentRequest: a new thread (anchor, or null for the whole proposal) or, with threadId, a reply. */
  add: '/lifecycle/comments/add',
  /** POST EditCommentRequest: only the author's own comment. */
  edit: '/lifecycle/comments/edit',
  /** POST ResolveThreadRequest: resolve (true) or reopen (false); everyone who may comment. */
  resolve: '/lifecycle/comments/resolve',
} as const;

const CommentText = z.string().trim().min(1).max(MAX_COMMENT_LENGTH);
export const AddCommentRequest = ProposalRef.extend({
  threadId: z.string().max(64).optional(),
  anchor: CommentAnchor.nullable().optional(),
  text: CommentText,
});
export type AddCommentRequest = z.infer<typeof AddCommentRequest>;
export const EditCommentRequest = ProposalRef.extend({ threadId: z.string().max(64), commentId: z.string().max(64), text: CommentText });
export type EditCommentRequest = z.infer<typeof EditCommentRequest>;
export const ResolveThreadRequest = ProposalRef.extend({ threadId: z.string().max(64), resolved: z.boolean() });
export type ResolveThreadRequest = z.infer<typeof ResolveThreadRequest>;

/** Managing actions; each answers with the ProposalSummary (shared/docs/proposal.ts) as it is now. */
export const ManagePath = {
  /** POST ProposalRef: to the recycle bin (the group's leads, admin). */
  delete: '/lifecycle/manage/delete',
  /** POST ProposalRef: back from the recycle bin (within RECYCLE_DAYS; the group's leads, admin). */
  restore: '/lifecycle/manage/restore',
  /** POST MoveRequest: answers with the entry in the target group. */
  move: '/lifecycle/manage/move',
} as const;

export const MoveRequest = ProposalRef.extend({ toGroupId: Id });
export type MoveRequest = z.infer<typeof MoveRequest>;

/** Overviews over every group the account may read. */
export const OverviewPath = {
  /** GET → OpenItems ("Meine offenen Punkte"). */
  openItems: '/lifecycle/open-items',
  /** GET SearchQuery as query string → SearchResults. */
  search: '/lifecycle/search',
} as const;

/** One comment waiting for the account. */
export const OpenComment = z.object({
  groupId: z.string(),
  proposalId: z.string(),
  threadId: z.string(),
  commentId: z.string(),
  by: z.string(),
  byName: z.string(),
  at: z.string(),
  text: z.string(),
});
export type OpenComment = z.infer<typeof OpenComment>;

/** "Meine offenen Punkte". */
export const OpenItems = z.object({
  /** Comments in open threads that mention the account. */
  mentions: z.array(OpenComment),
  /** Comments by others in open threads on proposals the account created (index `createdBy`). */
  commentsOnMine: z.array(OpenComment),
  /** Proposals of the account's groups waiting for the group's decision (in Abstimmung). */
  waitingForGroup: z.array(
    z.object({ groupId: z.string(), proposalId: z.string(), title: z.string(), status: LifecycleStatus, updatedAt: z.string() }),
  ),
});
export type OpenItems = z.infer<typeof OpenItems>;

export const SearchQuery = z.object({
  q: z.string().max(200).optional(),
  status: LifecycleStatus.optional(),
  rating: RatingCategory.optional(),
  year: z.coerce.number().int().min(2000).max(2199).optional(),
  group: z.string().max(64).optional(),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** A search result. */
export const SearchHit = z.object({
  groupId: z.string(),
  proposalId: z.string(),
  title: z.string(),
  status: LifecycleStatus,
  /** Year the proposal was created. */
  year: z.number(),
  /** Category of the newest published rating, or null. */
  rating: RatingCategory.nullable(),
  /** Text around the first match (or the start of the recommendation without a query). */
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResults = z.object({ results: z.array(SearchHit) });
export type SearchResults = z.infer<typeof SearchResults>;
