import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { OpenComment } from '../../../shared/docs/lifecycle/api';
import { listAllProposals } from '../../../shared/docs/proposal';
import { groupIndexDocName } from '../../../shared/sync/doc-names';
import { api } from '../../api/client';
import { useMessages } from '../../i18n/i18n';
import { useDoc, useDocValue } from '../../sync/hooks';
import { Button } from '../../ui/Button';
import { ErrorNotice, Loading } from '../../ui/States';
import { messages } from './messages';
import { SearchLink } from './SearchLink';
import { StatusBadge } from './StatusPanel';
import { errorText, useLifecycle } from './useLifecycle';
import styles from './lifecycle.module.css';

/** A link to a proposal with its title from the group's index. */
export function ProposalLink({ groupId, proposalId }: { groupId: string; proposalId: string }): ReactNode {
  const index = useDoc(groupIndexDocName(groupId));
  const title = useDocValue(index.doc, (doc) => listAllProposals(doc).find((summary) => summary.id === proposalId)?.title ?? proposalId);
  return (
    <Link to="/group/$groupId/proposal/$proposalId" params={{ groupId, proposalId }}>
      {title}
    </Link>
  );
}

function CommentList({ items, testId }: { items: OpenComment[]; testId: string }): ReactNode {
  const { t, date } = useMessages(messages);
  if (items.length === 0) {
    return <p className="small muted">{t('lifecycle.open.none')}</p>;
  }
  return (
    <ul className={styles.plainList} data-testid={testId}>
      {items.map((item) => (
        <li key={item.commentId} className={`card ${styles.openItem}`}>
          <ProposalLink groupId={item.groupId} proposalId={item.proposalId} />
          <span className={styles.commentText}>{item.text}</span>
          <span className="small muted">{t('lifecycle.open.by', { name: item.byName, date: date(item.at, true) })}</span>
        </li>
      ))}
    </ul>
  );
}

/** "Meine offenen Punkte": mentions, comments on my proposals, proposals waiting for my group's decision. */
export function OpenItemsView(): ReactNode {
  const { t, date } = useMessages(messages);
  const { who, accounts } = useLifecycle();
  const items = useQuery({ queryKey: ['lifecycle', 'open-items'], queryFn: () => api.lifecycle.openItems({ who }), refetchInterval: 30_000 });
  return (
    <>
      <header className="page-header page-header-row">
        <h1>{t('lifecycle.open.title')}</h1>
        <div className={styles.badges}>
          <Button onClick={() => void items.refetch()}>{t('lifecycle.refresh')}</Button>
          <SearchLink />
          <Link to="/einschaetzung/kriterien" className="btn btn-ghost btn-md">
            {t('lifecycle.config.link')}
          </Link>
        </div>
      </header>
      {items.isError && <ErrorNotice>{t('lifecycle.error', { message: errorText(items.error) })}</ErrorNotice>}
      {items.isPending ? (
        <Loading label={t('status.loading')} />
      ) : (
        items.data && (
          <div className={styles.openGrid}>
            <section aria-labelledby="open-mentions">
              <h2 id="open-mentions">{t('lifecycle.open.mentions')}</h2>
              {!accounts && <p className="small muted">{t('lifecycle.open.noAccounts')}</p>}
              <CommentList items={items.data.mentions} testId="open-mentions" />
            </section>
            <section aria-labelledby="open-mine">
              <h2 id="open-mine">{t('lifecycle.open.commentsOnMine')}</h2>
              <CommentList items={items.data.commentsOnMine} testId="open-comments-on-mine" />
            </section>
            <section aria-labelledby="open-waiting">
              <h2 id="open-waiting">{t('lifecycle.open.waiting')}</h2>
              {items.data.waitingForGroup.length === 0 ? (
                <p className="small muted">{t('lifecycle.open.none')}</p>
              ) : (
                <ul className={styles.plainList} data-testid="open-waiting">
                  {items.data.waitingForGroup.map((item) => (
                    <li key={`${item.groupId}/${item.proposalId}`} className={`card ${styles.openItem}`}>
                      <Link to="/group/$groupId/proposal/$proposalId" params={{ groupId: item.groupId, proposalId: item.proposalId }}>
                        {item.title}
                      </Link>
                      <StatusBadge status={item.status} />
                      <span className="small muted">{date(item.updatedAt, true)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        )
      )}
    </>
  );
}
