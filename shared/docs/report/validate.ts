import type * as Y from 'yjs';
import { MapName } from '../../schema/fragments';
import { ReportEntry } from './entries';
import { OutlineMap, ReportChapter, ReportPart, defaultOutline } from './outline';
import { PLACEMENTS_MAP, Placement, PlacementPosition, PlacementStore, StoredPlacementEvent } from './placement';
import type { z } from 'zod';

/** A problem found in a report document, in German, with where it is. */
export interface ReportNote {
  where: string;
  message: string;
}

function check(doc: Y.Doc, mapName: string, schema: z.ZodType, label: string, notes: ReportNote[]): void {
  doc.getMap(mapName).forEach((value, key) => {
    if (!schema.safeParse(value).success) {
      notes.push({ where: `${mapName}/${key}`, message: `${label} „${key}“ ist nicht lesbar und wird übergangen.` });
    }
  });
}

/**
 * Checks a report document without changing it: malformed parts, chapters, recommendations and
 * placements become notes (the readers skip them), never exceptions.
 */
export function validateReport(doc: Y.Doc): ReportNote[] {
  const notes: ReportNote[] = [];
  check(doc, OutlineMap.parts, ReportPart, 'Teil', notes);
  check(doc, OutlineMap.chapters, ReportChapter, 'Kapitel', notes);
  check(doc, MapName.recommendations, ReportEntry, 'Empfehlung', notes);
  check(doc, PLACEMENTS_MAP, Placement, 'Platzierung', notes);
  check(doc, PlacementStore.positions, PlacementPosition, 'Platzierung', notes);
  doc
    .getArray(PlacementStore.history)
    .toArray()
    .forEach((value, i) => {
      if (!StoredPlacementEvent.safeParse(value).success) {
        notes.push({ where: `${PlacementStore.history}/${i}`, message: `Verlaufseintrag ${i + 1} ist nicht lesbar und wird übergangen.` });
      }
    });
  const partIds = new Set(defaultOutline([]).parts.map((p) => p.id));
  doc.getMap(OutlineMap.parts).forEach((value, key) => {
    const parsed = ReportPart.safeParse(value);
    if (parsed.success && parsed.data.removed) {
      partIds.delete(key);
    } else if (parsed.success) {
      partIds.add(key);
    }
  });
  doc.getMap(OutlineMap.chapters).forEach((value, key) => {
    const parsed = ReportChapter.safeParse(value);
    if (parsed.success && !parsed.data.removed && !partIds.has(parsed.data.partId)) {
      notes.push({ where: `${OutlineMap.chapters}/${key}`, message: `Kapitel „${parsed.data.title}“ gehört zu keinem vorhandenen Teil und steht am Ende.` });
    }
  });
  for (const [mapName, schema] of [
    [PLACEMENTS_MAP, Placement],
    [PlacementStore.positions, PlacementPosition],
  ] as const) {
    doc.getMap(mapName).forEach((value, key) => {
      if (schema.safeParse(value).success && !doc.getMap(MapName.recommendations).has(key)) {
        notes.push({ where: `${mapName}/${key}`, message: `Platzierung ohne übernommene Empfehlung „${key}“.` });
      }
    });
  }
  return notes;
}
