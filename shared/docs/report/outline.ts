import type * as Y from 'yjs';
import { z } from 'zod';
import { parsedValues } from '../parsed-map';

/** Names of the report's structure maps (next to `meta` and `recommendations`). */
export const OutlineMap = { parts: 'parts', chapters: 'chapters' } as const;

/** A part of the report (Teil), e.g. "Sozialpolitische Handlungsfelder". */
export const ReportPart = z.object({
  id: z.string().min(1),
  title: z.string(),
  order: z.number(),
  /** Set when a part of the default outline was removed (a tombstone, so the default stays away). */
  removed: z.boolean().optional(),
});
export type ReportPart = z.infer<typeof ReportPart>;

/**
 * A chapter: its text is the Y.XmlFragment `chapter:<id>`. A chapter with `groupId` is the home of
 * that working group's recommendations (its id is the group id, which keeps the texts of reports
 * written before parts existed, stored as `chapter:<groupId>`).
 */
export const ReportChapter = z.object({
  id: z.string().min(1),
  partId: z.string(),
  title: z.string(),
  order: z.number(),
  groupId: z.string().optional(),
  removed: z.boolean().optional(),
});
export type ReportChapter = z.infer<typeof ReportChapter>;

/** A working group as the report needs it. */
export interface OutlineGroup {
  id: string;
  name: string;
}

/** The report's parts with their chapters, both in reading order. */
export interface Outline {
  parts: (ReportPart & { chapters: ReportChapter[] })[];
  /** True when the document has no stored outline and this one is the default (nothing written). */
  isDefault: boolean;
}

/** Id of the part that holds the working groups' chapters in the default outline. */
export const RECOMMENDATIONS_PART = '_handlungsempfehlungen';

// Ids of the default outline start with "_" so they can never clash with a group id ([a-z0-9]…).
const DEFAULT_OUTLINE: readonly { id: string; title: string; chapters: readonly [string, string][] }[] = [
  { id: '_einleitung', title: 'Einleitung', chapters: [['_vorwort', 'Vorwort'], ['_kurzueberblick', 'Kurzüberblick']] },
  { id: '_zielvorschlaege', title: 'Sozialpolitische Zielvorschläge', chapters: [['_zielvorschlaege-text', 'Zielvorschläge und ihre finanziellen Wirkungen']] },
  {
    id: '_kontext',
    title: 'Sozioökonomische Kontextinformationen',
    chapters: [
      ['_bevoelkerung', 'Bevölkerung und Bevölkerungsentwicklung'],
      ['_altersstruktur', 'Altersstruktur'],
      ['_migration', 'Migration'],
      ['_beschaeftigung', 'Beschäftigung'],
      ['_leistungsbezug', 'Leistungsbezug'],
      ['_finanzen', 'Finanzen des Sozialbereichs'],
    ],
  },
  {
    id: '_handlungsfelder',
    title: 'Sozialpolitische Handlungsfelder',
    chapters: [
      ['_hf-infrastruktur', 'Infrastruktur sozialer Angebote'],
      ['_hf-mobilitaet', 'Mobilität'],
      ['_hf-gesundheit', 'Gesundheitsversorgung und Pflege'],
      ['_hf-wohnen', 'Wohnen'],
      ['_hf-integration', 'Zuwanderung und Integration'],
      ['_hf-bildung', 'Bildung'],
      ['_hf-inklusion', 'Inklusion'],
      ['_hf-arbeit', 'Arbeit'],
      ['_hf-armut', 'Armut'],
      ['_hf-soziales-leben', 'Soziales Leben und Freizeit'],
    ],
  },
  { id: RECOMMENDATIONS_PART, title: 'Handlungsempfehlungen', chapters: [] },
  { id: '_netzwerk', title: 'Netzwerk Sozialplanung', chapters: [['_netzwerk-text', 'Netzwerk Sozialplanung']] },
];

/** The Fokusbericht outline for a new year: fixed parts, plus one chapter per working group. */
export function defaultOutline(groups: readonly OutlineGroup[]): { parts: ReportPart[]; chapters: ReportChapter[] } {
  const parts: ReportPart[] = [];
  const chapters: ReportChapter[] = [];
  DEFAULT_OUTLINE.forEach((part, p) => {
    parts.push({ id: part.id, title: part.title, order: p + 1 });
    part.chapters.forEach(([id, title], c) => chapters.push({ id, partId: part.id, title, order: c + 1 }));
  });
  groups.forEach((g, i) => chapters.push({ id: g.id, partId: RECOMMENDATIONS_PART, title: g.name, order: i + 1, groupId: g.id }));
  return { parts, chapters };
}

