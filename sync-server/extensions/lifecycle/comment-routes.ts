import { AddCommentRequest, CommentPath, EditCommentRequest, ResolveThreadRequest, type ProposalRef } from '../../../shared/docs/lifecycle/api.js';
import { CommentThread, findMentions, THREADS_MAP, type Comment } from '../../../shared/docs/lifecycle/comments.js';
import { proposalCommentsDocName } from '../../../shared/sync/doc-names.js';
import type { Actor, LifecycleContext, Route } from './context.js';
import { LifecycleHttpError, readJson } from './http.js';

const randomId = (prefix: string): string => `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/**
 * Comments as server actions: the comments document is read-only for every client, so authorship
 * cannot be forged — the server writes each comment under the account that sent it, lets only the
 * author edit it, and lets everyone who may read the proposal comment, reply, resolve and reopen.
 */
export function commentRoutes(context: LifecycleContext): Record<string, Route> {
  const change = (actor: Actor, ref: ProposalRef, threadId: string, fn: (thread: CommentThread | null) => CommentThread): Promise<CommentThread> => {
    context.requireRead(actor, ref.groupId);
    return context.withProposal(ref, () =>
      context.withRoom(proposalCommentsDocName(ref.groupId, ref.proposalId), (room) => {
        const current = CommentThread.safeParse(room.doc.getMap(THREADS_MAP).get(threadId));
        const next = CommentThread.parse(fn(current.success ? current.data : null));
        room.applyServerChange((doc) => doc.getMap(THREADS_MAP).set(threadId, next));
        return next;
      }),
    );
  };
  const comment = (actor: Actor, text: string): Comment => ({
    id: randomId('c'),
    author: actor.login,
    authorName: actor.name,
    at: context.now(),
    text,
    mentions: findMentions(text, context.accounts()),
    editedAt: null,
  });

  return {
    [CommentPath.add]: async (req, actor) => {
      const body = await readJson(req, AddCommentRequest);
      const threadId = body.threadId ?? randomId('t');
      return change(actor, body, threadId, (thread) => {
        if (body.threadId === undefined) {
          return { id: threadId, anchor: body.anchor ?? null, comments: [comment(actor, body.text)], resolvedAt: null, resolvedBy: null };
        }
        if (thread === null) {
          throw new LifecycleHttpError('not-found', 'Diskussion nicht gefunden / thread not found');
        }
        return { ...thread, comments: [...thread.comments, comment(actor, body.text)] };
      });
    },
    [CommentPath.edit]: async (req, actor) => {
      const body = await readJson(req, EditCommentRequest);
      return change(actor, body, body.threadId, (thread) => {
        const target = thread?.comments.find((entry) => entry.id === body.commentId);
        if (thread === null || target === undefined) {
          throw new LifecycleHttpError('not-found', 'Kommentar nicht gefunden / comment not found');
        }
        if (target.author !== actor.login) {
          throw new LifecycleHttpError('forbidden', 'Nur eigene Kommentare ändern / only your own comments');
        }
        const edited: Comment = { ...target, text: body.text, mentions: findMentions(body.text, context.accounts()), editedAt: context.now() };
        return { ...thread, comments: thread.comments.map((entry) => (entry.id === target.id ? edited : entry)) };
      });
    },
    [CommentPath.resolve]: async (req, actor) => {
      const body = await readJson(req, ResolveThreadRequest);
      return change(actor, body, body.threadId, (thread) => {
        if (thread === null) {
          throw new LifecycleHttpError('not-found', 'Diskussion nicht gefunden / thread not found');
        }
        return { ...thread, resolvedAt: body.resolved ? context.now() : null, resolvedBy: body.resolved ? actor.login : null };
      });
    },
  };
}
