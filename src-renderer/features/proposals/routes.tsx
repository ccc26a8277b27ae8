import type { ReactNode } from 'react';
import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { ProposalGate } from '../lifecycle';
import { ProposalView } from './ProposalView';

function ProposalPage(): ReactNode {
  const { groupId, proposalId } = proposalRoute.useParams();
  // Only a proposal its group lists opens; anything else gets a clear "nicht gefunden" page.
  return (
    <ProposalGate key={`${groupId}/${proposalId}`} groupId={groupId} proposalId={proposalId}>
      <ProposalView groupId={groupId} proposalId={proposalId} />
    </ProposalGate>
  );
}

/** '/group/<id>/proposal/<id>': co-authoring one proposal. */
export const proposalRoute = createRoute({ getParentRoute: () => rootRoute, path: '/group/$groupId/proposal/$proposalId', component: ProposalPage });
