import { Node, mergeAttributes } from '@tiptap/core';
import { IndicatorSnapshot } from '../indicators/types';

/** Name of the indicator snapshot node in the document schema. */
export const SNAPSHOT_NODE = 'indicatorSnapshot';

/**
 * Reads a snapshot attribute defensively: documents come from other clients and old versions,
 * so anything that does not parse is treated as "no snapshot" instead of crashing the editor.
 */
export function readSnapshotAttr(value: unknown): IndicatorSnapshot | null {
  const raw = typeof value === 'string' ? safeJson(value) : value;
  const parsed = IndicatorSnapshot.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * A frozen indicator snapshot: one atomic block whose only attribute is the complete snapshot
 * (figures, regions, periods, source, Stand, attribution). The renderer adds a React node view.
 */
export const IndicatorSnapshotNode = Node.create({
  name: SNAPSHOT_NODE,
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,

  addAttributes() {
    return {
      snapshot: {
        default: null,
        parseHTML: (element: { getAttribute(name: string): string | null }) => readSnapshotAttr(element.getAttribute('data-snapshot')),
        renderHTML: (attributes) => {
          const snapshot = readSnapshotAttr(attributes['snapshot']);
          return snapshot ? { 'data-snapshot': JSON.stringify(snapshot) } : {};
        },
      },
    };
  },

  parseHTML() {
    return [{ tag: 'figure[data-indicator-snapshot]' }];
  },

  renderHTML({ HTMLAttributes, node }) {
    const snapshot = readSnapshotAttr(node.attrs['snapshot']);
    const caption = snapshot
      ? `${snapshot.indicator.label} – Quelle: ${snapshot.source.tableCode}, Stand ${snapshot.source.stand}. ${snapshot.source.attribution}`
      : 'Kennzahlen-Schnappschuss';
    return ['figure', mergeAttributes(HTMLAttributes, { 'data-indicator-snapshot': '' }), ['figcaption', caption]];
  },
});
