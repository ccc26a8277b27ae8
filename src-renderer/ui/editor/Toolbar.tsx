import { useEffect, useRef, type FocusEvent, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { useEditorState, type Editor } from '@tiptap/react';
import { useMessages } from '../../i18n/i18n';
import { Icon } from '../Icon';
import { editorMessages } from './editor-messages';
import { TABLE_SHORTCUTS } from './table-keys';

/**
 * A toolbar toggle: aria-pressed tells screen readers whether the format is active. A visible
 * text (e.g. "H2") is part of the accessible name, so speech control users can say what they see.
 */
function Tool({
  label,
  short,
  active,
  keys,
  text,
  onClick,
  children,
}: {
  label: string;
  short?: string;
  active?: boolean;
  /** Keyboard shortcut in aria-keyshortcuts syntax. */
  keys?: string;
  /** A button with visible text instead of an icon. */
  text?: boolean;
  onClick: () => void;
  children: ReactNode;
}): ReactNode {
  return (
    <button
      type="button"
      className={`tool${text ? ' tool-text' : ''}${active ? ' is-active' : ''}`}
      aria-label={short ? `${short} ${label}` : text ? undefined : label}
      title={keys ? `${label} (${keys.replace('Control', 'Strg')})` : label}
      aria-pressed={active}
      aria-keyshortcuts={keys}
      tabIndex={-1}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/**
 * The WAI-ARIA toolbar pattern: one Tab stop (the button last used, at first the first one),
 * arrow keys move between the buttons, Home and End go to the first and last.
 */
function useRovingFocus(ref: RefObject<HTMLDivElement | null>): { onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => void; onFocus: (e: FocusEvent<HTMLDivElement>) => void } {
  const current = useRef(0);
  const buttons = (): HTMLButtonElement[] => [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ?? [])];
  const settle = (): void => {
    const all = buttons();
    if (current.current >= all.length) {
      current.current = Math.max(0, all.length - 1);
    }
    all.forEach((b, i) => {
      b.tabIndex = i === current.current ? 0 : -1;
    });
  };
  // Buttons come and go (table controls): keep exactly one Tab stop after every render.
  useEffect(settle);
  const onFocus = (e: FocusEvent<HTMLDivElement>): void => {
    const index = e.target instanceof HTMLButtonElement ? buttons().indexOf(e.target) : -1;
    if (index >= 0) {
      current.current = index;
      settle();
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const all = buttons();
    const focused = document.activeElement;
    const index = focused instanceof HTMLButtonElement ? all.indexOf(focused) : -1;
    if (index < 0 || e.altKey || e.ctrlKey || e.metaKey) {
      return;
    }
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: all.length - 1 }[e.key];
    if (next === undefined) {
      return;
    }
    e.preventDefault();
    const target = all[(next + all.length) % all.length];
    target?.focus();
  };
  return { onKeyDown, onFocus };
}

/** Formatting toolbar of an editor. Every action also has its standard keyboard shortcut. */
export function Toolbar({ editor, onLink, onSnapshot }: { editor: Editor; onLink: () => void; onSnapshot?: () => void }): ReactNode {
  const { t } = useMessages(editorMessages);
  const toolbarRef = useRef<HTMLDivElement>(null);
  const { onKeyDown, onFocus } = useRovingFocus(toolbarRef);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      link: e.isActive('link'),
      table: e.isActive('table'),
      headerRow: e.isActive('tableHeader'),
    }),
  });
  const chain = () => editor.chain().focus();
  return (
    <div className="toolbar" role="toolbar" aria-label={t('editor.toolbar')} ref={toolbarRef} onKeyDown={onKeyDown} onFocus={onFocus}>
      <Tool label={t('editor.h2')} short="H2" active={state.h2} onClick={() => chain().toggleHeading({ level: 2 }).run()}>
        H2
      </Tool>
      <Tool label={t('editor.h3')} short="H3" active={state.h3} onClick={() => chain().toggleHeading({ level: 3 }).run()}>
        H3
      </Tool>
      <span className="toolbar-sep" aria-hidden="true" />
      <Tool label={t('editor.bold')} short={t('editor.boldShort')} active={state.bold} keys="Control+B" onClick={() => chain().toggleBold().run()}>
        <strong>{t('editor.boldShort')}</strong>
      </Tool>
      <Tool label={t('editor.italic')} short={t('editor.italicShort')} active={state.italic} keys="Control+I" onClick={() => chain().toggleItalic().run()}>
        <em>{t('editor.italicShort')}</em>
      </Tool>
      <Tool label={t('editor.link')} active={state.link} onClick={onLink}>
        <Icon name="link" />
      </Tool>
      <span className="toolbar-sep" aria-hidden="true" />
      <Tool label={t('editor.bulletList')} active={state.bullet} onClick={() => chain().toggleBulletList().run()}>
        <Icon name="bulletList" />
      </Tool>
      <Tool label={t('editor.orderedList')} active={state.ordered} onClick={() => chain().toggleOrderedList().run()}>
        <Icon name="orderedList" />
      </Tool>
      <Tool label={t('editor.table')} onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()}>
        <Icon name="table" />
      </Tool>
      {onSnapshot && (
        <>
          <span className="toolbar-sep" aria-hidden="true" />
          <Tool label={t('editor.snapshot')} text onClick={onSnapshot}>
            <Icon name="chart" /> {t('editor.snapshot')}
          </Tool>
        </>
      )}
      {state.table && (
        <span className="toolbar-group" role="group" aria-label={t('editor.table.controls')}>
          <span className="toolbar-sep" aria-hidden="true" />
          <Tool text label={t('editor.table.rowBefore')} keys={TABLE_SHORTCUTS.rowBefore} onClick={() => chain().addRowBefore().run()}>
            {t('editor.table.rowBefore')}
          </Tool>
          <Tool text label={t('editor.table.rowAfter')} keys={TABLE_SHORTCUTS.rowAfter} onClick={() => chain().addRowAfter().run()}>
            {t('editor.table.rowAfter')}
          </Tool>
          <Tool text label={t('editor.table.colBefore')} keys={TABLE_SHORTCUTS.colBefore} onClick={() => chain().addColumnBefore().run()}>
            {t('editor.table.colBefore')}
          </Tool>
          <Tool text label={t('editor.table.colAfter')} keys={TABLE_SHORTCUTS.colAfter} onClick={() => chain().addColumnAfter().run()}>
            {t('editor.table.colAfter')}
          </Tool>
          <Tool text label={t('editor.table.deleteRow')} keys={TABLE_SHORTCUTS.deleteRow} onClick={() => chain().deleteRow().run()}>
            {t('editor.table.deleteRow')}
          </Tool>
          <Tool text label={t('editor.table.deleteCol')} keys={TABLE_SHORTCUTS.deleteCol} onClick={() => chain().deleteColumn().run()}>
            {t('editor.table.deleteCol')}
          </Tool>
          <Tool text label={t('editor.table.header')} active={state.headerRow} onClick={() => chain().toggleHeaderRow().run()}>
            {t('editor.table.header')}
          </Tool>
          <Tool text label={t('editor.table.delete')} onClick={() => chain().deleteTable().run()}>
            {t('editor.table.delete')}
          </Tool>
        </span>
      )}
    </div>
  );
}
