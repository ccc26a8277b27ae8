import type { ReactNode } from 'react';
import { createRoute } from '@tanstack/react-router';
import { useApp } from '../../state/app-context';
import { rootRoute } from '../../app/root-route';
import { ReportView } from './ReportView';
import { ReadingView } from './ReadingView';
import { ArchiveView } from './ArchiveView';

/** '/report': the annual report draft (editing for the Stabsstelle). */
export const reportRoute = createRoute({ getParentRoute: () => rootRoute, path: '/report', component: ReportView });

/** Where a deep link points: the anchor of a part, chapter or recommendation ("empfehlung-<id>"). */
export interface ReadSearch {
  at?: string;
}

function ReadPage(): ReactNode {
  const { year } = reportReadRoute.useParams();
  const { at } = reportReadRoute.useSearch();
  const { info } = useApp();
  // A year that is not a year shows the current report.
  return <ReadingView year={/^\d{4}$/.test(year) ? Number(year) : info.reportYear} at={at} />;
}

/** '/report/$year/read?at=…': the reading view of a year's report, with deep links. */
export const reportReadRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/report/$year/read',
  validateSearch: (search: Record<string, unknown>): ReadSearch => (typeof search['at'] === 'string' && /^[a-z0-9_-]{1,120}$/i.test(search['at']) ? { at: search['at'] } : {}),
  component: ReadPage,
});

/** '/report/archive': this year's and earlier reports and their recommendations, by year, group and rating. */
export const reportArchiveRoute = createRoute({ getParentRoute: () => rootRoute, path: '/report/archive', component: ArchiveView });
