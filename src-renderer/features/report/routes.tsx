import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { ReportView } from './ReportView';

/** '/report': the annual report draft. */
export const reportRoute = createRoute({ getParentRoute: () => rootRoute, path: '/report', component: ReportView });
