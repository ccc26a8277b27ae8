import { createRootRouteWithContext, createRoute, redirect } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import type { NavEntry } from './feature';
import { Shell } from './Shell';

/** What the frame reads from the router: the navigation entries and banners the features registered. */
export interface RouterContext {
  nav: readonly NavEntry[];
  banners: readonly ComponentType[];
}

/** The root of the route tree: the app frame. Features hang their routes below it. */
export const rootRoute = createRootRouteWithContext<RouterContext>()({ component: Shell });

/** Any address no feature knows leads to the start page, as it did before the router. */
export const fallbackRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '$',
  // redirect() throws the router's redirect itself with `throw: true`.
  beforeLoad: () => redirect({ to: '/', replace: true, throw: true }),
});
