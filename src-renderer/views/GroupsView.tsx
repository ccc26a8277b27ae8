import type { ReactNode } from 'react';
import { listGroups, type Group } from '../../shared/docs/workspace';
import { listProposals } from '../../shared/docs/proposal';
import { WORKSPACE_DOC, groupIndexDocName } from '../../shared/sync/doc-names';
import { useI18n } from '../i18n/i18n';
import { routeHref } from '../state/route';
import { useApp } from '../state/app-context';
import { useDoc, useDocValue, useSyncStatus } from '../sync/hooks';
import { EmptyState, Loading } from '../ui/States';

function NoAccessCard({ group }: { group: Group }): ReactNode {
  const { t } = useI18n();
  return (
    <li>
      <div className="card group-card no-access">
        <h2>{group.name}</h2>
        <p className="muted">{group.description}</p>
        <p className="group-card-count">{t('access.none')}</p>
      </div>
    </li>
  );
}

function GroupCard({ group }: { group: Group }): ReactNode {
  const { tCount } = useI18n();
  const index = useDoc(groupIndexDocName(group.id));
  const count = useDocValue(index.doc, (d) => listProposals(d).length);
  return (
    <li>
      <a className="card group-card" href={routeHref({ view: 'group', groupId: group.id })}>
        <h2>{group.name}</h2>
        <p className="muted">{group.description}</p>
        <p className="group-card-count">{tCount('groups.proposalCountOne', 'groups.proposalCount', count)}</p>
      </a>
    </li>
  );
}

/** Start page: the working groups of the workspace. */
export function GroupsView(): ReactNode {
  const { t } = useI18n();
  const { permissions } = useApp();
  const workspace = useDoc(WORKSPACE_DOC);
  const status = useSyncStatus(workspace);
  const groups = useDocValue(workspace.doc, listGroups);
  return (
    <>
      <header className="page-header">
        <h1>{t('groups.title')}</h1>
        <p className="muted">{t('groups.intro')}</p>
      </header>
      {groups.length === 0 ? (
        status.localLoaded && (status.serverSynced || status.connection !== 'connecting') ? (
          <EmptyState>{t('groups.empty')}</EmptyState>
        ) : (
          <Loading label={t('status.loading')} />
        )
      ) : (
        <ul className="group-grid">
          {groups.map((g) => (permissions.canReadGroup(g.id) ? <GroupCard key={g.id} group={g} /> : <NoAccessCard key={g.id} group={g} />))}
        </ul>
      )}
    </>
  );
}
