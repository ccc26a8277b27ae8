import type { z } from 'zod';
import type { ApiError, Caller, Handlers } from '../../shared/contract';
import {
  CommentPath,
  LifecycleErrorCode,
  LifecyclePath,
  ManagePath,
  OverviewPath,
  OpenItems,
  RatingList,
  RestoreResponse,
  SearchResults,
  TransitionResponse,
  VersionContent,
  VersionInfo,
  VersionList,
} from '../../shared/docs/lifecycle/api';
import { CommentThread } from '../../shared/docs/lifecycle/comments';
import type { LifecycleWho } from '../../shared/docs/lifecycle/host-contract';
import { Implementation } from '../../shared/docs/lifecycle/document';
import { Rating, RatingConfig } from '../../shared/docs/lifecycle/rating';
import { ProposalSummary } from '../../shared/docs/proposal';
import { syncForward } from './sync-forward';

/** The sync server's lifecycle codes that the contract has no word of its own for: a bad request, with the server's message. */
const CODES: Record<LifecycleErrorCode, ApiError['code']> = {
  'bad-request': 'bad-request',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  'not-found': 'not-found',
  conflict: 'conflict',
  'no-such-transition': 'bad-request',
  'reason-required': 'bad-request',
  'invalid-rating': 'bad-request',
};

/** The query string of a GET route from the defined values. */
function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** The contract's `lifecycle` calls, forwarded to the sync server's lifecycle API (shared/docs/lifecycle/api.ts). */
export function lifecycleHandlers(syncHttpBase: () => string): Handlers['lifecycle'] {
  const forward = syncForward(syncHttpBase, (error) => {
    const parsed = LifecycleErrorCode.safeParse(error);
    return parsed.success ? CODES[parsed.data] : undefined;
  });
  const as = (who: LifecycleWho, caller: Caller): { token?: string; name?: string; caller: Caller } => ({
    ...(who.token === undefined ? {} : { token: who.token }),
    ...(who.name === undefined ? {} : { name: who.name }),
    caller,
  });
  /** POSTs the request without `who`. */
  const post = <T extends z.ZodType>(path: string, { who, ...body }: { who: LifecycleWho }, caller: Caller, schema: T): Promise<z.infer<T>> =>
    forward(path, { method: 'POST', body, ...as(who, caller) }, schema);
  const get = <T extends z.ZodType>(path: string, who: LifecycleWho, values: Record<string, string | number | undefined>, caller: Caller, schema: T): Promise<z.infer<T>> =>
    forward(`${path}${query(values)}`, { method: 'GET', ...as(who, caller) }, schema);

  return {
    transition: (input, caller) => post(LifecyclePath.transition, input, caller, TransitionResponse),
    versions: ({ who, groupId, proposalId }, caller) => get(LifecyclePath.versions, who, { groupId, proposalId }, caller, VersionList),
    saveVersion: (input, caller) => post(LifecyclePath.saveVersion, input, caller, VersionInfo),
    versionContent: ({ who, groupId, proposalId, versionId }, caller) =>
      get(LifecyclePath.version, who, { groupId, proposalId, versionId }, caller, VersionContent),
    restoreVersion: (input, caller) => post(LifecyclePath.restoreVersion, input, caller, RestoreResponse),
    ratingConfig: ({ who, year }, caller) => get(LifecyclePath.ratingConfig, who, { year }, caller, RatingConfig),
    setRatingConfig: ({ who, config }, caller) => forward(LifecyclePath.setRatingConfig, { method: 'POST', body: config, ...as(who, caller) }, RatingConfig),
    ratings: ({ who, groupId, proposalId }, caller) => get(LifecyclePath.ratings, who, { groupId, proposalId }, caller, RatingList),
    rate: (input, caller) => post(LifecyclePath.rate, input, caller, Rating),
    publishRating: (input, caller) => post(LifecyclePath.publishRating, input, caller, Rating),
    implementation: (input, caller) => post(LifecyclePath.implementation, input, caller, Implementation),
    addComment: (input, caller) => post(CommentPath.add, input, caller, CommentThread),
    editComment: (input, caller) => post(CommentPath.edit, input, caller, CommentThread),
    resolveThread: (input, caller) => post(CommentPath.resolve, input, caller, CommentThread),
    deleteProposal: (input, caller) => post(ManagePath.delete, input, caller, ProposalSummary),
    restoreProposal: (input, caller) => post(ManagePath.restore, input, caller, ProposalSummary),
    moveProposal: (input, caller) => post(ManagePath.move, input, caller, ProposalSummary),
    openItems: ({ who }, caller) => get(OverviewPath.openItems, who, {}, caller, OpenItems),
    search: ({ who, q, status, rating, year, group }, caller) => get(OverviewPath.search, who, { q, status, rating, year, group }, caller, SearchResults),
  };
}
