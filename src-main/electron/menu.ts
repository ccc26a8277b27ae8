import type { MenuItemConstructorOptions } from 'electron';

/** Inputs of the application menu. */
export interface MenuOptions {
  isMac: boolean;
  /** Developer tools and reload only in unpackaged builds. */
  isDev: boolean;
  onAbout: () => void;
}

/** The German application menu: Datei, Bearbeiten, Ansicht, Hilfe (plus the app menu on macOS). */
export function buildMenuTemplate({ isMac, isDev, onAbout }: MenuOptions): MenuItemConstructorOptions[] {
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: 'Fokuswerk',
          submenu: [
            { label: 'Über Fokuswerk', click: onAbout },
            { type: 'separator' },
            { role: 'hide', label: 'Fokuswerk ausblenden' },
            { role: 'hideOthers', label: 'Andere ausblenden' },
            { role: 'unhide', label: 'Alle einblenden' },
            { type: 'separator' },
            { role: 'quit', label: 'Fokuswerk beenden' },
          ],
        },
      ]
    : [];
  const devItems: MenuItemConstructorOptions[] = isDev
    ? [{ type: 'separator' }, { role: 'reload', label: 'Neu laden' }, { role: 'toggleDevTools', label: 'Entwicklerwerkzeuge' }]
    : [];
  return [
    ...appMenu,
    {
      label: 'Datei',
      submenu: [isMac ? { role: 'close', label: 'Fenster schließen' } : { role: 'quit', label: 'Beenden' }],
    },
    {
      label: 'Bearbeiten',
      submenu: [
        { role: 'undo', label: 'Rückgängig' },
        { role: 'redo', label: 'Wiederholen' },
        { type: 'separator' },
        { role: 'cut', label: 'Ausschneiden' },
        { role: 'copy', label: 'Kopieren' },
        { role: 'paste', label: 'Einfügen' },
        { role: 'selectAll', label: 'Alles auswählen' },
      ],
    },
    {
      label: 'Ansicht',
      submenu: [
        { role: 'resetZoom', label: 'Originalgröße' },
        { role: 'zoomIn', label: 'Vergrößern' },
        { role: 'zoomOut', label: 'Verkleinern' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Vollbild' },
        ...devItems,
      ],
    },
    {
      label: 'Hilfe',
      role: 'help',
      submenu: [{ label: 'Über Fokuswerk', click: onAbout }],
    },
  ];
}
