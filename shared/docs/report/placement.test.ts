import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { doc, p } from '../../demo/content';
import { MapName } from '../../schema/fragments';
import { changeSincePush, diffWords, keepOldVersion, takeNewVersion } from './changes';
import { getReportEntry, pushRecommendation } from './entries';
import { addChapter } from './outline';
import { getPlacement, placeRecommendation, placedRecommendations, restoreRecommendation, setRecommendationRating, withdrawRecommendation } from './placement';
import { readReportForExport } from './read';
import { validateReport } from './validate';

const groups = [
  { id: 'wohnen', name: 'Wohnen' },
  { id: 'armut', name: 'Armut' },
];
const at = '2026-10-01T10:00:00.000Z';

function reportWith(...recs: [string, string, string][]): Y.Doc {
  const report = new Y.Doc();
  for (const [proposalId, groupId, title] of recs) {
    pushRecommendation(report, { proposalId, groupId, title, content: doc(p(`Text von ${title}`)), pushedAt: at, pushedBy: 'AG' });
  }
  return report;
}
const order = (d: Y.Doc, chapter: string): string[] => (placedRecommendations(d, groups).get(chapter) ?? []).map((r) => r.entry.proposalId);

describe('recommendations in the report', () => {
  it('appear in their group chapter by title until placed, then in the chosen order and chapter', () => {
    const report = reportWith(['b', 'wohnen', 'Beta'], ['a', 'wohnen', 'Alpha'], ['c', 'armut', 'Gamma']);
    expect(order(report, 'wohnen')).toEqual(['a', 'b']);
    placeRecommendation(report, groups, { proposalId: 'b', chapterId: 'wohnen', index: 0, by: 'S', at });
    expect(order(report, 'wohnen')).toEqual(['b', 'a']);
    const kurz = addChapter(report, groups, { id: 'kurz', partId: '_einleitung', title: 'Kurzfassung' });
    placeRecommendation(report, groups, { proposalId: 'c', chapterId: kurz, index: 0, by: 'S', at });
    expect(order(report, kurz)).toEqual(['c']);
    expect(getPlacement(report, groups, 'c')?.history.map((h) => h.action)).toEqual(['moved']);
  });

  it('a new push keeps the Stabsstelle’s placement and withdrawal', () => {
    const report = reportWith(['a', 'wohnen', 'Alpha'], ['b', 'wohnen', 'Beta']);
    placeRecommendation(report, groups, { proposalId: 'b', chapterId: 'wohnen', index: 0, by: 'S', at });
    withdrawRecommendation(report, groups, { proposalId: 'a', reason: 'Doppelt mit Beta', by: 'S', at });
    pushRecommendation(report, { proposalId: 'b', groupId: 'wohnen', title: 'Beta', content: doc(p('neu')), pushedAt: at, pushedBy: 'AG' });
    expect(order(report, 'wohnen')).toEqual(['b', 'a']);
    expect(getPlacement(report, groups, 'a')?.withdrawn?.reason).toBe('Doppelt mit Beta');
  });

  it('withdrawal needs a reason, is kept in the history, and leaves the exports', () => {
    const report = reportWith(['a', 'wohnen', 'Alpha']);
    expect(withdrawRecommendation(report, groups, { proposalId: 'a', reason: '  ', by: 'S', at })).toBe(false);
    expect(withdrawRecommendation(report, groups, { proposalId: 'a', reason: 'Nicht beschlossen', by: 'S', at })).toBe(true);
    const model = readReportForExport(report, 2026, { groups });
    expect(model.parts.flatMap((x) => x.chapters).flatMap((c) => c.recommendations)).toHaveLength(0);
    restoreRecommendation(report, groups, { proposalId: 'a', by: 'S', at: '2026-10-02' });
    expect(getPlacement(report, groups, 'a')?.history).toEqual([
      { action: 'withdrawn', by: 'S', at, reason: 'Nicht beschlossen' },
      { action: 'restored', by: 'S', at: '2026-10-02' },
    ]);
    expect(readReportForExport(report, 2026, { groups }).parts.flatMap((x) => x.chapters).flatMap((c) => c.recommendations).map((r) => r.title)).toEqual(['Alpha']);
  });
});

