import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from './menu';

const roles = (template: ReturnType<typeof buildMenuTemplate>): unknown[] =>
  template.flatMap((item) => (Array.isArray(item.submenu) ? item.submenu.map((sub) => sub.role) : []));

describe('buildMenuTemplate', () => {
  it('has the German top-level menus', () => {
    const labels = buildMenuTemplate({ isMac: false, isDev: false, onAbout: () => undefined }).map((i) => i.label);
    expect(labels).toEqual(['Datei', 'Bearbeiten', 'Ansicht', 'Hilfe']);
    const mac = buildMenuTemplate({ isMac: true, isDev: false, onAbout: () => undefined }).map((i) => i.label);
    expect(mac).toEqual(['Fokuswerk', 'Datei', 'Bearbeiten', 'Ansicht', 'Hilfe']);
  });

  it('offers developer tools only in development', () => {
    expect(roles(buildMenuTemplate({ isMac: false, isDev: false, onAbout: () => undefined }))).not.toContain('toggleDevTools');
    expect(roles(buildMenuTemplate({ isMac: false, isDev: true, onAbout: () => undefined }))).toContain('toggleDevTools');
  });
});
