import * as Y from 'yjs';
import { Fragment } from '../../schema/fragments';
import { SNAPSHOT_NODE, readSnapshotAttr } from '../../schema/snapshot-node';
import { diffSeries, newerStands, type CellChange } from '../../indicators/snapshot-diff';
import { IndicatorSnapshot, sourcesOf, type IndicatorQuery, type IndicatorSeries, type SourceInfo, type VintageInfo } from '../../indicators/types';
import { reportDataBlocks } from './data-blocks';
import type { OutlineGroup } from './outline';

/** A data block of the report whose tables have a newer Stand, with the figures that would change. */
export interface DataRefreshItem {
  chapterId: string;
  /** Id of the snapshot now in the report (several blocks may share one after a copy). */
  snapshotId: string;
  before: IndicatorSnapshot;
  /** The replacement: the same indicator, regions and periods at the newest Stand. */
  after: IndicatorSnapshot;
  newer: { source: SourceInfo; newest: string }[];
  changes: CellChange[];
}

/** What "Daten aktualisieren" found: blocks with newer data, and the number of blocks checked. */
export interface DataRefreshPlan {
  checked: number;
  items: DataRefreshItem[];
  /** Blocks whose newer figures could not be read (e.g. offline), with the reason. */
  failed: { chapterId: string; snapshotId: string; label: string; reason: string }[];
}

/** What the plan needs from the indicator cache (the contract's `indicators.vintages` and `query`). */
export interface IndicatorReader {
  vintages(tableCode: string): Promise<VintageInfo[]>;
  query(query: IndicatorQuery): Promise<IndicatorSeries>;
}

/**
 * Checks every data block of the report's chapters against the newest Stand the cache has and
 * prepares the replacements with the differences cell by cell. Reads only; nothing is written.
 * Each table's vintages and each distinct snapshot are asked once.
 */
export async function planDataRefresh(
  doc: Y.Doc,
  groups: readonly OutlineGroup[],
  reader: IndicatorReader,
  taken: { by: string; at: string; newId: () => string },
): Promise<DataRefreshPlan> {
  const blocks = reportDataBlocks(doc, groups).filter((b): b is typeof b & { snapshot: IndicatorSnapshot } => b.snapshot !== null);
  const tables = [...new Set(blocks.flatMap((b) => sourcesOf(b.snapshot).map((s) => s.tableCode)))];
  const vintages = (await Promise.all(tables.map((t) => reader.vintages(t).catch(() => [] as VintageInfo[])))).flat();
  const seen = new Set<string>();
  const plan: DataRefreshPlan = { checked: blocks.length, items: [], failed: [] };
  for (const block of blocks) {
    const before = block.snapshot;
    if (seen.has(before.id)) {
      continue;
    }
    seen.add(before.id);
    const newer = newerStands(before, vintages);
    if (newer.length === 0) {
      continue;
    }
    try {
      const series = await reader.query({ indicatorId: before.indicator.id, regions: before.regions.map((r) => r.ags), periods: before.periods });
      const after: IndicatorSnapshot = {
        ...series,
        id: taken.newId(),
        takenAt: taken.at,
        takenBy: taken.by,
        replaces: { stands: sourcesOf(before).map((s) => s.stand), takenAt: before.takenAt, takenBy: before.takenBy },
      };
      plan.items.push({ chapterId: block.chapterId, snapshotId: before.id, before, after, newer, changes: diffSeries(before, series) });
    } catch (err) {
      plan.failed.push({ chapterId: block.chapterId, snapshotId: before.id, label: before.indicator.label, reason: err instanceof Error ? err.message : String(err) });
    }
  }
  return plan;
}

function replaceIn(element: Y.XmlElement | Y.XmlFragment, replacements: ReadonlyMap<string, IndicatorSnapshot>): number {
  let count = 0;
  for (const child of element.toArray()) {
    if (!(child instanceof Y.XmlElement)) {
      continue;
    }
    if (child.nodeName === SNAPSHOT_NODE) {
      const current = readSnapshotAttr(child.getAttribute('snapshot'));
      const next = current ? replacements.get(current.id) : undefined;
      if (next) {
        // Stored as an object, the way the editor binding writes node attributes.
        (child as unknown as Y.XmlElement<{ snapshot: IndicatorSnapshot }>).setAttribute('snapshot', IndicatorSnapshot.parse(next));
        count++;
      }
      continue;
    }
    count += replaceIn(child, replacements);
  }
  return count;
}

/**
 * Replaces data blocks in the chapter texts by their newer snapshots (keyed by the old snapshot's
 * id), in one transaction, so every collaborator sees one step and the editor's undo takes it
 * back whole. Blocks someone removed or already replaced meanwhile are skipped, never re-added.
 * Returns the number of blocks replaced.
 */
export function applyDataRefresh(doc: Y.Doc, groups: readonly OutlineGroup[], replacements: ReadonlyMap<string, IndicatorSnapshot>): number {
  if (replacements.size === 0) {
    return 0;
  }
  const chapterIds = [...new Set(reportDataBlocks(doc, groups).map((b) => b.chapterId))];
  let count = 0;
  doc.transact(() => {
    for (const id of chapterIds) {
      count += replaceIn(doc.getXmlFragment(Fragment.reportChapter(id)), replacements);
    }
  });
  return count;
}
