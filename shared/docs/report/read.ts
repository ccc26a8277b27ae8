import type * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { Fragment } from '../../schema/fragments';
import { SNAPSHOT_NODE, readSnapshotAttr } from '../../schema/snapshot-node';
import { sourcesOf, type IndicatorSnapshot } from '../../indicators/types';
import { hasContent } from './content';
import { readReportMeta, type ReportMeta } from './meta';
import { readOutline, type OutlineGroup } from './outline';
import { placedRecommendations } from './placement';
import { STEERING_RATING_LABEL, type SteeringRating } from './rating';

/** ProseMirror JSON as stored: a node with type, attrs, marks, content, text. */
export interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: PmNode[];
  text?: string;
}

/** A recommendation as exported. */
export interface ExportRecommendation {
  proposalId: string;
  /** Anchor for deep links and the outline: "empfehlung-<proposalId>". */
  anchor: string;
  number: string;
  title: string;
  groupName: string;
  content: PmNode;
  rating: SteeringRating | null;
  ratingLabel: string | null;
  revision: number;
  pushedAt: string;
  /** Visible notes, e.g. "the proposal was deleted". */
  notes: string[];
}

/** A chapter as exported: its number ("4.2"), text and recommendations. */
export interface ExportChapter {
  id: string;
  anchor: string;
  number: string;
  title: string;
  content: PmNode | null;
  recommendations: ExportRecommendation[];
  notes: string[];
}

/** A part as exported. */
export interface ExportPart {
  id: string;
  anchor: string;
  number: string;
  title: string;
  chapters: ExportChapter[];
}

/** One data block of the report, for the figure list and the attribution. */
export interface ExportFigure {
  number: number;
  chapterId: string;
  snapshot: IndicatorSnapshot;
  withdrawn: boolean;
}

/** Everything an exporter needs, as plain data: pure, serialisable, with the notes to show. */
export interface ReportExport {
  meta: ReportMeta;
  parts: ExportPart[];
  figures: ExportFigure[];
  /** Every statistics attribution used by a data block, deduplicated, in order of appearance. */
  attributions: string[];
  /** Notes about the report as a whole (empty report, unreadable entries). */
  notes: string[];
}

/** What the report cannot tell by itself: the groups, which proposals still exist, withdrawn data. */
export interface ReportContext {
  groups: readonly OutlineGroup[];
  /** False for a recommendation whose proposal was deleted; default: every proposal exists. */
  proposalExists?: (groupId: string, proposalId: string) => boolean;
  /** True when a table's vintage (Stand) was withdrawn; default: none was. */
  isDataWithdrawn?: (tableCode: string, stand: string) => boolean;
}

/** The attribution line that every export prints (the report's own, besides each source's). */
export const STATISTICS_ATTRIBUTION_FALLBACK = 'Statistische Daten: Statistisches Amt für Hamburg und Schleswig-Holstein / Statistische Ämter des Bundes und der Länder, Datenlizenz Deutschland – Namensnennung – Version 2.0';

function chapterJson(doc: Y.Doc, id: string): PmNode | null {
  try {
    const json = yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(Fragment.reportChapter(id))) as unknown as PmNode;
    return hasContent(json as unknown as Record<string, unknown>) ? json : null;
  } catch {
    return null;
  }
}

/**
 * Reads a report document into the plain model the exporters print. Never throws on malformed
 * content: what cannot be read becomes a visible note instead.
 */
