import { useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { sourcesOf } from '../../../../shared/indicators/types';
import { readSnapshotAttr } from '../../../../shared/schema/snapshot-node';
import { useMessages } from '../../../i18n/i18n';
import { messages } from '../messages';
import { useApp } from '../../../state/app-context';
import { Button } from '../../../ui/Button';
import { SeriesFigure } from './SeriesFigure';
import { SnapshotUpdateDialog, useNewerStands } from './SnapshotUpdate';
import styles from '../indicators.module.css';

/**
 * The editor's view of a frozen snapshot: chart, table, source, Stand and licence. When the local
 * cache has a newer Stand it says so and offers to replace the snapshot (never by itself).
 */
export function SnapshotNodeView({ node, deleteNode, editor, selected, updateAttributes }: ReactNodeViewProps): ReactNode {
  const { t, date } = useMessages(messages);
  const { user } = useApp();
  const snapshot = readSnapshotAttr(node.attrs['snapshot']);
  const newer = useNewerStands(snapshot);
  const [updating, setUpdating] = useState(false);
  const [confirming, setConfirming] = useState(false);
  if (!snapshot) {
    return (
      <NodeViewWrapper className={styles.snapshot} data-testid="snapshot">
        <p>{t('snapshot.invalid')}</p>
      </NodeViewWrapper>
    );
  }
  const sources = sourcesOf(snapshot);
  const newest = newer.map((n) => n.newest).sort().at(-1);
  return (
    <NodeViewWrapper
      as="figure"
      className={selected ? `${styles.snapshot} ${styles.snapshotSelected}` : styles.snapshot}
      data-testid="snapshot"
      data-snapshot-id={snapshot.id}
      contentEditable={false}
    >
      <div className={styles.snapshotHeader}>
        <strong className="snapshot-title">
          {snapshot.indicator.label} <span className={styles.snapshotUnit}>({snapshot.indicator.unit})</span>
        </strong>
        {editor.isEditable && !confirming && (
          <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} aria-label={`${t('snapshot.remove')}: ${snapshot.indicator.label}`}>
            {t('snapshot.remove')}
          </Button>
        )}
        {editor.isEditable && confirming && (
          // Asks first; either way the keyboard focus goes back into the editor.
          <span role="group" aria-label={t('snapshot.removeConfirm')} className={styles.snapshotConfirm}>
            <span>{t('snapshot.removeConfirm')}</span>{' '}
            <Button
              size="sm"
              variant="secondary"
              autoFocus
              onClick={() => {
                deleteNode();
                editor.commands.focus();
              }}
            >
              {t('snapshot.removeYes')}
            </Button>{' '}
            <Button
              size="sm"
              variant="ghost"
              onClick={() => {
                setConfirming(false);
                editor.commands.focus();
              }}
            >
              {t('common.cancel')}
            </Button>
          </span>
        )}
      </div>
      {newest && (
        <div className={styles.snapshotNewer} role="status" data-testid="snapshot-newer">
          <span>{t('snapshot.newer', { stand: date(newest) })}</span>
          {editor.isEditable && (
            <Button size="sm" variant="secondary" onClick={() => setUpdating(true)} aria-label={`${t('snapshot.update')}: ${snapshot.indicator.label}`}>
              {t('snapshot.update')}
            </Button>
          )}
        </div>
      )}
      <SeriesFigure series={snapshot} />
      <figcaption className={styles.snapshotCaption}>
        {sources.map((s) => (
          <span key={s.tableCode}>{t('snapshot.source', { title: s.tableTitle, table: s.tableCode, stand: date(s.stand) })} </span>
        ))}
        <span>{snapshot.source.attribution}</span>{' '}
        {snapshot.indicator.formula && <span className="snapshot-formula">{t('snapshot.formula', { formula: snapshot.indicator.formula })} </span>}
        {snapshot.disclosure && snapshot.disclosure.suppressed > 0 && (
          <span>{t('snapshot.disclosure', { threshold: String(snapshot.disclosure.threshold) })} </span>
        )}
        <span className="muted">
          {snapshot.replaces
            ? t('snapshot.updated', {
                date: date(snapshot.takenAt, true),
                name: snapshot.takenBy,
                stand: snapshot.replaces.stands.map((s) => date(s)).join(', '),
                taken: date(snapshot.replaces.takenAt, true),
                by: snapshot.replaces.takenBy,
              })
            : t('snapshot.takenBy', { date: date(snapshot.takenAt, true), name: snapshot.takenBy })}
        </span>
      </figcaption>
      {updating &&
        // Rendered outside the editor, so ProseMirror does not take the dialog's clicks and keys.
        createPortal(
        <SnapshotUpdateDialog
          snapshot={snapshot}
          takenBy={user.name}
          onClose={() => setUpdating(false)}
          onUpdate={(next) => {
            updateAttributes({ snapshot: next });
            setUpdating(false);
          }}
        />,
        document.body,
      )}
    </NodeViewWrapper>
  );
}
