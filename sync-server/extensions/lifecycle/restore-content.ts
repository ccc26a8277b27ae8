import * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';

/** A ProseMirror JSON node as the shared schema writes it. */
interface PmNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PmNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

function children(json: Record<string, unknown>): PmNode[] {
  const content = json['content'];
  return Array.isArray(content) ? (content as PmNode[]) : [];
}

/**
 * Makes `fragment` show `target` (ProseMirror JSON of a whole fragment) by changing only the
 * top-level blocks that differ: the unchanged blocks at the start and end stay the same Yjs items,
 * so comments anchored in them and concurrent edits there survive. Runs inside the caller's
 * transaction. Returns how many blocks were replaced.
 */
export function replaceFragmentContent(fragment: Y.XmlFragment, target: Record<string, unknown>): number {
  const current = children(yXmlFragmentToProsemirrorJSON(fragment) as Record<string, unknown>).map((node) => JSON.stringify(node));
  const wanted = children(target);
  const wantedKeys = wanted.map((node) => JSON.stringify(node));
  let prefix = 0;
  while (prefix < current.length && prefix < wantedKeys.length && current[prefix] === wantedKeys[prefix]) {
    prefix++;
  }
  let suffix = 0;
  while (
    suffix < current.length - prefix &&
    suffix < wantedKeys.length - prefix &&
    current[current.length - 1 - suffix] === wantedKeys[wantedKeys.length - 1 - suffix]
  ) {
    suffix++;
  }
  const removeCount = current.length - prefix - suffix;
  if (removeCount > 0) {
    fragment.delete(prefix, removeCount);
  }
  const insert = wanted.slice(prefix, wanted.length - suffix).map(toYXml);
  if (insert.length > 0) {
    fragment.insert(prefix, insert);
  }
  return Math.max(removeCount, insert.length);
}

/** A ProseMirror JSON block as a (not yet integrated) Yjs XML element, the way y-prosemirror stores it. */
function toYXml(node: PmNode): Y.XmlElement {
  const element = new Y.XmlElement(node.type);
  for (const [key, value] of Object.entries(node.attrs ?? {})) {
    if (value !== null && value !== undefined) {
      element.setAttribute(key, value as string);
    }
  }
  const parts: (Y.XmlElement | Y.XmlText)[] = [];
  let run: PmNode[] = [];
  const flush = (): void => {
    if (run.length > 0) {
      parts.push(toYText(run));
      run = [];
    }
  };
  for (const child of node.content ?? []) {
    if (child.type === 'text') {
      run.push(child);
    } else {
      flush();
      parts.push(toYXml(child));
    }
  }
  flush();
  if (parts.length > 0) {
    element.insert(0, parts);
  }
  return element;
}

/** Consecutive text nodes as one Y.XmlText, each mark as a formatting attribute (absent marks as null). */
function toYText(nodes: readonly PmNode[]): Y.XmlText {
  const text = new Y.XmlText();
  const markTypes = new Set(nodes.flatMap((node) => (node.marks ?? []).map((mark) => mark.type)));
  let index = 0;
  for (const node of nodes) {
    const value = node.text ?? '';
    const attributes: Record<string, unknown> = {};
    for (const type of markTypes) {
      attributes[type] = null;
    }
    for (const mark of node.marks ?? []) {
      attributes[mark.type] = mark.attrs ?? {};
    }
    text.insert(index, value, attributes);
    index += value.length;
  }
  return text;
}
