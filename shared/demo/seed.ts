import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { documentSchema } from '../schema/extensions';
import { Fragment, MapName } from '../schema/fragments';
import { WORKSPACE_DOC, groupIndexDocName, proposalDocName, reportDocName } from '../sync/doc-names';
import { putGroup } from '../docs/workspace';
import { putProposalSummary, setProposalStatus, setProposalTitle } from '../docs/proposal';
import { pushProposalRecommendation } from '../docs/push';
import { DEMO_GROUPS, DEMO_PROPOSALS } from './content';

/**
 * Builds the demo workspace as initial Yjs updates per document name, for the sync server to
 * seed once into an empty database (never into the editor: that would duplicate content).
 */
export function buildDemoSeed(reportYear: number): Record<string, Uint8Array> {
  const schema = documentSchema();
  const out: Record<string, Uint8Array> = {};

  const workspace = new Y.Doc();
  for (const group of DEMO_GROUPS) {
    putGroup(workspace, group);
  }
  out[WORKSPACE_DOC] = Y.encodeStateAsUpdate(workspace);

  const report = new Y.Doc();
  report.getMap(MapName.meta).set('title', `Sozialbericht ${reportYear} – Entwurf`);
  report.getMap(MapName.meta).set('year', reportYear);

  const indexes = new Map<string, Y.Doc>();
  for (const proposal of DEMO_PROPOSALS) {
    const doc = new Y.Doc();
    setProposalTitle(doc, proposal.title);
    prosemirrorJSONToYXmlFragment(schema, proposal.body, doc.getXmlFragment(Fragment.proposalBody));
    prosemirrorJSONToYXmlFragment(schema, proposal.recommendation, doc.getXmlFragment(Fragment.proposalRecommendation));
    if (proposal.status === 'final') {
      setProposalStatus(doc, 'final', proposal.createdBy, proposal.createdAt);
      pushProposalRecommendation({
        proposalDoc: doc,
        reportDoc: report,
        groupId: proposal.groupId,
        proposalId: proposal.id,
        by: proposal.createdBy,
        at: proposal.createdAt,
      });
    }
    out[proposalDocName(proposal.groupId, proposal.id)] = Y.encodeStateAsUpdate(doc);

    const index = indexes.get(proposal.groupId) ?? new Y.Doc();
    indexes.set(proposal.groupId, index);
    putProposalSummary(index, {
      id: proposal.id,
      groupId: proposal.groupId,
      title: proposal.title,
      status: proposal.status,
      createdAt: proposal.createdAt,
      createdBy: proposal.createdBy,
      updatedAt: proposal.createdAt,
    });
  }
  for (const [groupId, index] of indexes) {
    out[groupIndexDocName(groupId)] = Y.encodeStateAsUpdate(index);
  }
  out[reportDocName(reportYear)] = Y.encodeStateAsUpdate(report);
  return out;
}
