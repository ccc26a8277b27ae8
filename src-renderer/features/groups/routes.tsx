import type { ReactNode } from 'react';
import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { GroupView } from './GroupView';
import { GroupsView } from './GroupsView';

/** '/': the start page with the working groups. */
export const groupsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: GroupsView });

function GroupPage(): ReactNode {
  const { groupId } = groupRoute.useParams();
  return <GroupView key={groupId} groupId={groupId} />;
}

/** '/group/<id>': one working group's proposals. */
export const groupRoute = createRoute({ getParentRoute: () => rootRoute, path: '/group/$groupId', component: GroupPage });
