import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { placedRecommendations, pushRecommendation, readReportForExport, withdrawRecommendation } from '../../../shared/docs/report';
import { stepRecommendation } from './editing';
import { searchIndex, searchReport } from './useReport';

const groups = [{ id: 'wohnen', name: 'Wohnen' }];
const actor = { by: 'Sabine', at: '2026-05-01T10:00:00Z' };
const text = (t: string): Record<string, unknown> => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] });

function reportWith(titles: string[]): Y.Doc {
  const doc = new Y.Doc();
  titles.forEach((title, i) => pushRecommendation(doc, { proposalId: `p${i}`, groupId: 'wohnen', title, content: text(`Text von ${title}`), pushedAt: actor.at, pushedBy: 'Jens' }));
  return doc;
}

const order = (doc: Y.Doc): string[] => (placedRecommendations(doc, groups).get('wohnen') ?? []).filter((r) => r.placement.withdrawn === null).map((r) => r.entry.title);

describe('moving recommendations with the buttons', () => {
  it('moves a never-placed recommendation below its unplaced neighbour (they sort by title until then)', () => {
    const doc = reportWith(['A', 'B', 'C']);
    const list = () => placedRecommendations(doc, groups).get('wohnen') ?? [];
    expect(stepRecommendation(doc, groups, 'wohnen', list(), 'p0', 1, actor)).toBe(true);
    expect(order(doc)).toEqual(['B', 'A', 'C']);
    expect(stepRecommendation(doc, groups, 'wohnen', list(), 'p0', 1, actor)).toBe(true);
    expect(order(doc)).toEqual(['B', 'C', 'A']);
    expect(stepRecommendation(doc, groups, 'wohnen', list(), 'p0', 1, actor)).toBe(false);
    expect(stepRecommendation(doc, groups, 'wohnen', list(), 'p1', -1, actor)).toBe(false);
    expect(stepRecommendation(doc, groups, 'wohnen', list(), 'p2', -1, actor)).toBe(true);
    expect(order(doc)).toEqual(['C', 'B', 'A']);
  });

  it('steps over a withdrawn recommendation, which keeps its place for a later restore', () => {
    const doc = reportWith(['A', 'B', 'C']);
    withdrawRecommendation(doc, groups, { proposalId: 'p1', reason: 'doppelt', ...actor });
    const list = placedRecommendations(doc, groups).get('wohnen') ?? [];
    expect(stepRecommendation(doc, groups, 'wohnen', list, 'p0', 1, actor)).toBe(true);
    expect(order(doc)).toEqual(['C', 'A']);
  });
});

describe('search in the reading view', () => {
  it('finds the recommendations that contain every word, case-insensitively, with an excerpt', () => {
    const doc = reportWith(['Wohnberatung vor Ort', 'Notfallhilfe']);
    const index = searchIndex(readReportForExport(doc, 2026, { groups }));
    const hits = searchReport(index, 'TEXT wohnberatung');
    expect(hits.map((h) => h.anchor)).toEqual(['empfehlung-p0']);
    expect(hits[0]?.excerpt).toContain('Wohnberatung');
    expect(searchReport(index, '   ')).toEqual([]);
    expect(searchReport(index, 'Kreistag')).toEqual([]);
  });
});
