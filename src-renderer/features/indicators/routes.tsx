import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { IndicatorsView } from './IndicatorsView';

/** '/indicators': the indicator browser. */
export const indicatorsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/indicators', component: IndicatorsView });
