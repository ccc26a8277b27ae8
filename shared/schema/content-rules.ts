import * as Y from 'yjs';
import { documentSchema } from './extensions';

/**
 * The rules collaborative documents must keep so that the editor can show every character:
 * Y.XmlElements are named after nodes of the shared schema, formats in Y.XmlText are its marks
 * with their attributes (or null, which removes a mark), and there are no embeds (the schema has
 * no inline embeds; the editor would drop the text around one). Used by the sync server to refuse
 * updates that would break a stored document, and by the editor to find content it cannot render.
 */
export interface ContentRules {
  nodes: ReadonlySet<string>;
  /** Mark name → its attribute names. */
  marks: ReadonlyMap<string, ReadonlySet<string>>;
}

const HASHED_MARK = /^(.*)--[a-zA-Z0-9+/=]{8}$/;

let cached: ContentRules | null = null;

/** The rules derived from documentSchema() (computed once). */
export function contentRules(): ContentRules {
  if (cached === null) {
    const schema = documentSchema();
    const marks = new Map<string, ReadonlySet<string>>();
    for (const [name, type] of Object.entries(schema.marks)) {
      marks.set(name, new Set(Object.keys(type.spec.attrs ?? {})));
    }
    cached = { nodes: new Set(Object.keys(schema.nodes)), marks };
  }
  return cached;
}

/** Content an update or document adds, as far as the rules look at it. */
export interface ContentFacts {
  elementNames: readonly string[];
  formats: readonly { key: string; value: unknown }[];
  embeds: number;
}

/** Why `facts` break the rules (German / English), or null if they keep them. */
export function contentProblem(facts: ContentFacts, rules: ContentRules = contentRules()): string | null {
  if (facts.embeds > 0) {
    return 'Eingebettetes Objekt im Text / embed in text';
  }
  for (const name of facts.elementNames) {
    if (!rules.nodes.has(name)) {
      return `Unbekannter Knoten „${name.slice(0, 40)}“ / unknown node`;
    }
  }
  for (const { key, value } of facts.formats) {
    // Overlapping marks of one type are stored as `name--<8 chars of a hash>` (see y-tiptap).
    const attrs = rules.marks.get(HASHED_MARK.exec(key)?.[1] ?? key);
    if (attrs === undefined) {
      return `Unbekannte Auszeichnung „${key.slice(0, 40)}“ / unknown mark`;
    }
    if (value === null) {
      continue;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      return `Ungültige Attribute der Auszeichnung „${key}“ / invalid mark attributes`;
    }
  }
  return null;
}

/**
 * Collects the facts of everything inside `fragment` (an editor fragment of a loaded document), so
 * that a document stored before these rules, or received some other way, can be checked with
 * contentProblem before an editor binds to it (the editor's Yjs binding deletes what it cannot
 * show). Walks the tree without recursion.
 */
export function fragmentFacts(fragment: Y.XmlFragment): ContentFacts {
  const elementNames: string[] = [];
  const formats: { key: string; value: unknown }[] = [];
  let embeds = 0;
  const stack: (Y.XmlFragment | Y.XmlElement | Y.XmlText | Y.XmlHook)[] = [fragment];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node instanceof Y.XmlText) {
      for (const op of node.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof op.insert !== 'string') {
          embeds += 1;
        }
        for (const [key, value] of Object.entries(op.attributes ?? {})) {
          formats.push({ key, value });
        }
      }
      continue;
    }
    if (node instanceof Y.XmlElement) {
      elementNames.push(node.nodeName);
    } else if (node instanceof Y.XmlHook) {
      elementNames.push(`hook:${node.hookName}`);
      continue;
    }
    if (node !== undefined) {
      stack.push(...(node.toArray() as (Y.XmlElement | Y.XmlText)[]));
    }
  }
  return { elementNames, formats, embeds };
}
