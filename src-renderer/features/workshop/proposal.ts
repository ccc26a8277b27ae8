import * as Y from 'yjs';
import { MAX_TITLE_LENGTH, newId, putProposalSummary, setProposalTitle } from '../../../shared/docs/proposal';
import type { ProposalDraft } from '../../../shared/docs/workshop/proposal-draft';
import { Fragment, MapName } from '../../../shared/schema/fragments';
import { groupIndexDocName, proposalDocName } from '../../../shared/sync/doc-names';
import type { DocRegistry } from '../../sync/doc-registry';

/**
 * Creates a proposal in the session's working group from a cluster's or measure's draft
 * (draftFromCluster / draftFromMeasure): title, the draft's paragraphs as the body, and the link
 * back to the session in the proposal's `meta` map under `workshopSource`. The document is new, so
 * writing its body once here does not duplicate anything (the editor is not involved).
 */
export function createProposalFromDraft(registry: DocRegistry, groupId: string, draft: ProposalDraft, createdBy: string): string {
  const id = newId();
  const now = new Date().toISOString();
  const doc = registry.get(proposalDocName(groupId, id)).doc;
  doc.transact(() => {
    setProposalTitle(doc, draft.title);
    doc.getMap(MapName.meta).set('workshopSource', draft.source);
    const body = doc.getXmlFragment(Fragment.proposalBody);
    body.insert(
      0,
      draft.paragraphs.map((text) => {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(text)]);
        return paragraph;
      }),
    );
  });
  putProposalSummary(registry.get(groupIndexDocName(groupId)).doc, {
    id,
    groupId,
    title: draft.title.slice(0, MAX_TITLE_LENGTH),
    status: 'draft',
    createdAt: now,
    createdBy,
    updatedAt: now,
  });
  return id;
}
