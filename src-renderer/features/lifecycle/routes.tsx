import { createRoute } from '@tanstack/react-router';
import { rootRoute } from '../../app/root-route';
import { OpenItemsView } from './OpenItemsView';
import { RatingConfigView } from './RatingConfigView';
import { SearchView } from './SearchView';

/** '/offen': "Meine offenen Punkte". */
export const openItemsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/offen', component: OpenItemsView });

/** '/suche': search across the groups. */
export const searchRoute = createRoute({ getParentRoute: () => rootRoute, path: '/suche', component: SearchView });

/** '/einschaetzung/kriterien': the Steuerungsgruppe's criteria and weights per year. */
export const ratingConfigRoute = createRoute({ getParentRoute: () => rootRoute, path: '/einschaetzung/kriterien', component: RatingConfigView });
