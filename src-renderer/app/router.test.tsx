// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createMemoryHistory } from '@tanstack/react-router';
import { createAppHashHistory } from './hash-history';
import { createAppRouter, navEntries } from './router';

async function at(path: string) {
  const router = createAppRouter(createMemoryHistory({ initialEntries: [path] }));
  await router.load();
  return router;
}

describe('router', () => {
  it('matches every page the features register, with their params', async () => {
    const leaf = async (path: string) => {
      const match = (await at(path)).state.matches.at(-1);
      return { routeId: match?.routeId, params: match?.params };
    };
    expect(await leaf('/')).toEqual({ routeId: '/', params: {} });
    expect(await leaf('/group/wohnen')).toEqual({ routeId: '/group/$groupId', params: { groupId: 'wohnen' } });
    expect(await leaf('/group/wohnen/proposal/seniorenwohnen-uetersen')).toEqual({
      routeId: '/group/$groupId/proposal/$proposalId',
      params: { groupId: 'wohnen', proposalId: 'seniorenwohnen-uetersen' },
    });
    expect(await leaf('/report')).toEqual({ routeId: '/report', params: {} });
    expect(await leaf('/indicators')).toEqual({ routeId: '/indicators', params: {} });
  });

  it('leads unknown addresses to the start page', async () => {
    for (const path of ['/nowhere', '/group/wohnen/proposal', '/report/2025', '/group']) {
      const router = await at(path);
      expect(router.state.location.pathname, path).toBe('/');
      expect(router.state.matches.at(-1)?.routeId, path).toBe('/');
    }
  });

  it('reads links of the hash form used before the router, and writes bare fragments', async () => {
    window.history.replaceState(null, '', '/index.html#/group/armut/proposal/kinderarmut-teilhabe');
    const router = createAppRouter(createAppHashHistory(window));
    await router.load();
    expect(router.state.matches.at(-1)?.params).toEqual({ groupId: 'armut', proposalId: 'kinderarmut-teilhabe' });
    expect(router.buildLocation({ to: '/group/$groupId', params: { groupId: 'wohnen' } }).href).toBe('/group/wohnen');
    expect(router.history.createHref('/group/wohnen')).toBe('#/group/wohnen');
    expect(router.history.createHref('/')).toBe('#/');
  });

  it('follows navigation through the location hash', async () => {
    window.history.replaceState(null, '', '/index.html#/');
    const router = createAppRouter(createAppHashHistory(window));
    await router.load();
    await router.navigate({ to: '/group/$groupId/proposal/$proposalId', params: { groupId: 'wohnen', proposalId: 'p1' } });
    expect(window.location.hash).toBe('#/group/wohnen/proposal/p1');
    expect(window.location.pathname).toBe('/index.html');
  });

  it('has one navigation entry per top-level feature, groups current inside a group', () => {
    expect(navEntries.map((n) => n.to)).toEqual(['/', '/report', '/offen', '/indicators', '/workshops']);
    const current = (path: string): string[] => navEntries.filter((n) => n.isActive(path)).map((n) => n.to);
    expect(current('/')).toEqual(['/']);
    expect(current('/group/wohnen')).toEqual(['/']);
    expect(current('/group/wohnen/proposal/p1')).toEqual(['/']);
    expect(current('/report')).toEqual(['/report']);
    expect(current('/indicators')).toEqual(['/indicators']);
    expect(current('/workshop/s1/moderate')).toEqual(['/workshops']);
    expect(current('/offen')).toEqual(['/offen']);
    expect(current('/suche')).toEqual(['/offen']);
  });
});
