import { useEffect, useMemo, type ReactNode } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import { getSchema, type JSONContent } from '@tiptap/core';
import type * as Y from 'yjs';
import { useMessages } from '../../i18n/i18n';
import { documentExtensionsWithViews } from './editor-extensions';
import { editorMessages } from './editor-messages';
import { fragmentToSafeJSON, plainText } from './safe-content';
import { UnrenderableBlock, UnrenderableInline } from './unrenderable-nodes';

function readOnlyExtensions(): ReturnType<typeof documentExtensionsWithViews> {
  return [...documentExtensionsWithViews(), UnrenderableBlock, UnrenderableInline];
}

/** Plain paragraphs of every top-level child's text: the last resort if the structure cannot be built. */
function plainFallback(fragment: Y.XmlFragment): JSONContent {
  const content = (fragment.toArray())
    .map(plainText)
    .filter((text) => text !== '')
    .map((text): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] }));
  return { type: 'doc', content: content.length > 0 ? content : [{ type: 'paragraph' }] };
}

/**
 * A document fragment the live editor cannot render, shown read-only: a notice, then every part
 * the schema knows, with placeholders (carrying their text) for the rest. Only reads the Y types
 * (it is not bound to them), so opening it never changes the document.
 */
export function UnrenderableDocument({ fragment, label, reason, testId }: { fragment: Y.XmlFragment; label: string; reason: string; testId?: string }): ReactNode {
  const { t } = useMessages(editorMessages);
  const schema = useMemo(() => getSchema(readOnlyExtensions()), []);
  const contentOf = useMemo(
    () => (): JSONContent => {
      const json = fragmentToSafeJSON(fragment);
      try {
        schema.nodeFromJSON(json);
        return json;
      } catch {
        return plainFallback(fragment);
      }
    },
    [fragment, schema],
  );
  const editor = useEditor(
    {
      editable: false,
      content: contentOf(),
      extensions: readOnlyExtensions(),
      editorProps: {
        attributes: { class: 'prose', 'aria-label': label, 'aria-readonly': 'true', role: 'textbox', 'aria-multiline': 'true', ...(testId ? { 'data-testid': testId } : {}) },
      },
    },
    [fragment],
  );
  useEffect(() => {
    const refresh = (): void => {
      editor.commands.setContent(contentOf(), { emitUpdate: false });
    };
    fragment.observeDeep(refresh);
    return () => fragment.unobserveDeep(refresh);
  }, [editor, fragment, contentOf]);
  return (
    <div className="editor editor-unrenderable">
      <div className="notice notice-warning" role="status" data-testid="editor-unrenderable">
        <p>{t('editor.unrenderable')}</p>
        <p className="small muted">{t('editor.unrenderableDetail', { reason })}</p>
      </div>
      <EditorContent editor={editor} className="editor-content" />
    </div>
  );
}
