import type { Feature } from '../../app/feature';
import { messages } from './messages';
import { WorkshopsNavLabel } from './NavLabel';
import { workshopConsoleRoute, workshopJoinRoute, workshopProjectorRoute, workshopsRoute } from './routes';
import styles from './workshop.module.css';

/** Workshops (issue 10): prepare, moderate, project and take part in a working group's session. */
export const workshopFeature = {
  id: 'workshop',
  routes: [workshopsRoute, workshopConsoleRoute, workshopProjectorRoute, workshopJoinRoute] as const,
  nav: { to: '/workshops', order: 40, Label: WorkshopsNavLabel, isActive: (path: string) => path.startsWith('/workshop') },
  messages,
  styles,
} satisfies Feature;

/** The join link's page for guests while the server has accounts (outside the workspace). */
export { GuestWorkshop, workshopJoinCode } from './GuestJoin';
