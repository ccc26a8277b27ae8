import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { listGroups } from '../../../shared/docs/workspace';
import { MAX_TITLE_LENGTH, listProposals, newId, putProposalSummary, setProposalTitle } from '../../../shared/docs/proposal';
import { WORKSPACE_DOC, groupIndexDocName, proposalDocName } from '../../../shared/sync/doc-names';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';
import { useApp } from '../../state/app-context';
import { useDoc, useDocValue, useSyncStatus } from '../../sync/hooks';
import { Button } from '../../ui/Button';
import { EmptyState, Loading } from '../../ui/States';
import { SyncStatusBadge } from '../../ui/SyncStatusBadge';
import { RecycleBin, StatusBadge } from '../lifecycle';
import { NewProposalForm } from './NewProposalForm';
import styles from './groups.module.css';

/** A working group: its proposals and the form to start a new one. */
export function GroupView({ groupId }: { groupId: string }): ReactNode {
  const { t, date } = useMessages(messages);
  const { registry, user, permissions } = useApp();
  const canEdit = permissions.canEditGroup(groupId);
  const workspace = useDoc(WORKSPACE_DOC);
  const group = useDocValue(workspace.doc, (d) => listGroups(d).find((g) => g.id === groupId) ?? null);
  const index = useDoc(groupIndexDocName(groupId));
  const indexStatus = useSyncStatus(index);
  // A moved proposal stays in the index only as the link to its new group.
  const proposals = useDocValue(index.doc, (d) => listProposals(d).filter((p) => (p.movedTo ?? null) === null));
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();

  const create = (clean: string): void => {
    const id = newId();
    const now = new Date().toISOString();
    setProposalTitle(registry.get(proposalDocName(groupId, id)).doc, clean);
    putProposalSummary(index.doc, { id, groupId, title: clean.slice(0, MAX_TITLE_LENGTH), status: 'draft', createdAt: now, createdBy: user.name, updatedAt: now });
    setCreating(false);
    void navigate({ to: '/group/$groupId/proposal/$proposalId', params: { groupId, proposalId: id } });
  };

  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/">{t('nav.groups')}</Link>
      </nav>
      <header className="page-header page-header-row">
        <div>
          <h1>{group?.name ?? groupId}</h1>
          {group && <p className="muted">{group.description}</p>}
        </div>
        <SyncStatusBadge connection={index} />
      </header>
      <section aria-labelledby="proposals-heading">
        <div className="section-header">
          <h2 id="proposals-heading">{t('group.proposals')}</h2>
          {!creating && canEdit && (
            <Button variant="primary" onClick={() => setCreating(true)}>
              {t('group.new')}
            </Button>
          )}
        </div>
        {creating && <NewProposalForm onCreate={create} onCancel={() => setCreating(false)} />}
        {proposals.length === 0 ? (
          indexStatus.localLoaded && (indexStatus.serverSynced || indexStatus.connection !== 'connecting') ? (
            <EmptyState>{t('group.empty')}</EmptyState>
          ) : (
            <Loading label={t('status.loading')} />
          )
        ) : (
          <ul className={styles.proposalList} data-testid="proposal-list">
            {proposals.map((p) => (
              <li key={p.id}>
                <Link className={`card ${styles.proposalCard}`} to="/group/$groupId/proposal/$proposalId" params={{ groupId, proposalId: p.id }}>
                  <span className={styles.proposalCardTitle}>{p.title}</span>
                  <StatusBadge status={p.lifecycle ?? (p.status === 'final' ? 'ag-beschlossen' : 'entwurf')} />
                  <span className="muted small">{t('group.createdBy', { name: p.createdBy, date: date(p.createdAt) })}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <RecycleBin groupId={groupId} />
    </>
  );
}
