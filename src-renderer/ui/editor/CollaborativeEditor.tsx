import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import type { IndicatorSnapshot } from '../../../shared/indicators/types';
import { SNAPSHOT_NODE } from '../../../shared/schema/snapshot-node';
import type { DocConnection } from '../../sync/doc-connection';
import { useApp } from '../../state/app-context';
import { SnapshotDialog } from '../../features/indicators/snapshot';
import { watchFragment, type FragmentWatch } from './content-guard';
import { editorExtensions, markCaretRecent } from './editor-extensions';
import { LinkDialog } from './LinkDialog';
import { Toolbar } from './Toolbar';
import { UnrenderableDocument } from './UnrenderableDocument';
import './editor.css';

interface EditorProps {
  connection: DocConnection;
  field: string;
  label: string;
  placeholder: string;
  allowSnapshots?: boolean;
  /** False: shown, but not changeable (no right, or the server granted read-only access). */
  editable?: boolean;
  testId?: string;
}

/**
 * A rich-text editor bound to one Y.XmlFragment of a shared document. The content comes only from
 * Yjs (never from `content`), so opening a document can never duplicate text. The editor binds
 * only while the fragment holds nothing but what the shared schema can represent; otherwise the
 * document is shown read-only with placeholders, because the Yjs binding would delete what it
 * cannot render and save that deletion under the user's name (see content-guard.ts).
 */
export function CollaborativeEditor(props: EditorProps): ReactNode {
  const watch = watchFragment(props.connection.doc, props.field);
  const problem = useSyncExternalStore(watch.subscribe, watch.problem);
  if (problem !== null) {
    return <UnrenderableDocument fragment={watch.fragment} label={props.label} reason={problem} testId={props.testId} />;
  }
  return <LiveEditor {...props} watch={watch} />;
}

function LiveEditor({ connection, field, label, placeholder, allowSnapshots = false, editable = true, testId, watch }: EditorProps & { watch: FragmentWatch }): ReactNode {
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
      // Registered while the editor is created, before its view (and the Yjs binding) exists.
      onBeforeCreate: ({ editor: created }) => {
        const stop = watch.onUnsafe(() => created.unmount());
        created.on('destroy', stop);
      },
    },
    [connection, field, user.name, user.color],
  );

  useEffect(() => {
    editor.setEditable(editable);
  }, [editor, editable]);

  // A remote change shows that person's caret label again for a moment.
  useEffect(() => {
    const awareness = connection.provider.awareness;
    const onChange = ({ updated }: { updated: number[] }): void => {
      if (editor.isDestroyed || !editor.isInitialized) {
        return;
      }
      for (const id of updated) {
        const user: unknown = (awareness.getStates().get(id) as { user?: { name?: unknown } } | undefined)?.user?.name;
        if (id === awareness.clientID || typeof user !== 'string') {
          continue;
        }
        editor.view.dom.querySelectorAll<HTMLElement>('.collab-caret').forEach((caret) => {
          if (caret.dataset['name'] === user) {
            markCaretRecent(caret);
          }
        });
      }
    };
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [connection, editor]);

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
