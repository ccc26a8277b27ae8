import type { Feature } from '../../app/feature';
import { messages } from './messages';
import { OpenItemsNavLabel, SearchNavLabel } from './NavLabel';
import { openItemsRoute, ratingConfigRoute, searchRoute } from './routes';
import styles from './lifecycle.module.css';

/**
 * A proposal's life (issue 11): status and its history, versions, comments, the Steuerungsgruppe's
 * rating, implementation, recycle bin and "Meine offenen Punkte". The proposal and group views embed
 * the panels exported below; the sync server enforces every rule.
 */
export const lifecycleFeature = {
  id: 'lifecycle',
  routes: [openItemsRoute, ratingConfigRoute] as const,
  nav: { to: '/offen', order: 25, Label: OpenItemsNavLabel, isActive: (path: string) => path === '/offen' },
  messages,
  styles,
} satisfies Feature;

/** Search across all readable groups, with its own nav entry (same folder, same messages). */
export const searchFeature = {
  id: 'search',
  routes: [searchRoute] as const,
  nav: { to: '/suche', order: 26, Label: SearchNavLabel, isActive: (path: string) => path === '/suche' },
  messages,
} satisfies Feature;

export { GroupGate, ProposalGate } from './NotFound';
export { ProposalPanels } from './ProposalPanels';
export { RecycleBin } from './RecycleBin';
export { StatusBadge, StatusPanel } from './StatusPanel';
