import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { doc, p } from '../../demo/content';
import { documentSchema } from '../../schema/extensions';
import { Fragment } from '../../schema/fragments';
import { addChapter, addPart, moveChapter, movePart, readOutline, removeChapter, removePart, renameOutlineItem, startFromPrevious, RECOMMENDATIONS_PART } from './outline';
import { readReportForExport } from './read';

const groups = [
  { id: 'wohnen', name: 'Wohnen' },
  { id: 'armut', name: 'Armut' },
];
const titles = (d: Y.Doc): string[] => readOutline(d, groups).parts.map((part) => part.title);
const chapterIds = (d: Y.Doc, partId: string): string[] => readOutline(d, groups).parts.find((part) => part.id === partId)?.chapters.map((c) => c.id) ?? [];

describe('report outline', () => {
  it('reads a new report as the Fokusbericht outline with one chapter per working group, writing nothing', () => {
    const report = new Y.Doc();
    const outline = readOutline(report, groups);
    expect(outline.isDefault).toBe(true);
    expect(titles(report)).toEqual(['Einleitung', 'Sozialpolitische Zielvorschläge', 'Sozioökonomische Kontextinformationen', 'Sozialpolitische Handlungsfelder', 'Handlungsempfehlungen', 'Netzwerk Sozialplanung']);
    expect(outline.parts.find((part) => part.id === '_handlungsfelder')?.chapters).toHaveLength(10);
    expect(chapterIds(report, RECOMMENDATIONS_PART)).toEqual(['wohnen', 'armut']);
    expect(report.getMap('parts').size).toBe(0);
  });

  it('keeps the chapter texts of reports written before parts existed (chapter:<groupId>)', () => {
    const report = new Y.Doc();
    prosemirrorJSONToYXmlFragment(documentSchema(), doc(p('Alter Kapiteltext Wohnen')), report.getXmlFragment(Fragment.reportChapter('wohnen')));
    const model = readReportForExport(report, 2025, { groups });
    const wohnen = model.parts.flatMap((part) => part.chapters).find((c) => c.id === 'wohnen');
    expect(JSON.stringify(wohnen?.content)).toContain('Alter Kapiteltext Wohnen');
  });

  it('adds, renames, moves and removes parts and chapters; group chapters cannot be removed', () => {
    const report = new Y.Doc();
    addPart(report, groups, { id: 'anhang', title: 'Anhang' });
    expect(titles(report).at(-1)).toBe('Anhang');
    movePart(report, groups, 'anhang', 0);
    expect(titles(report)[0]).toBe('Anhang');
    const id = addChapter(report, groups, { id: 'glossar', partId: 'anhang', title: 'Glossar' });
    renameOutlineItem(report, groups, 'chapter', id, 'Begriffe');
    moveChapter(report, groups, id, '_einleitung', 1);
    expect(readOutline(report, groups).parts.find((part) => part.id === '_einleitung')?.chapters.map((c) => c.title)).toEqual(['Vorwort', 'Begriffe', 'Kurzüberblick']);
    expect(removePart(report, groups, '_einleitung')).toBe(false);
    expect(removePart(report, groups, 'anhang')).toBe(true);
    expect(removeChapter(report, groups, 'wohnen')).toBe(false);
    expect(removeChapter(report, groups, id)).toBe(true);
    moveChapter(report, groups, 'armut', RECOMMENDATIONS_PART, 0);
    expect(chapterIds(report, RECOMMENDATIONS_PART)).toEqual(['armut', 'wohnen']);
  });

  it('converges when two editors change different items concurrently, and only edited items are stored', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    readOutline(a, groups);
    readOutline(b, groups);
    moveChapter(a, groups, 'armut', RECOMMENDATIONS_PART, 0);
    renameOutlineItem(b, groups, 'part', '_einleitung', 'Zum Geleit');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readOutline(a, groups)).toEqual(readOutline(b, groups));
    expect(chapterIds(a, RECOMMENDATIONS_PART)).toEqual(['armut', 'wohnen']);
    expect(titles(a)[0]).toBe('Zum Geleit');
    expect(a.getMap('chapters').size).toBe(1);
  });

  it('adds chapters for groups created after the outline was stored', () => {
    const report = new Y.Doc();
    moveChapter(report, groups, "wohnen", RECOMMENDATIONS_PART, 0);
    expect(chapterIds(report, RECOMMENDATIONS_PART)).toEqual(['wohnen', 'armut']);
    expect(chapterIds(report, RECOMMENDATIONS_PART).length).toBe(2);
    expect(readOutline(report, [...groups, { id: 'arbeit', name: 'Arbeit' }]).parts.find((part) => part.id === RECOMMENDATIONS_PART)?.chapters.map((c) => c.id)).toEqual(['wohnen', 'armut', 'arbeit']);
  });

  it('starts a new year from the previous structure without its texts', () => {
    const previous = new Y.Doc();
    addChapter(previous, groups, { id: 'sonder', partId: '_kontext', title: 'Sonderauswertung Pflege' });
    prosemirrorJSONToYXmlFragment(documentSchema(), doc(p('Text 2025')), previous.getXmlFragment(Fragment.reportChapter('_sonder')));
    const next = new Y.Doc();
    startFromPrevious(previous, next, groups);
    expect(readOutline(next, groups)).toEqual({ ...readOutline(previous, groups), isDefault: false });
    expect(next.getXmlFragment(Fragment.reportChapter('_sonder')).length).toBe(0);
  });
});
