import type { ReactNode } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import { documentExtensionsWithViews } from '../../ui/editor/editor-extensions';

/** Renders frozen ProseMirror JSON through the shared schema (so nothing outside it can appear). */
export function ReadOnlyDocument({ content, label }: { content: Record<string, unknown>; label: string }): ReactNode {
  const editor = useEditor(
    {
      editable: false,
      content,
      extensions: documentExtensionsWithViews(),
      editorProps: { attributes: { class: 'prose', 'aria-label': label, role: 'document' } },
    },
    [JSON.stringify(content)],
  );
  return <EditorContent editor={editor} />;
}