export function readReportForExport(doc: Y.Doc, year: number, context: ReportContext): ReportExport {
  const meta = readReportMeta(doc, year);
  const outline = readOutline(doc, context.groups);
  const placed = placedRecommendations(doc, context.groups);
  const groupName = new Map(context.groups.map((g) => [g.id, g.name]));
  const figures: ExportFigure[] = [];
  const attributions: string[] = [];
  const notes: string[] = [];
  let recommendationCount = 0;
  let textCount = 0;

  const parts: ExportPart[] = outline.parts.map((part, p) => {
    const partNumber = String(p + 1);
    return {
      id: part.id,
      anchor: `teil-${part.id.replace(/^_/, '')}`,
      number: partNumber,
      title: part.title,
      chapters: part.chapters.map((chapter, c) => {
        const number = `${partNumber}.${c + 1}`;
        const content = chapterJson(doc, chapter.id);
        const chapterNotes: string[] = [];
        if (content) {
          textCount++;
          markSnapshots(content, chapter.id, figures, attributions, context);
        }
        const recommendations = (placed.get(chapter.id) ?? [])
          .filter((r) => r.placement.withdrawn === null)
          .map((r, i): ExportRecommendation => {
            const recNotes: string[] = [];
            if (context.proposalExists && !context.proposalExists(r.entry.groupId, r.entry.proposalId)) {
              recNotes.push('Hinweis: Der Vorschlag zu dieser Empfehlung wurde inzwischen gelöscht; abgedruckt ist die übernommene Fassung.');
            }
            const rec = r.entry.content as unknown as PmNode;
            if (!hasContent(r.entry.content)) {
              recNotes.push('Hinweis: Diese Empfehlung hat keinen Text.');
            } else {
              markSnapshots(rec, chapter.id, figures, attributions, context);
            }
            const rating = r.placement.rating ?? null;
            return {
              proposalId: r.entry.proposalId,
              anchor: `empfehlung-${r.entry.proposalId}`,
              number: `${number}.${i + 1}`,
              title: r.entry.title.trim() || 'Empfehlung ohne Titel',
              groupName: groupName.get(r.entry.groupId) ?? r.entry.groupId,
              content: rec,
              rating,
              ratingLabel: rating ? STEERING_RATING_LABEL[rating] : null,
              revision: r.entry.revision,
              pushedAt: r.entry.pushedAt,
              notes: recNotes,
            };
          });
        recommendationCount += recommendations.length;
        if (!content && recommendations.length === 0) {
          chapterNotes.push('Hinweis: Dieses Kapitel hat noch keinen Text.');
        }
        return { id: chapter.id, anchor: `kapitel-${chapter.id.replace(/^_/, '')}`, number, title: chapter.title.trim() || 'Kapitel ohne Titel', content, recommendations, notes: chapterNotes };
      }),
    };
  });
  if (textCount === 0 && recommendationCount === 0) {
    notes.push('Hinweis: Dieser Bericht ist noch leer – er enthält weder Kapiteltexte noch Empfehlungen.');
  }
  if (attributions.length === 0) {
    attributions.push(STATISTICS_ATTRIBUTION_FALLBACK);
  }
  return { meta, parts, figures, attributions, notes };
}

/**
 * Numbers the data blocks of a text in place (attrs.figure), collects their attributions and marks
 * unreadable or withdrawn ones with attrs.note, so every exporter shows the same note.
 */
function markSnapshots(node: PmNode, chapterId: string, figures: ExportFigure[], attributions: string[], context: ReportContext): void {
  if (node.type === SNAPSHOT_NODE) {
    const snapshot = readSnapshotAttr(node.attrs?.['snapshot']);
    if (!snapshot) {
      node.attrs = { ...node.attrs, note: 'Hinweis: Dieser Datenblock ist nicht lesbar und wird nicht gezeigt.' };
      return;
    }
    const withdrawn = sourcesOf(snapshot).some((s) => context.isDataWithdrawn?.(s.tableCode, s.stand) ?? false);
    const number = figures.length + 1;
    figures.push({ number, chapterId, snapshot, withdrawn });
    node.attrs = { ...node.attrs, figure: number, ...(withdrawn ? { note: `Hinweis: Die Daten dieses Blocks (Stand ${snapshot.source.stand}) wurden vom Statistikamt zurückgezogen; gezeigt wird der eingefrorene Stand.` } : {}) };
    for (const source of sourcesOf(snapshot)) {
      const line = source.attribution.includes(source.licence) ? source.attribution : `${source.attribution} (${source.licence})`;
      if (!attributions.includes(line)) {
        attributions.push(line);
      }
    }
    return;
  }
  for (const child of node.content ?? []) {
    markSnapshots(child, chapterId, figures, attributions, context);
  }
}
