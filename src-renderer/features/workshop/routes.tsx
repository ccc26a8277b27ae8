import type { ReactNode } from 'react';
import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { ConsoleView } from './ConsoleView';
import { JoinView } from './ParticipantView';
import { ProjectorView } from './ProjectorView';
import { WorkshopsView } from './WorkshopsView';

/** '/workshops': join by code, the groups' sessions, preparing a new one. */
export const workshopsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/workshops', component: WorkshopsView });

function ConsolePage(): ReactNode {
  const { sessionId } = workshopConsoleRoute.useParams();
  return <ConsoleView key={sessionId} sessionId={sessionId} />;
}

/** '/workshop/<id>/moderate': the moderator's console. */
export const workshopConsoleRoute = createRoute({ getParentRoute: () => rootRoute, path: '/workshop/$sessionId/moderate', component: ConsolePage });

function ProjectorPage(): ReactNode {
  const { sessionId } = workshopProjectorRoute.useParams();
  return <ProjectorView key={sessionId} sessionId={sessionId} />;
}

/** '/workshop/<id>/projector': the room's screen. */
export const workshopProjectorRoute = createRoute({ getParentRoute: () => rootRoute, path: '/workshop/$sessionId/projector', component: ProjectorPage });

function JoinPage(): ReactNode {
  const { code } = workshopJoinRoute.useParams();
  return <JoinView key={code} code={code} />;
}

/** '/workshop/join/<code>': where the link and the QR code lead; the participant's view. */
export const workshopJoinRoute = createRoute({ getParentRoute: () => rootRoute, path: '/workshop/join/$code', component: JoinPage });
