import { createRootRouteWithContext, Navigate } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import type { NavEntry } from './feature';
import { Shell } from './Shell';

/** What the frame reads from the router: the navigation entries and banners the features registered. */
export interface RouterContext {
  nav: readonly NavEntry[];
  banners: readonly ComponentType[];
}

/** The root of the route tree: the app frame. Features hang their routes below it. */
export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Shell,
  // An unknown address shows the start page, as links from older versions did.
  notFoundComponent: () => <Navigate to="/" replace />,
});
