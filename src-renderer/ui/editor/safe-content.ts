import type { JSONContent } from '@tiptap/core';
import * as Y from 'yjs';
import { contentRules } from '../../../shared/schema/content-rules';

/** Names of the read-only placeholders for content the editor cannot render. */
export const UNRENDERABLE_BLOCK = 'unrenderableBlock';
export const UNRENDERABLE_INLINE = 'unrenderableInline';

const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

/** Nodes of the shared schema whose children are inline (text, hard breaks). */
const INLINE_PARENTS = new Set(['paragraph', 'heading', 'codeBlock']);

/** What a placeholder shows of unknown content: its kind and all text inside it. */
function placeholder(inline: boolean, kind: string, text: string): JSONContent {
  return { type: inline ? UNRENDERABLE_INLINE : UNRENDERABLE_BLOCK, attrs: { kind: kind.slice(0, 80), text } };
}

/** The plain text inside a Y type, every character of every text run (embeds described). */
export function plainText(node: Y.XmlElement | Y.XmlText | Y.XmlHook | Y.XmlFragment): string {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join('');
  }
  if (node instanceof Y.XmlHook) {
    return '';
  }
  return (node.toArray() as (Y.XmlElement | Y.XmlText)[]).map(plainText).join(' ');
}

function describeEmbed(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Text runs of a Y.XmlText as JSON: known marks kept, unknown marks dropped, embeds as placeholders. */
function textContent(text: Y.XmlText, inline: boolean): JSONContent[] {
  const rules = contentRules();
  const out: JSONContent[] = [];
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string') {
      out.push(placeholder(true, 'embed', describeEmbed(op.insert)));
      continue;
    }
    if (op.insert === '') {
      continue;
    }
    const marks: { type: string; attrs?: Record<string, unknown> }[] = [];
    for (const [key, value] of Object.entries(op.attributes ?? {})) {
      const name = HASHED_MARK.exec(key)?.[1] ?? key;
      if (!rules.marks.has(name) || value === null) {
        continue;
      }
      marks.push(typeof value === 'object' && !Array.isArray(value) ? { type: name, attrs: value as Record<string, unknown> } : { type: name });
    }
    const node: JSONContent = { type: 'text', text: op.insert, ...(marks.length > 0 ? { marks } : {}) };
    out.push(inline ? node : { type: 'paragraph', content: [node] });
  }
  return out;
}

interface Frame {
  source: Y.XmlFragment | Y.XmlElement;
  target: JSONContent[];
  inline: boolean;
}

/**
 * The content of an editor fragment as ProseMirror JSON for a read-only view that shows every
 * character: nodes and marks of the shared schema as they are, everything else as a placeholder
 * that names it and carries its text. Reads the Y types only, never changes them.
 */
export function fragmentToSafeJSON(fragment: Y.XmlFragment): JSONContent {
  const rules = contentRules();
  const root: JSONContent[] = [];
  const stack: Frame[] = [{ source: fragment, target: root, inline: false }];
  while (stack.length > 0) {
    const frame = stack.pop();
    if (frame === undefined) {
      break;
    }
    for (const child of frame.source.toArray()) {
      if (child instanceof Y.XmlText) {
        frame.target.push(...textContent(child, frame.inline));
      } else if (child instanceof Y.XmlHook) {
        frame.target.push(placeholder(frame.inline, `hook:${child.hookName}`, ''));
      } else if (!rules.nodes.has(child.nodeName) || child.nodeName === 'doc' || child.nodeName === 'text') {
        frame.target.push(placeholder(frame.inline, child.nodeName, plainText(child)));
      } else {
        const attrs: Record<string, unknown> = child.getAttributes();
        const content: JSONContent[] = [];
        frame.target.push({ type: child.nodeName, attrs, content });
        stack.push({ source: child, target: content, inline: INLINE_PARENTS.has(child.nodeName) });
      }
    }
  }
  return { type: 'doc', content: root.length > 0 ? root : [{ type: 'paragraph' }] };
}