describe('geändert seit Übernahme', () => {
  const current = doc(p('Text von Alpha mit Ergänzung')) as unknown as Record<string, unknown>;

  it('detects a changed proposal text with a word diff; keep-old silences exactly that text', () => {
    const report = reportWith(['a', 'wohnen', 'Alpha']);
    expect(changeSincePush(report, groups, 'a', doc(p('Text von Alpha')) as unknown as Record<string, unknown>).kind).toBe('unchanged');
    const change = changeSincePush(report, groups, 'a', current);
    expect(change.kind).toBe('changed');
    expect(change.kind === 'changed' ? change.diff : []).toEqual([
      { op: 'same', text: 'Text von Alpha' },
      { op: 'added', text: ' mit Ergänzung' },
    ]);
    keepOldVersion(report, groups, { proposalId: 'a', content: current, by: 'S', at });
    expect(changeSincePush(report, groups, 'a', current).kind).toBe('kept-old');
    expect(changeSincePush(report, groups, 'a', doc(p('Ganz neu')) as unknown as Record<string, unknown>).kind).toBe('changed');
  });

  it('take-new copies the current text as a new revision', () => {
    const report = reportWith(['a', 'wohnen', 'Alpha']);
    takeNewVersion(report, groups, { proposalId: 'a', title: 'Alpha (neu)', content: current, by: 'S', at: '2026-10-05' });
    expect(getReportEntry(report, 'a')?.revision).toBe(2);
    expect(getReportEntry(report, 'a')?.title).toBe('Alpha (neu)');
    expect(changeSincePush(report, groups, 'a', current).kind).toBe('unchanged');
    expect(getPlacement(report, groups, 'a')?.history.at(-1)?.action).toBe('took-new');
  });

  it('diffs removals and insertions in the middle', () => {
    expect(diffWords('a b c d', 'a x c d')).toEqual([
      { op: 'same', text: 'a ' },
      { op: 'removed', text: 'b' },
      { op: 'added', text: 'x' },
      { op: 'same', text: ' c d' },
    ]);
  });
});

describe('reading a damaged report', () => {
  it('turns malformed entries into notes and exports the rest', () => {
    const report = reportWith(['a', 'wohnen', 'Alpha']);
    report.getMap(MapName.recommendations).set('kaputt', { title: 42 });
    report.getMap('chapters').set('x', 'kein Kapitel');
    report.getMap('placements').set('a', { chapterId: 7 });
    report.getMap('placements').set('verwaist', { proposalId: 'verwaist', chapterId: 'wohnen', order: 1, withdrawn: null, history: [] });
    report.getMap(MapName.meta).set('date', 'gestern');
    const notes = validateReport(report);
    expect(notes.map((n) => n.where).sort()).toEqual(['chapters/x', 'placements/a', 'placements/verwaist', 'recommendations/kaputt']);
    const model = readReportForExport(report, 2026, { groups, proposalExists: () => false });
    expect(model.meta.date).toBeNull();
    const recs = model.parts.flatMap((x) => x.chapters).flatMap((c) => c.recommendations);
    expect(recs.map((r) => r.title)).toEqual(['Alpha']);
    expect(recs[0]?.notes.join(' ')).toContain('gelöscht');
  });

  it('an empty report exports with a visible note and the statistics attribution', () => {
    const model = readReportForExport(new Y.Doc(), 2027, { groups });
    expect(model.notes.join(' ')).toContain('noch leer');
    expect(model.meta.title).toBe('Sozialplanung Fokus 2027');
    expect(model.attributions.length).toBeGreaterThan(0);
    expect(model.parts.flatMap((x) => x.chapters).every((c) => c.notes.length === 1)).toBe(true);
  });
});

