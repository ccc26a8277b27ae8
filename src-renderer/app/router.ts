import { createRouter, type RouterHistory } from '@tanstack/react-router';
import { createAppHashHistory } from './hash-history';
import type { Feature, NavEntry } from './feature';
import { features } from './features';
import { fallbackRoute, rootRoute } from './root-route';

/** Every route the listed features contribute, as one union (so paths and params stay typed). */
type FeatureRoutes = (typeof features)[number]['routes'][number];

/** The route tree: the root (the app frame) with every feature's routes below it, and the fallback. */
export const routeTree = rootRoute.addChildren([...features.flatMap((f): readonly FeatureRoutes[] => f.routes), fallbackRoute]);

const all: readonly Feature[] = features;

/** The main navigation, in the features' order. */
export const navEntries: readonly NavEntry[] = all.flatMap((f) => (f.nav ? [f.nav] : [])).sort((a, b) => a.order - b.order);

/**
 * The router. Hash history: the app is loaded from file:// or app:// in Electron and from any path of
 * a static host in browser mode, so the route lives after '#' (old links like '#/group/x' still work).
 */
export function createAppRouter(history: RouterHistory = createAppHashHistory()) {
  return createRouter({
    routeTree,
    history,
    context: { nav: navEntries, banners: all.flatMap((f) => (f.Banner ? [f.Banner] : [])) },
    // Scrolling stays the browser's, as before the router: no reset to the top, no restoring.
    scrollRestoration: () => false,
  });
}

/** The router type, registered so links and params are checked against the route tree. */
export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}
