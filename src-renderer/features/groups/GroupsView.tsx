import type { ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { listGroups, type Group } from '../../../shared/docs/workspace';
import { listProposals } from '../../../shared/docs/proposal';
import { WORKSPACE_DOC, groupIndexDocName } from '../../../shared/sync/doc-names';
import { useMessages } from '../../i18n/i18n';
import { SearchLink } from '../lifecycle';
import { messages } from './messages';
import { useApp } from '../../state/app-context';
import { useDoc, useDocValue, useSyncStatus } from '../../sync/hooks';
import { EmptyState, Loading } from '../../ui/States';
import styles from './groups.module.css';

function NoAccessCard({ group }: { group: Group }): ReactNode {
  const { t } = useMessages(messages);
  return (
    <li>
      {/* 'group-card no-access' stay plain classes: a stable hook for the e2e tests. */}
      <div className={`card ${styles.groupCard} ${styles.noAccess} group-card no-access`}>
        <h2>{group.name}</h2>
        <p className="muted">{group.description}</p>
        <p className={styles.groupCardCount}>{t('access.none')}</p>
      </div>
    </li>
  );
}

function GroupCard({ group }: { group: Group }): ReactNode {
  const { t } = useMessages(messages);
  const index = useDoc(groupIndexDocName(group.id));
  const count = useDocValue(index.doc, (d) => listProposals(d).length);
  return (
    <li>
      <Link className={`card ${styles.groupCard}`} to="/group/$groupId" params={{ groupId: group.id }}>
        <h2>{group.name}</h2>
        <p className="muted">{group.description}</p>
        <p className={styles.groupCardCount}>{t('groups.proposalCount', { count })}</p>
      </Link>
    </li>
  );
}

/** Start page: the working groups of the workspace. */
export function GroupsView(): ReactNode {
  const { t } = useMessages(messages);
  const { permissions } = useApp();
  const workspace = useDoc(WORKSPACE_DOC);
  const status = useSyncStatus(workspace);
  const groups = useDocValue(workspace.doc, listGroups);
  return (
    <>
      <header className="page-header page-header-row">
        <div>
          <h1>{t('groups.title')}</h1>
          <p className="muted">{t('groups.intro')}</p>
        </div>
        <SearchLink />
      </header>
      {groups.length === 0 ? (
        status.localLoaded && (status.serverSynced || status.connection !== 'connecting') ? (
          <EmptyState>{t('groups.empty')}</EmptyState>
        ) : (
          <Loading label={t('status.loading')} />
        )
      ) : (
        <ul className={styles.groupGrid}>
          {groups.map((g) => (permissions.canReadGroup(g.id) ? <GroupCard key={g.id} group={g} /> : <NoAccessCard key={g.id} group={g} />))}
        </ul>
      )}
    </>
  );
}
