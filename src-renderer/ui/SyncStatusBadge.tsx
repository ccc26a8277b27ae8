import { useSyncExternalStore, type ReactNode } from 'react';
import { useI18n, type I18n } from '../i18n/i18n';
import type { DocConnection } from '../sync/doc-connection';
import type { OverallStatus } from '../sync/doc-registry';
import { useSyncStatus } from '../sync/hooks';
import { useApp } from '../state/app-context';
import { usePageStatus } from './page-status';
import { saveState, saveTone, sinceTime, type SaveState } from './save-status';

/** The status line's words in the UI language. */
export function saveStateText(state: SaveState, { t, locale }: Pick<I18n, 't' | 'locale'>): string {
  switch (state.kind) {
    case 'saved':
      return t('status.saved');
    case 'saving':
      return t('status.saving');
    case 'connecting':
      return t('status.connecting');
    case 'offline':
      return t('status.offline');
    case 'kept':
      return t(state.offline ? 'status.keptOffline' : 'status.kept', { time: sinceTime(state.since, locale) });
    case 'refused':
      return t(`status.refused.${state.reason}`);
  }
}

/** One line: a dot for the tone and the words; data attributes for tests and styling. */
function StatusPill({ status, testId }: { status: OverallStatus; testId: string }): ReactNode {
  const i18n = useI18n();
  const state = saveState(status);
  return (
    <div
      className={`sync-status sync-${status.connection} sync-tone-${saveTone(state)}`}
      role="status"
      aria-live="polite"
      data-testid={testId}
      data-connection={status.connection}
      data-unsynced={status.unsynced}
    >
      <span className="sync-dot" aria-hidden="true" />
      <span className="sync-text">{saveStateText(state, i18n)}</span>
    </div>
  );
}

/** The status of one document. */
export function DocStatusLine({ connection }: { connection: DocConnection }): ReactNode {
  return <StatusPill status={useSyncStatus(connection)} testId="sync-status" />;
}

/** The open documents summed up: saved, saving, kept on this device since …, offline. */
export function OverallStatusLine(): ReactNode {
  const { registry } = useApp();
  const status = useSyncExternalStore(registry.subscribe, registry.getOverallStatus);
  return <StatusPill status={status} testId="app-status" />;
}

/**
 * A page's document status. Inside the app frame it appears in the header (one place on every
 * view); elsewhere it renders where it stands.
 */
export function SyncStatusBadge({ connection }: { connection: DocConnection }): ReactNode {
  const inHeader = usePageStatus(connection);
  return inHeader ? null : <DocStatusLine connection={connection} />;
}
