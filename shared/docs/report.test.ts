import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { documentSchema } from '../schema/extensions';
import { Fragment } from '../schema/fragments';
import { doc, p } from '../demo/content';
import { setProposalStatus, setProposalTitle } from './proposal';
import { pushProposalRecommendation } from './push';
import { getReportEntry, reportEntriesByGroup } from './report';

function proposalWithRecommendation(text: string): Y.Doc {
  const proposal = new Y.Doc();
  setProposalTitle(proposal, 'Fachstelle Wohnungsnotfallhilfe');
  prosemirrorJSONToYXmlFragment(documentSchema(), doc(p(text)), proposal.getXmlFragment(Fragment.proposalRecommendation));
  return proposal;
}

const push = (proposalDoc: Y.Doc, reportDoc: Y.Doc, at: string) =>
  pushProposalRecommendation({ proposalDoc, reportDoc, groupId: 'wohnen', proposalId: 'p1', by: 'Anke', at });

describe('pushing a recommendation into the report', () => {
  it('refuses a draft and an empty recommendation', () => {
    const report = new Y.Doc();
    expect(push(proposalWithRecommendation('Text'), report, '2026-01-01')).toEqual({ ok: false, reason: 'not-final' });
    const empty = new Y.Doc();
    setProposalStatus(empty, 'final', 'Anke', '2026-01-01');
    expect(push(empty, report, '2026-01-01')).toEqual({ ok: false, reason: 'empty' });
    expect(reportEntriesByGroup(report).size).toBe(0);
  });

  it('updates in place when pushed again, with the new text and a new revision', () => {
    const proposal = proposalWithRecommendation('Erste Fassung');
    setProposalStatus(proposal, 'final', 'Anke', '2026-01-01');
    const report = new Y.Doc();
    push(proposal, report, '2026-01-01T10:00:00Z');
    const second = proposalWithRecommendation('Zweite Fassung');
    setProposalStatus(second, 'final', 'Anke', '2026-01-02');
    push(second, report, '2026-01-02T10:00:00Z');
    const entries = reportEntriesByGroup(report).get('wohnen') ?? [];
    expect(entries).toHaveLength(1);
    expect(entries[0]?.revision).toBe(2);
    expect(entries[0]?.pushedAt).toBe('2026-01-02T10:00:00Z');
    expect(JSON.stringify(entries[0]?.content)).toContain('Zweite Fassung');
  });

  it('never duplicates when two offline replicas push concurrently', () => {
    const proposal = proposalWithRecommendation('Text');
    setProposalStatus(proposal, 'final', 'Anke', '2026-01-01');
    const a = new Y.Doc();
    const b = new Y.Doc();
    push(proposal, a, '2026-01-01T10:00:00Z');
    push(proposal, b, '2026-01-01T10:00:01Z');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(reportEntriesByGroup(a).get('wohnen')).toHaveLength(1);
    expect(getReportEntry(a, 'p1')).toEqual(getReportEntry(b, 'p1'));
  });
});
