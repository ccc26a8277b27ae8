import type { Editor } from '@tiptap/core';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { CommentAnchor } from '../../../shared/docs/lifecycle/comments';
import { Fragment } from '../../../shared/schema/fragments';

/** The editors of a proposal page, by the fragment they edit (their test ids are set by the proposal view). */
const EDITORS: readonly { fragment: CommentAnchor['fragment']; selector: string }[] = [
  { fragment: 'body', selector: '[data-testid="editor-body"]' },
  { fragment: 'recommendation', selector: '[data-testid="editor-recommendation"]' },
];

/** The mapping y-tiptap's binding keeps between Yjs types and ProseMirror nodes. */
type ProsemirrorMapping = Parameters<typeof absolutePositionToRelativePosition>[2];

interface Binding {
  mapping: ProsemirrorMapping;
}

/** Tiptap puts its editor on the editable element. */
function editorOf(selector: string): Editor | null {
  const element = document.querySelector<HTMLElement & { editor?: Editor }>(selector);
  return element?.editor ?? null;
}

function bindingOf(editor: Editor): Binding | null {
  const state = ySyncPluginKey.getState(editor.state) as { binding?: Binding | null } | undefined;
  return state?.binding ?? null;
}

/**
 * The passage selected in one of the proposal's editors, as an anchor of Yjs relative positions
 * (they stay on the passage while others edit around it); null without a selection. The editor the
 * browser's selection is in wins, else the one with a non-empty selection.
 */
export function selectedPassage(doc: Y.Doc): CommentAnchor | null {
  const domAnchor = window.getSelection()?.anchorNode ?? null;
  const candidates = EDITORS.map((entry) => ({ ...entry, editor: editorOf(entry.selector) })).filter(
    (entry): entry is typeof entry & { editor: Editor } => entry.editor !== null && !entry.editor.state.selection.empty,
  );
  const chosen = candidates.find((entry) => domAnchor !== null && entry.editor.view.dom.contains(domAnchor)) ?? candidates[0];
  if (chosen === undefined) {
    return null;
  }
  const binding = bindingOf(chosen.editor);
  if (binding === null) {
    return null;
  }
  const { from, to } = chosen.editor.state.selection;
  const type = doc.getXmlFragment(chosen.fragment === 'body' ? Fragment.proposalBody : Fragment.proposalRecommendation);
  const start = absolutePositionToRelativePosition(from, type, binding.mapping) as Y.RelativePosition;
  const end = absolutePositionToRelativePosition(to, type, binding.mapping) as Y.RelativePosition;
  return {
    fragment: chosen.fragment,
    start: Y.relativePositionToJSON(start) as Record<string, unknown>,
    end: Y.relativePositionToJSON(end) as Record<string, unknown>,
    quote: chosen.editor.state.doc.textBetween(from, to, ' ').slice(0, 1_000),
  };
}

/** Selects a thread's passage in its editor and scrolls to it; false if the passage is gone. */
export function showPassage(doc: Y.Doc, anchor: CommentAnchor): boolean {
  const entry = EDITORS.find((candidate) => candidate.fragment === anchor.fragment);
  const editor = entry ? editorOf(entry.selector) : null;
  const binding = editor ? bindingOf(editor) : null;
  if (editor === null || binding === null) {
    return false;
  }
  const type = doc.getXmlFragment(anchor.fragment === 'body' ? Fragment.proposalBody : Fragment.proposalRecommendation);
  const from = relativePositionToAbsolutePosition(doc, type, Y.createRelativePositionFromJSON(anchor.start), binding.mapping);
  const to = relativePositionToAbsolutePosition(doc, type, Y.createRelativePositionFromJSON(anchor.end), binding.mapping);
  if (from === null || to === null || from >= to) {
    return false;
  }
  editor.chain().focus().setTextSelection({ from, to }).scrollIntoView().run();
  return true;
}
