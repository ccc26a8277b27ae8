import { useEffect, useState, type ReactNode } from 'react';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';
import { useApp } from '../../state/app-context';
import { startDatasetSync, type DatasetSyncState } from './datasets';
import styles from './indicators.module.css';

/** Runs the import of published statistics in the background and says when it is working or failed. */
export function DatasetSyncStatus(): ReactNode {
  const { t } = useMessages(messages);
  const { registry } = useApp();
  const [state, setState] = useState<DatasetSyncState>({ kind: 'idle' });
  useEffect(() => startDatasetSync(registry, setState), [registry]);
  return (
    <div className={styles.datasetSync} role="status" aria-live="polite" data-testid="dataset-sync" data-state={state.kind}>
      {state.kind === 'importing' && t('datasets.syncing', { file: state.file })}
      {state.kind === 'retrying' && t('datasets.retrying', { message: state.message })}
      {state.kind === 'failed' && <span className="field-error">{t('datasets.failed', { file: state.file, message: state.message })}</span>}
    </div>
  );
}
