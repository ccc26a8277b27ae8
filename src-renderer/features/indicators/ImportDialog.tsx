import { useId, useState, type ReactNode } from 'react';
import type { ImportSummary } from '../../../shared/indicators/import';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice, InfoNotice } from '../../ui/States';
import { useApp } from '../../state/app-context';
import { publishImportedFile } from './datasets';
import { FileTooLargeError, uploadStatisticsBytes } from './upload';
import styles from './indicators.module.css';

type Phase = { kind: 'idle' } | { kind: 'uploading'; percent: number } | { kind: 'importing' } | { kind: 'done'; summary: ImportSummary } | { kind: 'error'; message: string };

/** File picker → upload with progress → atomic import; says exactly what was imported or why not. */
export function ImportDialog({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: (s: ImportSummary) => void }): ReactNode {
  const { t, number, date } = useMessages(messages);
  const [file, setFile] = useState<File | null>(null);
  const [stand, setStand] = useState('');
  const { registry, user, permissions } = useApp();
  const [publish, setPublish] = useState(permissions.canPublishStatistics);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const standId = useId();
  const busy = phase.kind === 'uploading' || phase.kind === 'importing';

  const start = async (): Promise<void> => {
    if (!file) {
      setPhase({ kind: 'error', message: t('import.chooseFile') });
      return;
    }
    setPhase({ kind: 'uploading', percent: 0 });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const summary = await uploadStatisticsBytes(bytes, file.name, stand || undefined, (sent, total) => {
        const percent = Math.round((100 * sent) / total);
        setPhase(percent >= 100 ? { kind: 'importing' } : { kind: 'uploading', percent });
      });
      if (publish) {
        publishImportedFile(registry, summary, bytes, stand || undefined, user.name);
      }
      setPhase({ kind: 'done', summary });
      onImported(summary);
    } catch (e: unknown) {
      const message = e instanceof FileTooLargeError ? t('import.tooLarge', { max: e.message }) : t('import.failed', { message: e instanceof Error ? e.message : String(e) });
      setPhase({ kind: 'error', message });
    }
  };

  const close = (): void => {
    if (!busy) {
      setPhase({ kind: 'idle' });
      setFile(null);
      onClose();
    }
  };

  const done = phase.kind === 'done' ? phase.summary : null;
  const params = done ? { table: `${done.tableCode} – ${done.tableTitle}`, stand: date(done.stand), values: number(done.values), regions: number(done.regions) } : null;

  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('import.title')}
      footer={
        <>
          <Button onClick={close} disabled={busy}>
            {t('import.close')}
          </Button>
          <Button variant="primary" onClick={() => void start()} disabled={busy || !file}>
            {t('import.start')}
          </Button>
        </>
      }
    >
      <p>{t('import.intro')}</p>
      <label className="field">
        <span className="field-label">{t('import.file')}</span>
        <input
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setPhase({ kind: 'idle' });
          }}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('import.stand')}</span>
        <input className="input" type="date" value={stand} disabled={busy} onChange={(e) => setStand(e.target.value)} aria-describedby={standId} />
        <span id={standId} className="field-hint">
          {t('import.standHint')}
        </span>
      </label>
      {permissions.canPublishStatistics && (
        <label className="checkbox-field">
          <input type="checkbox" checked={publish} disabled={busy} onChange={(e) => setPublish(e.target.checked)} />
          <span>{t('import.publish')}</span>
        </label>
      )}
      {busy && (
        <div className={styles.importProgress} role="status" aria-live="polite">
          <progress max={100} value={phase.kind === 'uploading' ? phase.percent : undefined} aria-label={t('import.progress')} />
          <span>{phase.kind === 'uploading' ? t('import.uploading', { percent: String(phase.percent) }) : t('import.importing')}</span>
        </div>
      )}
      {phase.kind === 'error' && <ErrorNotice>{phase.message}</ErrorNotice>}
      {done && (
        <InfoNotice>
          <p data-testid="import-result">
            {params && t(`import.done.${done.status}`, params)} {done.status !== 'unchanged' && t(done.current ? 'import.current' : 'import.older')}{' '}
            {publish && t('import.published')}
          </p>
        </InfoNotice>
      )}
    </Dialog>
  );
}
