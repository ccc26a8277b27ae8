import { useEffect, useState, type ReactNode } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import type { IndicatorSnapshot } from '../../../shared/indicators/types';
import { SNAPSHOT_NODE } from '../../../shared/schema/snapshot-node';
import type { DocConnection } from '../../sync/doc-connection';
import { useApp } from '../../state/app-context';
import { SnapshotDialog } from '../../features/indicators/snapshot';
import { editorExtensions } from './editor-extensions';
import { LinkDialog } from './LinkDialog';
import { Toolbar } from './Toolbar';

/**
 * A rich-text editor bound to one Y.XmlFragment of a shared document. The content comes only from
 * Yjs (never from `content`), so opening a document can never duplicate text.
 */
export function CollaborativeEditor({
  connection,
  field,
  label,
  placeholder,
  allowSnapshots = false,
  editable = true,
  testId,
}: {
  connection: DocConnection;
  field: string;
  label: string;
  placeholder: string;
  allowSnapshots?: boolean;
  /** False: shown, but not changeable (no right, or the server granted read-only access). */
  editable?: boolean;
  testId?: string;
}): ReactNode {
  const { user } = useApp();
  const [linkOpen, setLinkOpen] = useState(false);
  const [snapshotOpen, setSnapshotOpen] = useState(false);
  const editor = useEditor(
    {
      extensions: editorExtensions({ doc: connection.doc, field, provider: connection.provider, user, placeholder }),
      editorProps: {
        attributes: { 'aria-label': label, 'aria-multiline': 'true', role: 'textbox', class: 'prose', ...(testId ? { 'data-testid': testId } : {}) },
      },
      immediatelyRender: true,
      editable,
    },
    [connection, field, user.name, user.color],
  );

  useEffect(() => {
    editor.setEditable(editable);
  }, [editor, editable]);

  const insertSnapshot = (snapshot: IndicatorSnapshot): void => {
    editor.chain().focus().insertContent({ type: SNAPSHOT_NODE, attrs: { snapshot } }).run();
    setSnapshotOpen(false);
  };

  return (
    <div className="editor">
      {editable && <Toolbar editor={editor} onLink={() => setLinkOpen(true)} onSnapshot={allowSnapshots ? () => setSnapshotOpen(true) : undefined} />}
      <EditorContent editor={editor} className="editor-content" />
      {linkOpen && (
        <LinkDialog
          open
          initial={(editor.getAttributes('link')['href'] as string | undefined) ?? ''}
          onClose={() => setLinkOpen(false)}
          onSubmit={(href) => {
            const chain = editor.chain().focus().extendMarkRange('link');
            (href ? chain.setLink({ href }) : chain.unsetLink()).run();
            setLinkOpen(false);
          }}
        />
      )}
      {allowSnapshots && (
        <SnapshotDialog open={snapshotOpen} onClose={() => setSnapshotOpen(false)} onInsert={insertSnapshot} takenBy={user.name} />
      )}
    </div>
  );
}
