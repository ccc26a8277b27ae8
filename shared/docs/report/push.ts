import type * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { Fragment } from '../../schema/fragments';
import { readProposalMeta } from '../proposal';
import { hasContent } from './content';
import { pushRecommendation, type ReportEntry } from './entries';

export { hasContent } from './content';

/** Why a recommendation cannot be pushed; the UI turns these into German/English messages. */
export type PushRefusal = 'not-final' | 'empty';

/** Result of trying to push a proposal's recommendation into the report. */
export type PushResult = { ok: true; entry: ReportEntry } | { ok: false; reason: PushRefusal };

/**
 * Copies the final recommendation of a proposal into the report document (frozen as JSON, with a
 * link back through groupId/proposalId). Refuses drafts and empty recommendations.
 */
export function pushProposalRecommendation(args: {
  proposalDoc: Y.Doc;
  reportDoc: Y.Doc;
  groupId: string;
  proposalId: string;
  by: string;
  at: string;
}): PushResult {
  const meta = readProposalMeta(args.proposalDoc);
  if (meta.status !== 'final') {
    return { ok: false, reason: 'not-final' };
  }
  const content = yXmlFragmentToProsemirrorJSON(
    args.proposalDoc.getXmlFragment(Fragment.proposalRecommendation),
  ) as Record<string, unknown>;
  if (!hasContent(content)) {
    return { ok: false, reason: 'empty' };
  }
  const entry = pushRecommendation(args.reportDoc, {
    proposalId: args.proposalId,
    groupId: args.groupId,
    title: meta.title,
    content,
    pushedAt: args.at,
    pushedBy: args.by,
  });
  return { ok: true, entry };
}
