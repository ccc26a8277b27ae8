import { z } from 'zod';
import { ProposalSummary } from '../proposal';
import {
  AddCommentRequest,
  EditCommentRequest,
  ImplementationRequest,
  MoveRequest,
  OpenItems,
  ProposalRef,
  PublishRatingRequest,
  RateRequest,
  RatingList,
  ResolveThreadRequest,
  RestoreResponse,
  RestoreVersionRequest,
  SaveVersionRequest,
  SearchQuery,
  SearchResults,
  TransitionRequest,
  TransitionResponse,
  VersionContent,
  VersionInfo,
  VersionList,
} from './api';
import { CommentThread } from './comments';
import { Implementation } from './document';
import { Rating, RatingConfig } from './rating';

/**
 * Who makes a lifecycle call through the host: the signed-in account's sync token, or (when the
 * sync server has no accounts) the display name recorded with the change. The host passes them on
 * as `Authorization: Bearer` and `X-Fokuswerk-Name`; the sync server decides.
 */
export const LifecycleWho = z.object({
  token: z.string().min(1).max(4096).optional(),
  name: z.string().max(100).optional(),
});
export type LifecycleWho = z.infer<typeof LifecycleWho>;

const who = { who: LifecycleWho };

/**
 * The contract namespace `lifecycle` (shared/contract.ts): every action of the sync server's
 * lifecycle API (api.ts), each input being the API request plus `who`. The host forwards them
 * (src-main/services/lifecycle-forward.ts), so the renderer stays on its one channel.
 */
export const lifecycleContract = {
  transition: { input: TransitionRequest.extend(who), output: TransitionResponse },
  versions: { input: ProposalRef.extend(who), output: VersionList },
  saveVersion: { input: SaveVersionRequest.extend(who), output: VersionInfo },
  versionContent: { input: ProposalRef.extend({ ...who, versionId: z.string().min(1).max(100) }), output: VersionContent },
  restoreVersion: { input: RestoreVersionRequest.extend(who), output: RestoreResponse },
  ratingConfig: { input: z.object({ ...who, year: z.number().int().min(2000).max(2199) }), output: RatingConfig },
  setRatingConfig: { input: z.object({ ...who, config: RatingConfig }), output: RatingConfig },
  ratings: { input: ProposalRef.extend(who), output: RatingList },
  rate: { input: RateRequest.extend(who), output: Rating },
  publishRating: { input: PublishRatingRequest.extend(who), output: Rating },
  implementation: { input: ImplementationRequest.extend(who), output: Implementation },
  addComment: { input: AddCommentRequest.extend(who), output: CommentThread },
  editComment: { input: EditCommentRequest.extend(who), output: CommentThread },
  resolveThread: { input: ResolveThreadRequest.extend(who), output: CommentThread },
  deleteProposal: { input: ProposalRef.extend(who), output: ProposalSummary },
  restoreProposal: { input: ProposalRef.extend(who), output: ProposalSummary },
  moveProposal: { input: MoveRequest.extend(who), output: ProposalSummary },
  openItems: { input: z.object(who), output: OpenItems },
  search: { input: SearchQuery.extend(who), output: SearchResults },
} as const;
