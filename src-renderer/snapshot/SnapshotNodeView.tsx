import type { ReactNode } from 'react';
import { NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { readSnapshotAttr } from '../../shared/schema/snapshot-node';
import { useI18n } from '../i18n/i18n';
import { Button } from '../ui/Button';
import { SeriesFigure } from './SeriesFigure';

/** The editor's view of a frozen snapshot: chart, table, source, Stand and licence. */
export function SnapshotNodeView({ node, deleteNode, editor, selected }: ReactNodeViewProps): ReactNode {
  const { t, date } = useI18n();
  const snapshot = readSnapshotAttr(node.attrs['snapshot']);
  if (!snapshot) {
    return (
      <NodeViewWrapper className="snapshot snapshot-invalid" data-testid="snapshot">
        <p>{t('snapshot.invalid')}</p>
      </NodeViewWrapper>
    );
  }
  return (
    <NodeViewWrapper
      as="figure"
      className={selected ? 'snapshot is-selected' : 'snapshot'}
      data-testid="snapshot"
      data-snapshot-id={snapshot.id}
      contentEditable={false}
    >
      <div className="snapshot-header">
        <strong className="snapshot-title">
          {snapshot.indicator.label} <span className="snapshot-unit">({snapshot.indicator.unit})</span>
        </strong>
        {editor.isEditable && (
          <Button size="sm" variant="ghost" onClick={() => deleteNode()} aria-label={`${t('snapshot.remove')}: ${snapshot.indicator.label}`}>
            {t('snapshot.remove')}
          </Button>
        )}
      </div>
      <SeriesFigure series={snapshot} />
      <figcaption className="snapshot-caption">
        <span>
          {t('snapshot.source', { title: snapshot.source.tableTitle, table: snapshot.source.tableCode, stand: date(snapshot.source.stand) })}
        </span>{' '}
        <span>{snapshot.source.attribution}</span>{' '}
        <span className="muted">{t('snapshot.takenBy', { date: date(snapshot.takenAt, true), name: snapshot.takenBy })}</span>
      </figcaption>
    </NodeViewWrapper>
  );
}