const byOrder = <T extends { order: number; id: string }>(a: T, b: T): number => a.order - b.order || a.id.localeCompare(b.id);

/**
 * Reads the outline: the default outline overlaid with what is stored. Only edited items are ever
 * written (one entry per part or chapter, a tombstone for a removed default), so two people editing
 * different items never overwrite each other, and a report written before parts existed reads as
 * the default outline with its old chapter texts (`chapter:<groupId>`). A group without a chapter
 * gets one at the end of the recommendations part; a chapter whose part is gone joins the last part.
 */
export function readOutline(doc: Y.Doc, groups: readonly OutlineGroup[]): Outline {
  const storedParts = parsedValues(doc.getMap(OutlineMap.parts), ReportPart);
  const storedChapters = parsedValues(doc.getMap(OutlineMap.chapters), ReportChapter);
  const isDefault = storedParts.length === 0 && storedChapters.length === 0;
  const defaults = defaultOutline(groups);
  const partMap = new Map<string, ReportPart>(defaults.parts.map((p) => [p.id, p]));
  for (const p of storedParts) {
    partMap.set(p.id, p);
  }
  const chapterMap = new Map<string, ReportChapter>(defaults.chapters.map((c) => [c.id, c]));
  for (const c of storedChapters) {
    chapterMap.set(c.id, c);
  }
  const parts = [...partMap.values()]
    .filter((p) => !p.removed)
    .sort(byOrder)
    .map(({ removed: _removed, ...p }) => ({ ...p, chapters: [] as ReportChapter[] }));
  const partById = new Map(parts.map((p) => [p.id, p]));
  const lastPart = parts[parts.length - 1];
  const groupIds = new Set(groups.map((g) => g.id));
  const groupsWithChapter = new Set<string>();
  for (const { removed, ...chapter } of chapterMap.values()) {
    // A group's chapter is never removed for good: its recommendations need a home.
    if (removed && !(chapter.groupId && groupIds.has(chapter.groupId))) {
      continue;
    }
    const part = partById.get(chapter.partId) ?? lastPart;
    part?.chapters.push(chapter);
    if (chapter.groupId) {
      groupsWithChapter.add(chapter.groupId);
    }
  }
  const home = partById.get(RECOMMENDATIONS_PART) ?? lastPart;
  if (home) {
    let next = Math.max(0, ...home.chapters.map((c) => c.order));
    for (const g of groups) {
      if (!groupsWithChapter.has(g.id)) {
        next += 1;
        home.chapters.push({ id: g.id, partId: home.id, title: g.name, order: next, groupId: g.id });
      }
    }
  }
  for (const part of parts) {
    part.chapters.sort(byOrder);
  }
  return { parts, isDefault };
}

/** The order value that puts an item at `index` among `siblings` (sorted), without renumbering. */
export function orderAt(siblings: readonly { order: number }[], index: number): number {
  const clamped = Math.max(0, Math.min(index, siblings.length));
  const before = siblings[clamped - 1]?.order;
  const after = siblings[clamped]?.order;
  if (before === undefined && after === undefined) {
    return 1;
  }
  if (before === undefined) {
    return (after as number) - 1;
  }
  if (after === undefined) {
    return before + 1;
  }
  return (before + after) / 2;
}

/** Adds a part at `index` (default: the end); returns its id. */
export function addPart(doc: Y.Doc, groups: readonly OutlineGroup[], args: { id: string; title: string; index?: number }): string {
  const outline = readOutline(doc, groups);
  const order = orderAt(outline.parts, args.index ?? outline.parts.length);
  doc.getMap(OutlineMap.parts).set(args.id, ReportPart.parse({ id: args.id, title: args.title, order }));
  return args.id;
}

/** Adds a chapter to a part at `index` (default: the end); returns its id. */
export function addChapter(doc: Y.Doc, groups: readonly OutlineGroup[], args: { id: string; partId: string; title: string; index?: number }): string {
  const outline = readOutline(doc, groups);
  const part = outline.parts.find((p) => p.id === args.partId);
  if (!part) {
    throw new Error(`unknown part ${args.partId}`);
  }
  const id = args.id.startsWith('_') ? args.id : `_${args.id}`;
  const order = orderAt(part.chapters, args.index ?? part.chapters.length);
  doc.getMap(OutlineMap.chapters).set(id, ReportChapter.parse({ id, partId: part.id, title: args.title, order }));
  return id;
}

