import { type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { mayManageProposal } from '../../../shared/access';
import { listAllProposals, type ProposalSummary } from '../../../shared/docs/proposal';
import { listGroups } from '../../../shared/docs/workspace';
import { WORKSPACE_DOC, groupIndexDocName } from '../../../shared/sync/doc-names';
import { api } from '../../api/client';
import { useMessages } from '../../i18n/i18n';
import type { DocConnection } from '../../sync/doc-connection';
import { useDoc, useDocValue, useSyncStatus } from '../../sync/hooks';
import { Button } from '../../ui/Button';
import { ErrorNotice, Loading } from '../../ui/States';
import { messages } from './messages';
import { errorText, useLifecycle } from './useLifecycle';
import styles from './lifecycle.module.css';

/** True once a document's content can be trusted to be complete: from the server, or (offline) from the local copy. */
function useLoaded(connection: DocConnection): { loaded: boolean; refused: boolean } {
  const status = useSyncStatus(connection);
  return { loaded: status.localLoaded && (status.serverSynced || status.connection !== 'connecting'), refused: status.connection === 'refused' };
}

/** The "nicht gefunden" page: a clear heading, why, and where to go instead. */
function NotFoundPage({ text, children }: { text: string; children?: ReactNode }): ReactNode {
  const { t } = useMessages(messages);
  return (
    <section className={styles.notFound} aria-labelledby="not-found-heading" data-testid="not-found">
      <h1 id="not-found-heading">{t('lifecycle.notFound.title')}</h1>
      <p>{text}</p>
      {children}
      <p>
        <Link to="/">{t('lifecycle.notFound.home')}</Link>
      </p>
    </section>
  );
}

/** A deleted proposal: when, and (for the group's leads) restore it. */
function InRecycleBin({ summary }: { summary: ProposalSummary }): ReactNode {
  const { t, date } = useMessages(messages);
  const { who, principal } = useLifecycle();
  const restore = useMutation({ mutationFn: () => api.lifecycle.restoreProposal({ who, groupId: summary.groupId, proposalId: summary.id }) });
  return (
    <NotFoundPage text={t('lifecycle.notFound.deleted', { date: date(summary.deletedAt ?? summary.updatedAt) })}>
      {mayManageProposal(principal, summary.groupId) && (
        <Button variant="primary" disabled={restore.isPending} onClick={() => restore.mutate()}>
          {t('lifecycle.bin.restore')}
        </Button>
      )}
      {restore.isError && <ErrorNotice>{t('lifecycle.error', { message: errorText(restore.error) })}</ErrorNotice>}
      <p>
        <Link to="/group/$groupId" params={{ groupId: summary.groupId }}>
          {t('lifecycle.notFound.back')}
        </Link>
      </p>
    </NotFoundPage>
  );
}

/**
 * Opens a proposal only if its group's index lists it: a mistyped address, a proposal removed for
 * good, one in the recycle bin or one moved elsewhere get a clear page instead of an editable
 * phantom document.
 */
export function ProposalGate({ groupId, proposalId, children }: { groupId: string; proposalId: string; children: ReactNode }): ReactNode {
  const { t } = useMessages(messages);
  const index = useDoc(groupIndexDocName(groupId));
  const { loaded, refused } = useLoaded(index);
  const workspace = useDoc(WORKSPACE_DOC);
  const groups = useDocValue(workspace.doc, listGroups);
  const groupName = (id: string): string => groups.find((group) => group.id === id)?.name ?? id;
  const entry = useDocValue(index.doc, (doc) => listAllProposals(doc).find((summary) => summary.id === proposalId) ?? null);
  if (refused) {
    return children; // no access: the proposal view says why
  }
  if (entry === null) {
    return loaded ? <NotFoundPage text={t('lifecycle.notFound.proposal')} /> : <Loading label={t('status.loading')} />;
  }
  if ((entry.movedTo ?? null) !== null) {
    const target = entry.movedTo as string;
    return (
      <NotFoundPage text={t('lifecycle.notFound.moved', { group: groupName(target) })}>
        <p>
          <Link to="/group/$groupId/proposal/$proposalId" params={{ groupId: target, proposalId }}>
            {t('lifecycle.notFound.openMoved')}
          </Link>
        </p>
      </NotFoundPage>
    );
  }
  if ((entry.deletedAt ?? null) !== null) {
    return <InRecycleBin summary={entry} />;
  }
  return children;
}

/** Shows a working group only if the workspace lists it; otherwise "nicht gefunden". */
export function GroupGate({ groupId, children }: { groupId: string; children: ReactNode }): ReactNode {
  const { t } = useMessages(messages);
  const workspace = useDoc(WORKSPACE_DOC);
  const { loaded } = useLoaded(workspace);
  const exists = useDocValue(workspace.doc, (doc) => listGroups(doc).some((group) => group.id === groupId));
  if (exists) {
    return children;
  }
  return loaded ? <NotFoundPage text={t('lifecycle.notFound.group')} /> : <Loading label={t('status.loading')} />;
}
