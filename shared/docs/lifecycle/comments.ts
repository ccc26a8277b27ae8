import * as Y from 'yjs';
import { z } from 'zod';

/** The map of comment threads in `group/<g>/proposal/<p>/comments` (thread id → CommentThread). */
export const THREADS_MAP = 'threads';

/** The longest comment text the server accepts. */
export const MAX_COMMENT_LENGTH = 10_000;

/**
 * Where a thread is anchored: Yjs relative positions (Y.relativePositionToJSON) of the start and
 * end of the passage in the proposal's `body` or `recommendation` fragment. They stay attached to
 * the passage while others edit around it. The renderer makes them with y-prosemirror's
 * absolutePositionToRelativePosition and resolves them with relativePositionToAbsolutePosition.
 */
export const CommentAnchor = z.object({
  fragment: z.enum(['body', 'recommendation']),
  start: z.record(z.string(), z.unknown()),
  end: z.record(z.string(), z.unknown()),
  /** The passage's text when the thread was opened (shown when the passage is gone). */
  quote: z.string().max(1_000),
});
export type CommentAnchor = z.infer<typeof CommentAnchor>;

/** One comment of a thread. */
export const Comment = z.object({
  id: z.string(),
  /** Login of the author (display name without accounts). */
  author: z.string(),
  authorName: z.string(),
  at: z.string(),
  text: z.string(),
  /** Logins of the people mentioned with @. */
  mentions: z.array(z.string()),
  editedAt: z.string().nullable(),
});
export type Comment = z.infer<typeof Comment>;

/** A thread on a passage (anchor) or on the whole proposal (anchor null). */
export const CommentThread = z.object({
  id: z.string(),
  anchor: CommentAnchor.nullable(),
  comments: z.array(Comment).min(1),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
});
export type CommentThread = z.infer<typeof CommentThread>;

/** The threads of a comments document, oldest first; malformed entries are skipped. */
export function listThreads(doc: Y.Doc): CommentThread[] {
  const threads: CommentThread[] = [];
  for (const value of doc.getMap(THREADS_MAP).values()) {
    const parsed = CommentThread.safeParse(value);
    if (parsed.success) {
      threads.push(parsed.data);
    }
  }
  return threads.sort((a, b) => (a.comments[0]?.at ?? '').localeCompare(b.comments[0]?.at ?? '') || a.id.localeCompare(b.id));
}

/**
 * Whether a thread's passage still exists in `proposal`: 'whole' for a thread on the whole
 * proposal, 'deleted' ("Passage gelöscht") when the anchor resolves to nothing or to an empty
 * range, else the current range (indices into the fragment's Yjs positions).
 */
export function resolveAnchor(proposal: Y.Doc, anchor: CommentAnchor | null): 'whole' | 'deleted' | { start: number; end: number } {
  if (anchor === null) {
    return 'whole';
  }
  const start = toAbsolute(proposal, anchor.start);
  const end = toAbsolute(proposal, anchor.end);
  if (start === null || end === null || removed(start.type) || removed(end.type) || (start.type === end.type && start.index >= end.index)) {
    return 'deleted';
  }
  return { start: start.index, end: end.index };
}

/** True if the type or one of its ancestors was deleted (e.g. the paragraph holding the passage). */
function removed(type: Y.AbstractType<unknown>): boolean {
  for (let item = type._item; item !== null; item = item.parent instanceof Y.AbstractType ? item.parent._item : null) {
    if (item.deleted) {
      return true;
    }
  }
  return false;
}

function toAbsolute(doc: Y.Doc, json: Record<string, unknown>): Y.AbsolutePosition | null {
  try {
    return Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(json), doc);
  } catch {
    return null;
  }
}

/**
 * The logins mentioned in `text`: `@login` or `@Vorname Nachname` (an account's display name),
 * matched against the known accounts, case-insensitively.
 */
export function findMentions(text: string, accounts: readonly { login: string; name: string }[]): string[] {
  const lower = text.toLocaleLowerCase('de');
  const found = new Set<string>();
  for (const account of accounts) {
    for (const handle of [account.login, account.name]) {
      const needle = `@${handle.toLocaleLowerCase('de')}`;
      let at = lower.indexOf(needle);
      while (at >= 0) {
        const next = lower[at + needle.length];
        if (next === undefined || !/[\p{L}\p{N}_-]/u.test(next)) {
          found.add(account.login);
          break;
        }
        at = lower.indexOf(needle, at + 1);
      }
    }
  }
  return [...found].sort();
}
