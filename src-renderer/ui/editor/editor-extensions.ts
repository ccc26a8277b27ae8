import type { AnyExtension } from '@tiptap/core';
import { ReactNodeViewRenderer } from '@tiptap/react';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { documentExtensions } from '../../../shared/schema/extensions';
import { SNAPSHOT_NODE } from '../../../shared/schema/snapshot-node';
import type { LocalUser } from '../../state/user';
import { SnapshotNodeView } from '../../features/indicators/snapshot';
import { TableKeys } from './table-keys';

const RECENT_MS = 2500;
const recentTimers = new WeakMap<HTMLElement, ReturnType<typeof setTimeout>>();

/** Shows a caret's name label for a moment (after that person's change); later only on hover. */
export function markCaretRecent(caret: HTMLElement): void {
  caret.classList.add('is-recent');
  const running = recentTimers.get(caret);
  if (running !== undefined) {
    clearTimeout(running);
  }
  recentTimers.set(
    caret,
    setTimeout(() => caret.classList.remove('is-recent'), RECENT_MS),
  );
}

/** Renders a remote caret: a coloured bar with the person's name. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const caret = document.createElement('span');
  caret.className = 'collab-caret';
  const color = typeof user['color'] === 'string' ? user['color'] : '#555';
  caret.style.borderColor = color;
  const label = document.createElement('span');
  label.className = 'collab-caret-label';
  label.style.backgroundColor = color;
  label.textContent = typeof user['name'] === 'string' ? user['name'] : '?';
  caret.append(label);
  caret.dataset['name'] = label.textContent;
  markCaretRecent(caret);
  return caret;
}

/** The shared document schema with the renderer's React views (snapshots show chart and table). */
export function documentExtensionsWithViews(): AnyExtension[] {
  return documentExtensions().map((ext) =>
    ext.name === SNAPSHOT_NODE ? ext.extend({ addNodeView: () => ReactNodeViewRenderer(SnapshotNodeView) }) : ext,
  );
}

/**
 * The shared document schema plus what only the live editor needs: Yjs binding for one fragment,
 * remote carets, a placeholder and the React view of snapshots.
 */
export function editorExtensions(args: {
  doc: Y.Doc;
  field: string;
  provider: WebsocketProvider;
  user: LocalUser;
  placeholder: string;
}): AnyExtension[] {
  return [
    ...documentExtensionsWithViews(),
    Placeholder.configure({ placeholder: args.placeholder }),
    Collaboration.configure({ document: args.doc, field: args.field }),
    TableKeys,
    CollaborationCaret.configure({ provider: args.provider, user: { name: args.user.name, color: args.user.color }, render: renderCaret }),
  ];
}
