import type { Feature } from '../../app/feature';
import { messages } from './messages';
import { GroupsNavLabel } from './NavLabel';
import { groupRoute, groupsRoute } from './routes';
import styles from './groups.module.css';

/** Working groups: the start page and each group's list of proposals. */
export const groupsFeature = {
  id: 'groups',
  routes: [groupsRoute, groupRoute] as const,
  // Current for the start page and everything inside a group (its proposals too).
  nav: { to: '/', order: 10, Label: GroupsNavLabel, isActive: (path: string) => path === '/' || path.startsWith('/group/') },
  messages,
  styles,
} satisfies Feature;
