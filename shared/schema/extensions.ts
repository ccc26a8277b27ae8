import type { AnyExtension } from '@tiptap/core';
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { TableKit } from '@tiptap/extension-table';
import { IndicatorSnapshotNode } from './snapshot-node';

/**
 * The document schema of proposals, recommendations and the report, shared by the editor, the
 * server-side seeding, exporters and tests so that all of them read documents the same way.
 * Undo/redo is left out: with collaboration, Yjs' own undo manager takes over.
 */
export function documentExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      link: { openOnClick: false, autolink: true },
    }),
    TableKit.configure({ table: { resizable: false } }),
    IndicatorSnapshotNode,
  ];
}

/** The ProseMirror schema built from documentExtensions(), for code that works without an editor. */
export function documentSchema(): ReturnType<typeof getSchema> {
  return getSchema(documentExtensions());
}
