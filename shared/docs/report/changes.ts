import type * as Y from 'yjs';
import { getReportEntry, pushRecommendation, type ReportEntry } from './entries';
import { getPlacement, recordChangeDecision, type Placement } from './placement';
import type { OutlineGroup } from './outline';

/** A stable text for a JSON value (object keys sorted), to compare documents by content. */
export function fingerprint(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(fingerprint).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${fingerprint(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The plain text of a ProseMirror JSON node, blocks separated by blank lines. */
export function plainText(node: unknown): string {
  if (node === null || typeof node !== 'object') {
    return '';
  }
  const n = node as { type?: unknown; text?: unknown; content?: unknown };
  if (typeof n.text === 'string') {
    return n.text;
  }
  if (!Array.isArray(n.content)) {
    return '';
  }
  const inline = n.type === 'paragraph' || n.type === 'heading' || n.type === 'tableCell' || n.type === 'tableHeader';
  return n.content.map(plainText).join(inline ? '' : '\n\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** One piece of a word diff. */
export interface DiffPart {
  op: 'same' | 'added' | 'removed';
  text: string;
}

/** Word-level difference of two texts (LCS; falls back to "all removed, all added" for huge texts). */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = before.split(/(\s+)/).filter((w) => w !== '');
  const b = after.split(/(\s+)/).filter((w) => w !== '');
  if (a.length * b.length > 4_000_000) {
    return [{ op: 'removed', text: before }, { op: 'added', text: after }];
  }
  const rows = a.length + 1;
  const cols = b.length + 1;
  const lcs = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * cols + j] = a[i] === b[j] ? (lcs[(i + 1) * cols + j + 1] ?? 0) + 1 : Math.max(lcs[(i + 1) * cols + j] ?? 0, lcs[i * cols + j + 1] ?? 0);
    }
  }
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string): void => {
    const last = parts[parts.length - 1];
    if (last?.op === op) {
      last.text += text;
    } else {
      parts.push({ op, text });
    }
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push('same', a[i] as string);
      i++;
      j++;
    } else if ((lcs[(i + 1) * cols + j] ?? 0) >= (lcs[i * cols + j + 1] ?? 0)) {
      push('removed', a[i++] as string);
    } else {
      push('added', b[j++] as string);
    }
  }
  while (i < a.length) {
    push('removed', a[i++] as string);
  }
  while (j < b.length) {
    push('added', b[j++] as string);
  }
  return parts;
}

/** Whether the proposal's recommendation differs from what the report holds ("geändert seit Übernahme"). */
export type ChangeState =
  | { kind: 'unchanged' }
  | { kind: 'kept-old' }
  | { kind: 'changed'; diff: DiffPart[]; current: Record<string, unknown> };

/**
 * Compares the pushed text with the proposal's current recommendation. "kept-old" means the
 * Stabsstelle already declined exactly this newer text; a further change shows up again.
 */
export function changeSincePush(doc: Y.Doc, groups: readonly OutlineGroup[], proposalId: string, currentRecommendation: Record<string, unknown>): ChangeState {
  const entry = getReportEntry(doc, proposalId);
  return entry ? compareWithPushed(entry, getPlacement(doc, groups, proposalId)?.keptOld ?? null, currentRecommendation) : { kind: 'unchanged' };
}

/**
 * The same comparison from what the caller already holds (the entry and its placement's
 * declined text), without reading the report again: the editing view asks it for every
 * recommendation, and re-reading the whole report per recommendation per keystroke was quadratic.
 */
export function compareWithPushed(entry: Pick<ReportEntry, 'content'>, keptOld: string | null, currentRecommendation: Record<string, unknown>): ChangeState {
  const now = fingerprint(currentRecommendation);
  if (now === fingerprint(entry.content)) {
    return { kind: 'unchanged' };
  }
  if (keptOld === now) {
    return { kind: 'kept-old' };
  }
  return { kind: 'changed', diff: diffWords(plainText(entry.content), plainText(currentRecommendation)), current: currentRecommendation };
}

/** "Neue Fassung übernehmen": the report takes the proposal's current text (a new revision). */
export function takeNewVersion(doc: Y.Doc, groups: readonly OutlineGroup[], args: { proposalId: string; title: string; content: Record<string, unknown>; by: string; at: string }): boolean {
  const entry = getReportEntry(doc, args.proposalId);
  const placement = getPlacement(doc, groups, args.proposalId);
  if (!entry || !placement) {
    return false;
  }
  doc.transact(() => {
    pushRecommendation(doc, { ...entry, title: args.title, content: args.content, pushedAt: args.at, pushedBy: args.by });
    recordChangeDecision(doc, args.proposalId, null, { action: 'took-new', by: args.by, at: args.at });
  });
  return true;
}

/** "Alte Fassung behalten": the report keeps its text; this newer text is no longer flagged. */
export function keepOldVersion(doc: Y.Doc, groups: readonly OutlineGroup[], args: { proposalId: string; content: Record<string, unknown>; by: string; at: string }): boolean {
  const placement: Placement | null = getPlacement(doc, groups, args.proposalId);
  if (!placement) {
    return false;
  }
  recordChangeDecision(doc, args.proposalId, fingerprint(args.content), { action: 'kept-old', by: args.by, at: args.at });
  return true;
}
