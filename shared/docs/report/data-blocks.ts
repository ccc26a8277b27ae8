import type * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { Fragment } from '../../schema/fragments';
import { SNAPSHOT_NODE, readSnapshotAttr } from '../../schema/snapshot-node';
import type { IndicatorSnapshot } from '../../indicators/types';
import { readOutline, type OutlineGroup } from './outline';
import type { PmNode } from './read';

/** A data block (frozen indicator snapshot) in a chapter text, in reading order. */
export interface ReportDataBlock {
  chapterId: string;
  /** Position among the chapter's data blocks (0-based). */
  index: number;
  /** The snapshot, or null when the block cannot be read (shown as a note in exports). */
  snapshot: IndicatorSnapshot | null;
}

function collect(node: PmNode, found: (IndicatorSnapshot | null)[]): void {
  if (node.type === SNAPSHOT_NODE) {
    found.push(readSnapshotAttr(node.attrs?.['snapshot']));
    return;
  }
  for (const child of node.content ?? []) {
    collect(child, found);
  }
}

/**
 * Every data block of the report's chapters, for "Daten aktualisieren" (which blocks have newer
 * data) and the list of figures. Reads only; an unreadable chapter text counts as none.
 */
export function reportDataBlocks(doc: Y.Doc, groups: readonly OutlineGroup[]): ReportDataBlock[] {
  const blocks: ReportDataBlock[] = [];
  for (const chapter of readOutline(doc, groups).parts.flatMap((p) => p.chapters)) {
    const found: (IndicatorSnapshot | null)[] = [];
    try {
      collect(yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(Fragment.reportChapter(chapter.id))) as unknown as PmNode, found);
    } catch {
      continue;
    }
    found.forEach((snapshot, index) => blocks.push({ chapterId: chapter.id, index, snapshot }));
  }
  return blocks;
}
