import type { Feature } from '../../app/feature';
import { messages } from './messages';
import { OpenItemsNavLabel } from './NavLabel';
import { openItemsRoute, ratingConfigRoute, searchRoute } from './routes';
import styles from './lifecycle.module.css';

/**
 * A proposal's life (issue 11): status and its history, versions, comments, the Steuerungsgruppe's
 * rating, implementation, recycle bin, search and "Meine offenen Punkte" (one nav entry; search and
 * the rating criteria are linked from there). The proposal and group views embed the panels
 * exported below; the sync server enforces every rule.
 */
export const lifecycleFeature = {
  id: 'lifecycle',
  routes: [openItemsRoute, searchRoute, ratingConfigRoute] as const,
  nav: { to: '/offen', order: 25, Label: OpenItemsNavLabel, isActive: (path: string) => path === '/offen' || path === '/suche' || path.startsWith('/einschaetzung') },
  messages,
  styles,
} satisfies Feature;

export { GroupGate, ProposalGate } from './NotFound';
export { ProposalPanels } from './ProposalPanels';
export { RecycleBin } from './RecycleBin';
export { SearchLink } from './SearchLink';
export { StatusBadge, StatusPanel } from './StatusPanel';
