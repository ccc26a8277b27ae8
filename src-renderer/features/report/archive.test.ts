import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { pushRecommendation, readReportForExport, setRecommendationRating } from '../../../shared/docs/report';
import { archiveYears, archivedRecommendations, filterArchive, type YearReport } from './archive';

const groups = [
  { id: 'wohnen', name: 'Wohnen' },
  { id: 'armut', name: 'Armut' },
];
const text = (t: string): Record<string, unknown> => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: t }] }] });

function year(y: number, recs: [string, string, 'high' | 'less' | null][]): YearReport {
  const doc = new Y.Doc();
  for (const [id, groupId, rating] of recs) {
    pushRecommendation(doc, { proposalId: id, groupId, title: `Titel ${id}`, content: text(id), pushedAt: `${y}-10-01`, pushedBy: 'S' });
    setRecommendationRating(doc, groups, id, rating);
  }
  return { year: y, state: 'present', report: readReportForExport(doc, y, { groups }), connection: null as never };
}

describe('the archive', () => {
  it('looks at this year and the ten before, newest first', () => {
    expect(archiveYears(2027)).toEqual([2027, 2026, 2025, 2024, 2023, 2022, 2021, 2020, 2019, 2018, 2017]);
  });

  it('lists the recommendations of every present year and filters by year, group and rating', () => {
    const reports: YearReport[] = [year(2027, [['a', 'wohnen', 'high']]), { year: 2026, state: 'absent' }, year(2025, [['b', 'wohnen', null], ['c', 'armut', 'high']])];
    const all = archivedRecommendations(reports);
    expect(all.map((r) => `${r.year}:${r.title}`)).toEqual(['2027:Titel a', '2025:Titel b', '2025:Titel c']);
    expect(filterArchive(all, { year: 2025, group: null, rating: null }).map((r) => r.title)).toEqual(['Titel b', 'Titel c']);
    expect(filterArchive(all, { year: null, group: 'Wohnen', rating: 'high' }).map((r) => r.title)).toEqual(['Titel a']);
    expect(filterArchive(all, { year: null, group: null, rating: 'none' }).map((r) => r.title)).toEqual(['Titel b']);
    expect(all[0]?.anchor).toBe('empfehlung-a');
  });
});