/** Renames a part or a chapter. */
export function renameOutlineItem(doc: Y.Doc, groups: readonly OutlineGroup[], kind: 'part' | 'chapter', id: string, title: string): void {
  const outline = readOutline(doc, groups);
  if (kind === 'part') {
    const part = outline.parts.find((p) => p.id === id);
    if (part) {
      const { chapters: _chapters, ...stored } = part;
      doc.getMap(OutlineMap.parts).set(id, { ...stored, title });
    }
  } else {
    const chapter = outline.parts.flatMap((p) => p.chapters).find((c) => c.id === id);
    if (chapter) {
      doc.getMap(OutlineMap.chapters).set(id, { ...chapter, title });
    }
  }
}

/** Moves a part to `index` among the parts. */
export function movePart(doc: Y.Doc, groups: readonly OutlineGroup[], id: string, index: number): void {
  const outline = readOutline(doc, groups);
  const part = outline.parts.find((p) => p.id === id);
  if (!part) {
    return;
  }
  const others = outline.parts.filter((p) => p.id !== id);
  const { chapters: _chapters, ...stored } = part;
  doc.getMap(OutlineMap.parts).set(id, { ...stored, order: orderAt(others, index) });
}

/** Moves a chapter to `index` within `partId` (its own part or another). */
export function moveChapter(doc: Y.Doc, groups: readonly OutlineGroup[], id: string, partId: string, index: number): void {
  const outline = readOutline(doc, groups);
  const chapter = outline.parts.flatMap((p) => p.chapters).find((c) => c.id === id);
  const target = outline.parts.find((p) => p.id === partId);
  if (!chapter || !target) {
    return;
  }
  const siblings = target.chapters.filter((c) => c.id !== id);
  doc.getMap(OutlineMap.chapters).set(id, { ...chapter, partId, order: orderAt(siblings, index) });
}

/**
 * Removes a chapter from the outline. A working group's chapter cannot be removed (its
 * recommendations need a home); its text fragment stays in the document, so nothing is lost.
 */
export function removeChapter(doc: Y.Doc, groups: readonly OutlineGroup[], id: string): boolean {
  const outline = readOutline(doc, groups);
  const chapter = outline.parts.flatMap((p) => p.chapters).find((c) => c.id === id);
  if (!chapter || chapter.groupId) {
    return false;
  }
  doc.getMap(OutlineMap.chapters).set(id, { ...chapter, removed: true });
  return true;
}

/** Removes an empty part; false if it still has chapters. */
export function removePart(doc: Y.Doc, groups: readonly OutlineGroup[], id: string): boolean {
  const outline = readOutline(doc, groups);
  const part = outline.parts.find((p) => p.id === id);
  if (!part || part.chapters.length > 0) {
    return false;
  }
  const { chapters: _chapters, ...stored } = part;
  doc.getMap(OutlineMap.parts).set(id, { ...stored, removed: true });
  return true;
}

/**
 * Starts a new year's report from the previous year's structure: its parts, chapters and order
 * (not its texts, recommendations or data blocks), plus chapters for groups that are new.
 */
export function startFromPrevious(previous: Y.Doc, next: Y.Doc, groups: readonly OutlineGroup[]): void {
  const outline = readOutline(previous, groups);
  const partsMap = next.getMap(OutlineMap.parts);
  const chaptersMap = next.getMap(OutlineMap.chapters);
  const defaults = defaultOutline(groups);
  const kept = new Set(outline.parts.flatMap((p) => [p.id, ...p.chapters.map((c) => c.id)]));
  next.transact(() => {
    for (const { chapters, ...part } of outline.parts) {
      partsMap.set(part.id, part);
      for (const chapter of chapters) {
        chaptersMap.set(chapter.id, chapter);
      }
    }
    for (const part of defaults.parts.filter((p) => !kept.has(p.id))) {
      partsMap.set(part.id, { ...part, removed: true });
    }
    for (const chapter of defaults.chapters.filter((c) => !kept.has(c.id))) {
      chaptersMap.set(chapter.id, { ...chapter, removed: true });
    }
  });
}
