import { createHashHistory, type RouterHistory } from '@tanstack/react-router';

/**
 * Hash history whose links are bare fragments ('#/report'), as the app's links were before the
 * router: they resolve against whatever page the app was loaded from (app://, file://, a
 * browser-mode host under any path), and copied links keep working in older versions.
 */
export function createAppHashHistory(win?: Window): RouterHistory {
  const history = createHashHistory(win ? { window: win } : undefined);
  history.createHref = (href) => `#${href}`;
  return history;
}
