import { useState, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import type * as Y from 'yjs';
import { listThreads, MAX_COMMENT_LENGTH, resolveAnchor, type Comment, type CommentAnchor, type CommentThread } from '../../../shared/docs/lifecycle/comments';
import { proposalCommentsDocName } from '../../../shared/sync/doc-names';
import { api } from '../../api/client';
import { useMessages } from '../../i18n/i18n';
import { useDoc, useDocValue } from '../../sync/hooks';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/States';
import { messages } from './messages';
import { selectedPassage, showPassage } from './passage';
import { errorText, useLifecycle } from './useLifecycle';
import styles from './lifecycle.module.css';

type Ref = { groupId: string; proposalId: string };

/** A text field with a submit button, for a new comment, a reply or an edit. */
function TextForm({ label, submitLabel, initial = '', hint, onSubmit, onCancel, testId, pending, children }: {
  label: string;
  submitLabel: string;
  initial?: string;
  hint?: string;
  onSubmit: (text: string) => Promise<unknown>;
  onCancel?: () => void;
  testId: string;
  pending: boolean;
  children?: ReactNode;
}): ReactNode {
  const { t } = useMessages(messages);
  const [text, setText] = useState(initial);
  return (
    <form
      className={styles.commentForm}
      onSubmit={(event) => {
        event.preventDefault();
        const sent = text;
        if (sent.trim() !== '') {
          // Cleared once the server has it, unless the person already typed on meanwhile.
          void onSubmit(sent.trim()).then(() => setText((current) => (current === sent ? '' : current)), () => undefined);
        }
      }}
    >
      <label className="field">
        <span className="field-label">{label}</span>
        <textarea className="input" rows={3} value={text} maxLength={MAX_COMMENT_LENGTH} onChange={(event) => setText(event.target.value)} data-testid={testId} />
        {hint && <span className="field-hint">{hint}</span>}
      </label>
      {children}
      <div className="form-actions">
        {onCancel && (
          <Button size="sm" variant="ghost" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
        <Button size="sm" variant="primary" type="submit" disabled={pending || text.trim() === ''}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** One comment: author, date, text; the author may edit it. */
function CommentItem({ comment, thread, refs, mine }: { comment: Comment; thread: CommentThread; refs: Ref; mine: boolean }): ReactNode {
  const { t, date } = useMessages(messages);
  const { who } = useLifecycle();
  const [editing, setEditing] = useState(false);
  const edit = useMutation({
    mutationFn: (text: string) => api.lifecycle.editComment({ who, ...refs, threadId: thread.id, commentId: comment.id, text }),
    onSuccess: () => setEditing(false),
  });
  return (
    <li className={styles.comment} data-testid="comment">
      <p className={styles.commentMeta}>
        <strong>{comment.authorName}</strong> <span className="small muted">{date(comment.at, true)}</span>{' '}
        {comment.editedAt && <span className="small muted">{t('lifecycle.comments.edited')}</span>}
      </p>
      {editing ? (
        <TextForm
          label={t('lifecycle.comments.editLabel')}
          submitLabel={t('lifecycle.save')}
          initial={comment.text}
          onSubmit={(text) => edit.mutateAsync(text)}
          onCancel={() => setEditing(false)}
          testId="comment-edit-text"
          pending={edit.isPending}
        />
      ) : (
        <p className={styles.commentText}>{comment.text}</p>
      )}
      {edit.isError && <ErrorNotice>{t('lifecycle.error', { message: errorText(edit.error) })}</ErrorNotice>}
      {mine && !editing && (
        <Button size="sm" variant="ghost" onClick={() => setEditing(true)}>
          {t('lifecycle.comments.edit')}
        </Button>
      )}
    </li>
  );
}

/** A thread: where it is anchored, its comments, reply, resolve or reopen. */
function ThreadItem({ thread, refs, proposal, deleted }: { thread: CommentThread; refs: Ref; proposal: Y.Doc; deleted: boolean }): ReactNode {
  const { t, date } = useMessages(messages);
  const { who, login } = useLifecycle();
  const [replying, setReplying] = useState(false);
  const reply = useMutation({
    mutationFn: (text: string) => api.lifecycle.addComment({ who, ...refs, threadId: thread.id, text }),
    onSuccess: () => setReplying(false),
  });
  const resolve = useMutation({ mutationFn: (resolved: boolean) => api.lifecycle.resolveThread({ who, ...refs, threadId: thread.id, resolved }) });
  const first = thread.comments[0];
  return (
    <article className={`${styles.thread} ${thread.resolvedAt ? styles.threadResolved : ''}`} aria-label={t('lifecycle.comments.thread', { name: first?.authorName ?? '' })} data-testid="comment-thread">
      {thread.anchor === null ? (
        <p className="small muted">{t('lifecycle.comments.whole')}</p>
      ) : deleted ? (
        <p className={`small ${styles.passageGone}`} data-testid="passage-deleted">
          {t('lifecycle.comments.passageDeleted', { quote: thread.anchor.quote })}
        </p>
      ) : (
        <button type="button" className={styles.passageLink} onClick={() => thread.anchor && showPassage(proposal, thread.anchor)}>
          {t('lifecycle.comments.passage', { quote: thread.anchor.quote })}
        </button>
      )}
      <ol className={styles.plainList}>
        {thread.comments.map((comment) => (
          <CommentItem key={comment.id} comment={comment} thread={thread} refs={refs} mine={comment.author === login} />
        ))}
      </ol>
      {thread.resolvedAt && <p className="small muted">{t('lifecycle.comments.resolved', { name: thread.resolvedBy ?? '', date: date(thread.resolvedAt, true) })}</p>}
      {replying ? (
        <TextForm
          label={t('lifecycle.comments.replyLabel')}
          submitLabel={t('lifecycle.comments.reply')}
          onSubmit={(text) => reply.mutateAsync(text)}
          onCancel={() => setReplying(false)}
          testId="comment-reply-text"
          pending={reply.isPending}
        />
      ) : (
        <div className={styles.actions}>
          {!thread.resolvedAt && (
            <Button size="sm" onClick={() => setReplying(true)}>
              {t('lifecycle.comments.reply')}
            </Button>
          )}
          <Button size="sm" variant="ghost" disabled={resolve.isPending} onClick={() => resolve.mutate(!thread.resolvedAt)}>
            {thread.resolvedAt ? t('lifecycle.comments.reopen') : t('lifecycle.comments.resolve')}
          </Button>
        </div>
      )}
      {(reply.isError || resolve.isError) && <ErrorNotice>{t('lifecycle.error', { message: errorText(reply.error ?? resolve.error) })}</ErrorNotice>}
    </article>
  );
}

/**
 * Comments beside the proposal: threads on a passage (anchored with Yjs relative positions, so they
 * stay on it while others edit; "Passage gelöscht" once it is gone) or on the whole proposal.
 * The comments document is written only by the server; the app reads it live.
 */
export function CommentsPanel({ proposal, groupId, proposalId }: { proposal: Y.Doc; groupId: string; proposalId: string }): ReactNode {
  const { t } = useMessages(messages);
  const { who } = useLifecycle();
  const comments = useDoc(proposalCommentsDocName(groupId, proposalId));
  const threads = useDocValue(comments.doc, listThreads);
  const gone = useDocValue(proposal, (doc) => threads.map((thread) => resolveAnchor(doc, thread.anchor) === 'deleted'));
  const [anchor, setAnchor] = useState<CommentAnchor | null>(null);
  const [noSelection, setNoSelection] = useState(false);
  const [showResolved, setShowResolved] = useState(false);
  const refs = { groupId, proposalId };
  const add = useMutation({
    mutationFn: (text: string) => api.lifecycle.addComment({ who, ...refs, anchor, text }),
    onSuccess: () => setAnchor(null),
  });
  const open = threads.flatMap((thread, index) => (thread.resolvedAt ? [] : [{ thread, deleted: gone[index] ?? false }]));
  const resolved = threads.flatMap((thread, index) => (thread.resolvedAt ? [{ thread, deleted: gone[index] ?? false }] : []));

  return (
    <div className={styles.tabBody}>
      <TextForm
        label={t('lifecycle.comments.new')}
        submitLabel={t('lifecycle.comments.add')}
        hint={t('lifecycle.comments.newHint')}
        onSubmit={(text) => add.mutateAsync(text)}
        testId="comment-text"
        pending={add.isPending}
      >
        <div className={styles.anchorLine}>
          <span className="small" data-testid="comment-anchor">
            {anchor ? t('lifecycle.comments.onPassage', { quote: anchor.quote }) : t('lifecycle.comments.onWhole')}
          </span>
          {anchor ? (
            <Button size="sm" variant="ghost" onClick={() => setAnchor(null)}>
              {t('lifecycle.comments.onWhole')}
            </Button>
          ) : (
            <Button
              size="sm"
              variant="ghost"
              // Keep the editor's selection: the button must not take it away before it is read.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                const passage = selectedPassage(proposal);
                setNoSelection(passage === null);
                setAnchor(passage);
              }}
              data-testid="use-passage"
            >
              {t('lifecycle.comments.usePassage')}
            </Button>
          )}
        </div>
        {noSelection && <p className="small field-error">{t('lifecycle.comments.noSelection')}</p>}
      </TextForm>
      {add.isError && <ErrorNotice>{t('lifecycle.error', { message: errorText(add.error) })}</ErrorNotice>}
      {open.length === 0 && resolved.length === 0 && <p className="small muted">{t('lifecycle.comments.empty')}</p>}
      <div className="stack" data-testid="open-threads">
        {open.map(({ thread, deleted }) => (
          <ThreadItem key={thread.id} thread={thread} refs={refs} proposal={proposal} deleted={deleted} />
        ))}
      </div>
      {resolved.length > 0 && (
        <Button size="sm" variant="ghost" aria-expanded={showResolved} onClick={() => setShowResolved(!showResolved)}>
          {showResolved ? t('lifecycle.comments.hideResolved') : t('lifecycle.comments.showResolved', { count: resolved.length })}
        </Button>
      )}
      {showResolved && (
        <div className="stack">
          {resolved.map(({ thread, deleted }) => (
            <ThreadItem key={thread.id} thread={thread} refs={refs} proposal={proposal} deleted={deleted} />
          ))}
        </div>
      )}
    </div>
  );
}
