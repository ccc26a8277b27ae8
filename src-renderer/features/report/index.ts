import type { Feature } from '../../app/feature';
import { messages } from './messages';
import { ReportNavLabel } from './NavLabel';
import { reportArchiveRoute, reportReadRoute, reportRoute } from './routes';
import styles from './report.module.css';

/** The annual report draft: chapters per group with the pushed recommendations. */
export const reportFeature = {
  id: 'report',
  routes: [reportRoute, reportReadRoute, reportArchiveRoute] as const,
  nav: { to: '/report', order: 20, Label: ReportNavLabel, isActive: (path: string) => path === '/report' || path.startsWith('/report/') },
  messages,
  styles,
} satisfies Feature;
