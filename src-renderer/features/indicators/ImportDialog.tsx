import { useId, useRef, useState, type ReactNode } from 'react';
import type { ImportSummary } from '../../../shared/indicators/import';
import { looksLikeFlatFile } from '../../../shared/indicators/flat-file';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice, InfoNotice } from '../../ui/States';
import { useApp } from '../../state/app-context';
import { publishImportedFile } from './datasets';
import { isoFromGermanDate } from './german-date';
import { FileTooLargeError, ImportCancelledError, uploadStatisticsBytes } from './upload';
import styles from './indicators.module.css';

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; percent: number }
  | { kind: 'importing' }
  | { kind: 'cancelling' }
  | { kind: 'done'; summary: ImportSummary }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

/** The chosen file, and whether it is a flat file (which carries no Stand of its own). */
interface Chosen {
  file: File;
  flat: boolean;
}

/**
 * File picker → upload with progress → atomic import, which can be cancelled until it is done;
 * says exactly what was imported or why not. File and date fields speak the UI's language (the
 * browser's own file and date inputs would speak the browser's).
 */
export function ImportDialog({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: (s: ImportSummary) => void }): ReactNode {
  const { t, number, date } = useMessages(messages);
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [stand, setStand] = useState('');
  const { registry, user, permissions } = useApp();
  // Publishing sends the file to every installation: a deliberate choice, never the default.
  const [publish, setPublish] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = { file: useId(), fileName: useId(), stand: useId(), standHint: useId(), standError: useId() };
  const busy = phase.kind === 'uploading' || phase.kind === 'importing' || phase.kind === 'cancelling';
  const standIso = chosen?.flat && stand.trim() !== '' ? isoFromGermanDate(stand) : undefined;
  const standInvalid = standIso === null;

  const choose = async (file: File | null): Promise<void> => {
    setPhase({ kind: 'idle' });
    if (!file) {
      setChosen(null);
      return;
    }
    const head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
    setChosen({ file, flat: looksLikeFlatFile(head) });
  };

  const start = async (): Promise<void> => {
    if (!chosen) {
      setPhase({ kind: 'error', message: t('import.chooseFile') });
      return;
    }
    if (standInvalid) {
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ kind: 'uploading', percent: 0 });
    try {
      const bytes = new Uint8Array(await chosen.file.arrayBuffer());
      const summary = await uploadStatisticsBytes(
        bytes,
        chosen.file.name,
        standIso ?? undefined,
        (sent, total) => {
          if (!controller.signal.aborted) {
            const percent = Math.round((100 * sent) / total);
            setPhase(percent >= 100 ? { kind: 'importing' } : { kind: 'uploading', percent });
          }
        },
        controller.signal,
      );
      if (publish) {
        publishImportedFile(registry, summary, bytes, standIso ?? undefined, user.name);
      }
      setPhase({ kind: 'done', summary });
      onImported(summary);
    } catch (e: unknown) {
      if (e instanceof ImportCancelledError) {
        setPhase({ kind: 'cancelled' });
        return;
      }
      const message = e instanceof FileTooLargeError ? t('import.tooLarge', { max: e.message }) : t('import.failed', { message: e instanceof Error ? e.message : String(e) });
      setPhase({ kind: 'error', message });
    } finally {
      abort.current = null;
    }
  };

  const cancel = (): void => {
    if (abort.current && !abort.current.signal.aborted) {
      setPhase({ kind: 'cancelling' });
      abort.current.abort();
    }
  };

  const close = (): void => {
    if (!busy) {
      setPhase({ kind: 'idle' });
      setChosen(null);
      setStand('');
      setPublish(false);
      onClose();
    }
  };

  const done = phase.kind === 'done' ? phase.summary : null;
  const params = done ? { table: `${done.tableCode} – ${done.tableTitle}`, stand: date(done.stand), values: number(done.values), regions: number(done.regions) } : null;
  const sizeMb = chosen ? number(Math.max(0.1, Math.round(chosen.file.size / 104857.6) / 10)) : '';

  return (
    <Dialog
      open={open}
      onClose={close}
      title={t('import.title')}
      footer={
        busy ? (
          <Button onClick={cancel} disabled={phase.kind === 'cancelling'}>
            {t('import.cancel')}
          </Button>
        ) : (
          <>
            <Button onClick={close}>{t('import.close')}</Button>
            <Button variant="primary" onClick={() => void start()} disabled={!chosen || standInvalid}>
              {t('import.start')}
            </Button>
          </>
        )
      }
    >
      <p>{t('import.intro')}</p>
      <div className="field">
        <span className="field-label" aria-hidden="true">
          {t('import.file')}
        </span>
        <input
          ref={fileInput}
          id={ids.file}
          type="file"
          className="visually-hidden"
          tabIndex={-1}
          aria-label={t('import.file')}
          accept=".csv,.ffcsv,text/csv"
          disabled={busy}
          onChange={(e) => void choose(e.target.files?.[0] ?? null)}
        />
        <div className={styles.filePicker}>
          <Button onClick={() => fileInput.current?.click()} disabled={busy} aria-describedby={ids.fileName}>
            {t(chosen ? 'import.chooseOther' : 'import.choose')}
          </Button>
          <span id={ids.fileName} className={styles.fileName} data-testid="import-file-name">
            {chosen ? t('import.chosen', { name: chosen.file.name, size: sizeMb }) : t('import.noFile')}
          </span>
        </div>
      </div>
      {chosen?.flat && (
        <label className="field" htmlFor={ids.stand}>
          <span className="field-label">{t('import.stand')}</span>
          <input
            id={ids.stand}
            className="input"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder={t('import.standPlaceholder')}
            value={stand}
            disabled={busy}
            onChange={(e) => setStand(e.target.value)}
            aria-invalid={standInvalid}
            aria-describedby={standInvalid ? `${ids.standHint} ${ids.standError}` : ids.standHint}
          />
          <span id={ids.standHint} className="field-hint">
            {t('import.standHint')}
          </span>
          {standInvalid && (
            <span id={ids.standError} className="field-error">
              {t('import.standInvalid')}
            </span>
          )}
        </label>
      )}
      {permissions.canPublishStatistics && (
        <label className="checkbox-field">
          <input type="checkbox" checked={publish} disabled={busy} onChange={(e) => setPublish(e.target.checked)} />
          <span>{t('import.publish')}</span>
        </label>
      )}
      {busy && (
        <div className={styles.importProgress} role="status" aria-live="polite">
          <progress max={100} value={phase.kind === 'uploading' ? phase.percent : undefined} aria-label={t('import.progress')} />
          <span>{phase.kind === 'uploading' ? t('import.uploading', { percent: String(phase.percent) }) : phase.kind === 'cancelling' ? t('import.cancelling') : t('import.importing')}</span>
        </div>
      )}
      {phase.kind === 'error' && <ErrorNotice>{phase.message}</ErrorNotice>}
      {phase.kind === 'cancelled' && (
        <InfoNotice>
          <p data-testid="import-result">{t('import.cancelled')}</p>
        </InfoNotice>
      )}
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
