import type { ReactNode } from 'react';
import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { GroupGate } from '../lifecycle';
import { GroupView } from './GroupView';
import { GroupsView } from './GroupsView';

/** '/': the start page with the working groups. */
export const groupsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: GroupsView });

function GroupPage(): ReactNode {
  const { groupId } = groupRoute.useParams();
  return (
    <GroupGate key={groupId} groupId={groupId}>
      <GroupView groupId={groupId} />
    </GroupGate>
  );
}

/** '/group/<id>': one working group's proposals. */
export const groupRoute = createRoute({ getParentRoute: () => rootRoute, path: '/group/$groupId', component: GroupPage });
