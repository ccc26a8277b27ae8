import { useState, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { mayManageProposal } from '../../../shared/access';
import { listDeletedProposals, type ProposalSummary } from '../../../shared/docs/proposal';
import { groupIndexDocName } from '../../../shared/sync/doc-names';
import { api } from '../../api/client';
import { useMessages } from '../../i18n/i18n';
import { useDoc, useDocValue } from '../../sync/hooks';
import { Button } from '../../ui/Button';
import { ErrorNotice, InfoNotice } from '../../ui/States';
import { messages } from './messages';
import { errorText, useLifecycle } from './useLifecycle';
import styles from './lifecycle.module.css';

/** A group's recycle bin (for its leads): deleted proposals, restorable for 30 days. */
export function RecycleBin({ groupId }: { groupId: string }): ReactNode {
  const { t, date } = useMessages(messages);
  const { who, principal } = useLifecycle();
  const index = useDoc(groupIndexDocName(groupId));
  const deleted = useDocValue(index.doc, listDeletedProposals);
  const [restored, setRestored] = useState<string | null>(null);
  const restore = useMutation({
    mutationFn: (summary: ProposalSummary) => api.lifecycle.restoreProposal({ who, groupId, proposalId: summary.id }),
    onSuccess: (summary) => setRestored(t('lifecycle.bin.restored', { title: summary.title })),
  });
  if (!mayManageProposal(principal, groupId) || (deleted.length === 0 && restored === null)) {
    return null;
  }
  return (
    <section className={styles.bin} aria-labelledby="recycle-bin-heading" data-testid="recycle-bin">
      <h2 id="recycle-bin-heading">{t('lifecycle.bin.heading')}</h2>
      <p className="small muted">{t('lifecycle.bin.intro')}</p>
      {restored && <InfoNotice>{restored}</InfoNotice>}
      {restore.isError && <ErrorNotice>{t('lifecycle.error', { message: errorText(restore.error) })}</ErrorNotice>}
      <ul className={styles.plainList}>
        {deleted.map((summary) => (
          <li key={summary.id} className={styles.listItem}>
            <span className={styles.itemTitle}>{summary.title}</span>
            <span className="small muted">{t('lifecycle.bin.entry', { date: date(summary.deletedAt ?? summary.updatedAt), name: summary.deletedBy ?? '' })}</span>
            <span className={styles.actions}>
              <Button size="sm" disabled={restore.isPending} onClick={() => restore.mutate(summary)} aria-label={`${t('lifecycle.bin.restore')}: ${summary.title}`}>
                {t('lifecycle.bin.restore')}
              </Button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
