import { useEffect, useState } from 'react';

/** Where the user is. Hash routes keep the app working from app:// and any browser-mode host path. */
export type Route =
  | { view: 'groups' }
  | { view: 'group'; groupId: string }
  | { view: 'proposal'; groupId: string; proposalId: string }
  | { view: 'report' }
  | { view: 'indicators' };

/** Parses a location hash; anything unknown shows the group list. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'report' && parts.length === 1) {
    return { view: 'report' };
  }
  if (parts[0] === 'indicators' && parts.length === 1) {
    return { view: 'indicators' }; // issue 4: indicator browser
  }
  if (parts[0] === 'group' && parts[1]) {
    if (parts[2] === 'proposal' && parts[3] && parts.length === 4) {
      return { view: 'proposal', groupId: parts[1], proposalId: parts[3] };
    }
    if (parts.length === 2) {
      return { view: 'group', groupId: parts[1] };
    }
  }
  return { view: 'groups' };
}

/** The hash for a route. */
export function routeHref(route: Route): string {
  switch (route.view) {
    case 'groups':
      return '#/';
    case 'report':
      return '#/report';
    case 'indicators':
      return '#/indicators';
    case 'group':
      return `#/group/${encodeURIComponent(route.groupId)}`;
    case 'proposal':
      return `#/group/${encodeURIComponent(route.groupId)}/proposal/${encodeURIComponent(route.proposalId)}`;
  }
}

/** The current route, following hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** Navigates to a route. */
export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}
