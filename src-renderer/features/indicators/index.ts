import type { Feature } from '../../app/feature';
import { DatasetSyncStatus } from './DatasetSyncStatus';
import { messages } from './messages';
import { IndicatorsNavLabel } from './NavLabel';
import { indicatorsRoute } from './routes';
import styles from './indicators.module.css';

/** Indicators: the browser, statistics import and publishing, and the snapshots documents embed (./snapshot). */
export const indicatorsFeature = {
  id: 'indicators',
  routes: [indicatorsRoute] as const,
  nav: { to: '/indicators', order: 30, Label: IndicatorsNavLabel, isActive: (path: string) => path === '/indicators' },
  // Imports statistics published by the Stabsstelle in the background and says so.
  Banner: DatasetSyncStatus,
  messages,
  styles,
} satisfies Feature;