describe('placing recommendations', () => {
  it('moving a never-placed recommendation keeps the others where everyone saw them', () => {
    const report = reportWith(['a', 'wohnen', 'Alpha'], ['b', 'wohnen', 'Beta'], ['c', 'wohnen', 'Gamma']);
    placeRecommendation(report, groups, { proposalId: 'c', chapterId: 'wohnen', index: 1, by: 'S', at });
    expect(order(report, 'wohnen')).toEqual(['a', 'c', 'b']);
    // A later push lands after the placed ones, by title.
    pushRecommendation(report, { proposalId: 'd', groupId: 'wohnen', title: 'Aaa', content: doc(p('neu')), pushedAt: at, pushedBy: 'AG' });
    expect(order(report, 'wohnen')).toEqual(['a', 'c', 'b', 'd']);
  });

  it('still reads the placements of older reports (one object per recommendation) and overrides them field by field', () => {
    const report = reportWith(['a', 'wohnen', 'Alpha'], ['b', 'wohnen', 'Beta']);
    report.getMap('placements').set('a', { proposalId: 'a', chapterId: 'wohnen', order: 5, withdrawn: null, history: [{ action: 'moved', by: 'Alt', at }], rating: 'less' });
    expect(order(report, 'wohnen')).toEqual(['a', 'b']);
    withdrawRecommendation(report, groups, { proposalId: 'a', reason: 'veraltet', by: 'S', at });
    const placement = getPlacement(report, groups, 'a');
    expect(placement?.rating).toBe('less');
    expect(placement?.withdrawn?.reason).toBe('veraltet');
    expect(placement?.history.map((h) => h.action)).toEqual(['moved', 'withdrawn']);
    expect(validateReport(report)).toEqual([]);
  });
});

describe('two people deciding about the same recommendation at once (two Yjs clients, offline, then synced)', () => {
  function pair(): [Y.Doc, Y.Doc] {
    const one = reportWith(['a', 'wohnen', 'Alpha'], ['b', 'wohnen', 'Beta'], ['c', 'armut', 'Gamma']);
    addChapter(one, groups, { id: 'kurz', partId: '_einleitung', title: 'Kurzfassung' });
    const two = new Y.Doc();
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one));
    return [one, two];
  }
  function sync(one: Y.Doc, two: Y.Doc): void {
    Y.applyUpdate(two, Y.encodeStateAsUpdate(one, Y.encodeStateVector(two)));
    Y.applyUpdate(one, Y.encodeStateAsUpdate(two, Y.encodeStateVector(one)));
  }
  const everywhere = (d: Y.Doc): string[] => [...placedRecommendations(d, groups).entries()].flatMap(([chapter, list]) => list.map((r) => `${chapter}:${r.entry.proposalId}`)).sort();

  it('a move and a withdrawal both survive, with both events in the history', () => {
    const [one, two] = pair();
    placeRecommendation(one, groups, { proposalId: 'a', chapterId: '_kurz', index: 0, by: 'Eins', at });
    withdrawRecommendation(two, groups, { proposalId: 'a', reason: 'doppelt', by: 'Zwei', at });
    setRecommendationRating(two, groups, 'a', 'high');
    sync(one, two);
    for (const d of [one, two]) {
      const placement = getPlacement(d, groups, 'a');
      expect(placement?.chapterId).toBe('_kurz');
      expect(placement?.withdrawn?.reason).toBe('doppelt');
      expect(placement?.rating).toBe('high');
      expect(placement?.history.map((h) => `${h.action}:${h.by}`).sort()).toEqual(['moved:Eins', 'withdrawn:Zwei']);
    }
  });

  it('two moves of the same recommendation converge on one of the two places, never both and never a mix', () => {
    const [one, two] = pair();
    placeRecommendation(one, groups, { proposalId: 'a', chapterId: '_kurz', index: 0, by: 'Eins', at });
    placeRecommendation(two, groups, { proposalId: 'a', chapterId: 'wohnen', index: 1, by: 'Zwei', at });
    sync(one, two);
    expect(everywhere(one)).toEqual(everywhere(two));
    expect(everywhere(one).filter((x) => x.endsWith(':a'))).toHaveLength(1);
    const chapter = getPlacement(one, groups, 'a')?.chapterId;
    expect(['_kurz', 'wohnen']).toContain(chapter);
    expect(chapter === 'wohnen' ? order(one, 'wohnen') : order(one, '_kurz')).toEqual(chapter === 'wohnen' ? ['b', 'a'] : ['a']);
  });

  it('two recommendations moved to the same slot get one order on both clients', () => {
    const [one, two] = pair();
    placeRecommendation(one, groups, { proposalId: 'a', chapterId: '_kurz', index: 0, by: 'Eins', at });
    placeRecommendation(two, groups, { proposalId: 'b', chapterId: '_kurz', index: 0, by: 'Zwei', at });
    sync(one, two);
    expect(order(one, '_kurz')).toEqual(order(two, '_kurz'));
    expect(order(one, '_kurz').sort()).toEqual(['a', 'b']);
  });
});
