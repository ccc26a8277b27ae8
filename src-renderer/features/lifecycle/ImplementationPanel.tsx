import { useState, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import type * as Y from 'yjs';
import { mayTrackImplementation } from '../../../shared/access';
import { readLifecycle } from '../../../shared/docs/lifecycle/document';
import type { LifecycleStatus } from '../../../shared/docs/lifecycle/status';
import { api } from '../../api/client';
import { useMessages } from '../../i18n/i18n';
import { useDocValue } from '../../sync/hooks';
import { Button } from '../../ui/Button';
import { ErrorNotice, InfoNotice } from '../../ui/States';
import { messages } from './messages';
import { errorText, useLifecycle } from './useLifecycle';
import styles from './lifecycle.module.css';

/** Statuses after the Kreistag, in which implementation is tracked (the server refuses it before). */
export const TRACKED: ReadonlySet<LifecycleStatus> = new Set<LifecycleStatus>(['kreistag-beschlossen', 'kreistag-kenntnis', 'in-umsetzung', 'umgesetzt', 'nicht-umgesetzt']);

/** Implementation tracking after the Kreistag: responsible body, state, progress, dated notes. */
export function ImplementationPanel({ doc, groupId, proposalId }: { doc: Y.Doc; groupId: string; proposalId: string }): ReactNode {
  const { t, date, number } = useMessages(messages);
  const { who, principal } = useLifecycle();
  const lifecycle = useDocValue(doc, readLifecycle);
  const current = lifecycle.implementation;
  const [responsible, setResponsible] = useState(current?.responsible ?? '');
  const [state, setState] = useState(current?.state ?? '');
  const [percent, setPercent] = useState(current?.percent ?? 0);
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => api.lifecycle.implementation({ who, groupId, proposalId, responsible, state, percent, ...(note.trim() === '' ? {} : { note: note.trim() }) }),
    onSuccess: () => {
      setNote('');
      setSaved(true);
    },
  });
  const tracked = TRACKED.has(lifecycle.status);
  const mayEdit = tracked && mayTrackImplementation(principal, groupId);

  return (
    <div className={styles.tabBody} data-testid="implementation">
      {!tracked && <p className="small muted">{t('lifecycle.impl.notYet')}</p>}
      {current ? (
        <div>
          <p>
            <strong>{t('lifecycle.impl.responsible')}:</strong> {current.responsible}
          </p>
          {current.state && (
            <p>
              <strong>{t('lifecycle.impl.state')}:</strong> {current.state}
            </p>
          )}
          <label className={styles.progressLabel}>
            <span>{t('lifecycle.impl.progress', { percent: number(current.percent, 0) })}</span>
            <progress max={100} value={current.percent} />
          </label>
          {current.notes.length > 0 && (
            <>
              <h3 className={styles.subheading}>{t('lifecycle.impl.notes')}</h3>
              <ol className={styles.plainList}>
                {[...current.notes].reverse().map((entry) => (
                  <li key={`${entry.at}-${entry.text}`} className={styles.listItem}>
                    <span className="small muted">{t('lifecycle.impl.noteBy', { date: date(entry.at), name: entry.by })}</span>
                    <span className={styles.commentText}>{entry.text}</span>
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
      ) : (
        tracked && <p className="small muted">{t('lifecycle.impl.none')}</p>
      )}
      {mayEdit && (
        <form
          className={styles.commentForm}
          onSubmit={(event) => {
            event.preventDefault();
            setSaved(false);
            if (responsible.trim() !== '') {
              save.mutate();
            }
          }}
        >
          <label className="field">
            <span className="field-label">{t('lifecycle.impl.responsible')}</span>
            <input className="input" required value={responsible} maxLength={200} onChange={(event) => setResponsible(event.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('lifecycle.impl.state')}</span>
            <input className="input" value={state} maxLength={200} onChange={(event) => setState(event.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('lifecycle.impl.percent')}</span>
            <input className="input" type="number" min={0} max={100} step={5} value={percent} onChange={(event) => setPercent(Math.max(0, Math.min(100, Math.round(Number(event.target.value) || 0))))} />
          </label>
          <label className="field">
            <span className="field-label">{t('lifecycle.impl.note')}</span>
            <textarea className="input" rows={2} value={note} maxLength={5_000} onChange={(event) => setNote(event.target.value)} />
          </label>
          <div className="form-actions">
            <Button type="submit" size="sm" variant="primary" disabled={save.isPending || responsible.trim() === ''}>
              {t('lifecycle.impl.save')}
            </Button>
          </div>
        </form>
      )}
      {saved && <InfoNotice>{t('lifecycle.impl.saved')}</InfoNotice>}
      {save.isError && <ErrorNotice>{t('lifecycle.error', { message: errorText(save.error) })}</ErrorNotice>}
    </div>
  );
}
