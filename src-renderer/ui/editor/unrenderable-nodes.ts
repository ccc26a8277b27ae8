import { Node, mergeAttributes } from '@tiptap/core';
import { UNRENDERABLE_BLOCK, UNRENDERABLE_INLINE } from './safe-content';

const attrs = {
  kind: { default: '' },
  text: { default: '' },
};

/**
 * Read-only placeholders for content of a document the editor cannot render (see safe-content.ts).
 * They show the kind of content and every character of text inside it. Renderer only: they are
 * never part of a collaborative document (the shared rules refuse their names).
 */
export const UnrenderableBlock = Node.create({
  name: UNRENDERABLE_BLOCK,
  group: 'block',
  atom: true,
  selectable: false,
  addAttributes: () => attrs,
  renderHTML: ({ node, HTMLAttributes }) => [
    'div',
    mergeAttributes(HTMLAttributes, { class: 'unrenderable', 'data-unrenderable': String(node.attrs['kind']) }),
    ['span', { class: 'unrenderable-kind' }, String(node.attrs['kind'])],
    ['span', { class: 'unrenderable-text' }, String(node.attrs['text'])],
  ],
});

export const UnrenderableInline = Node.create({
  name: UNRENDERABLE_INLINE,
  group: 'inline',
  inline: true,
  atom: true,
  selectable: false,
  addAttributes: () => attrs,
  renderHTML: ({ node, HTMLAttributes }) => [
    'span',
    mergeAttributes(HTMLAttributes, { class: 'unrenderable unrenderable-inline', 'data-unrenderable': String(node.attrs['kind']) }),
    ['span', { class: 'unrenderable-kind' }, String(node.attrs['kind'])],
    ['span', { class: 'unrenderable-text' }, String(node.attrs['text'])],
  ],
});
