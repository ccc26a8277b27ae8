import type { ReactNode } from 'react';
import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { ProposalView } from './ProposalView';

function ProposalPage(): ReactNode {
  const { groupId, proposalId } = proposalRoute.useParams();
  return <ProposalView key={`${groupId}/${proposalId}`} groupId={groupId} proposalId={proposalId} />;
}

/** '/group/<id>/proposal/<id>': co-authoring one proposal. */
export const proposalRoute = createRoute({ getParentRoute: () => rootRoute, path: '/group/$groupId/proposal/$proposalId', component: ProposalPage });
