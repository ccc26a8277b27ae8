import { useState, type ReactNode } from 'react';
import { listGroups } from '../../shared/docs/workspace';
import { MAX_TITLE_LENGTH, listProposals, newId, putProposalSummary, setProposalTitle } from '../../shared/docs/proposal';
import { WORKSPACE_DOC, groupIndexDocName, proposalDocName } from '../../shared/sync/doc-names';
import { useI18n } from '../i18n/i18n';
import { useApp } from '../state/app-context';
import { navigate, routeHref } from '../state/route';
import { useDoc, useDocValue, useSyncStatus } from '../sync/hooks';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { EmptyState, Loading } from '../ui/States';
import { SyncStatusBadge } from './SyncStatusBadge';

/** A working group: its proposals and the form to start a new one. */
export function GroupView({ groupId }: { groupId: string }): ReactNode {
  const { t, date } = useI18n();
  const { registry, user, permissions } = useApp();
  const canEdit = permissions.canEditGroup(groupId);
  const workspace = useDoc(WORKSPACE_DOC);
  const group = useDocValue(workspace.doc, (d) => listGroups(d).find((g) => g.id === groupId) ?? null);
  const index = useDoc(groupIndexDocName(groupId));
  const indexStatus = useSyncStatus(index);
  const proposals = useDocValue(index.doc, listProposals);
  const [creating, setCreating] = useState(false);
  const [title, setTitle] = useState('');

  const create = (): void => {
    const clean = title.trim();
    if (!clean) {
      return;
    }
    const id = newId();
    const now = new Date().toISOString();
    setProposalTitle(registry.get(proposalDocName(groupId, id)).doc, clean);
    putProposalSummary(index.doc, { id, groupId, title: clean.slice(0, MAX_TITLE_LENGTH), status: 'draft', createdAt: now, createdBy: user.name, updatedAt: now });
    setTitle('');
    setCreating(false);
    navigate({ view: 'proposal', groupId, proposalId: id });
  };

  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <a href={routeHref({ view: 'groups' })}>{t('nav.groups')}</a>
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
        {creating && (
          <form
            className="card inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              create();
            }}
          >
            <label className="field">
              <span className="field-label">{t('group.newTitle')}</span>
              <input className="input" autoFocus required maxLength={MAX_TITLE_LENGTH} value={title} onChange={(e) => setTitle(e.target.value)} />
            </label>
            <div className="form-actions">
              <Button onClick={() => setCreating(false)}>{t('group.cancel')}</Button>
              <Button type="submit" variant="primary" disabled={!title.trim()}>
                {t('group.create')}
              </Button>
            </div>
          </form>
        )}
        {proposals.length === 0 ? (
          indexStatus.localLoaded && (indexStatus.serverSynced || indexStatus.connection !== 'connecting') ? (
            <EmptyState>{t('group.empty')}</EmptyState>
          ) : (
            <Loading label={t('status.loading')} />
          )
        ) : (
          <ul className="proposal-list" data-testid="proposal-list">
            {proposals.map((p) => (
              <li key={p.id}>
                <a className="card proposal-card" href={routeHref({ view: 'proposal', groupId, proposalId: p.id })}>
                  <span className="proposal-card-title">{p.title}</span>
                  <Badge tone={p.status === 'final' ? 'success' : 'neutral'}>{t(`proposal.status.${p.status}`)}</Badge>
                  <span className="muted small">{t('group.createdBy', { name: p.createdBy, date: date(p.createdAt) })}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
