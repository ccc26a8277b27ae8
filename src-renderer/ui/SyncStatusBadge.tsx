import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import type { DocConnection } from '../sync/doc-connection';
import { useSyncStatus } from '../sync/hooks';
import { saveState } from './save-status';

/** Connection and save state of one document: connected/offline and saved/unsynchronised. */
export function SyncStatusBadge({ connection }: { connection: DocConnection }): ReactNode {
  const { t } = useI18n();
  const status = useSyncStatus(connection);
  const conn =
    status.connection === 'refused'
      ? t('status.refused', { reason: status.refusedReason ?? '' })
      : t(status.connection === 'connected' ? 'status.connected' : status.connection === 'offline' ? 'status.offline' : 'status.connecting');
  const state = saveState(status);
  const save = state.kind === 'saved' ? t('status.saved') : state.kind === 'unsynced' ? t('status.unsynced', { count: state.count }) : null;
  return (
    <div className={`sync-status sync-${status.connection}`} role="status" aria-live="polite" data-testid="sync-status" data-connection={status.connection} data-unsynced={status.unsynced}>
      <span className="sync-dot" aria-hidden="true" />
      {/* One wrapping text run, so a narrow sidebar breaks it like a sentence. */}
      <span className="sync-text">
        {conn}
        {save && (
          <>
            <span aria-hidden="true"> · </span>
            <span className={status.unsynced > 0 ? 'sync-unsynced' : undefined}>{save}</span>
          </>
        )}
      </span>
    </div>
  );
}
