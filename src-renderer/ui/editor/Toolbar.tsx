import type { ReactNode } from 'react';
import { useEditorState, type Editor } from '@tiptap/react';
import { useI18n } from '../../i18n/i18n';
import { Icon } from '../Icon';

/**
 * A toolbar toggle: aria-pressed tells screen readers whether the format is active. A visible
 * text (e.g. "H2") is part of the accessible name, so speech control users can say what they see.
 */
function Tool({ label, short, active, onClick, children }: { label: string; short?: string; active?: boolean; onClick: () => void; children: ReactNode }): ReactNode {
  return (
    <button
      type="button"
      className={active ? 'tool is-active' : 'tool'}
      aria-label={short ? `${short} ${label}` : label}
      title={label}
      aria-pressed={active}
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/** Formatting toolbar of an editor. Every action also has its standard keyboard shortcut. */
export function Toolbar({ editor, onLink, onSnapshot }: { editor: Editor; onLink: () => void; onSnapshot?: () => void }): ReactNode {
  const { t } = useI18n();
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
    }),
  });
  const chain = () => editor.chain().focus();
  return (
    <div className="toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
      <Tool label={t('editor.h2')} short="H2" active={state.h2} onClick={() => chain().toggleHeading({ level: 2 }).run()}>
        H2
      </Tool>
      <Tool label={t('editor.h3')} short="H3" active={state.h3} onClick={() => chain().toggleHeading({ level: 3 }).run()}>
        H3
      </Tool>
      <span className="toolbar-sep" aria-hidden="true" />
      <Tool label={t('editor.bold')} short={t('editor.boldShort')} active={state.bold} onClick={() => chain().toggleBold().run()}>
        <strong>{t('editor.boldShort')}</strong>
      </Tool>
      <Tool label={t('editor.italic')} short={t('editor.italicShort')} active={state.italic} onClick={() => chain().toggleItalic().run()}>
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
          <button type="button" className="tool tool-text" onClick={onSnapshot}>
            <Icon name="chart" /> {t('editor.snapshot')}
          </button>
        </>
      )}
    </div>
  );
}
