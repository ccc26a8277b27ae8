import { useState, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import type * as Y from 'yjs';
import { allowedTransitions } from '../../../shared/access';
import { readLifecycle } from '../../../shared/docs/lifecycle/document';
import { MAX_REASON_LENGTH, needsReason, type LifecycleStatus, type Transition } from '../../../shared/docs/lifecycle/status';
import { api } from '../../api/client';
import { useMessages } from '../../i18n/i18n';
import { useDocValue } from '../../sync/hooks';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice, InfoNotice } from '../../ui/States';
import { messages } from './messages';
import { errorText, useLifecycle } from './useLifecycle';
import styles from './lifecycle.module.css';

type Tone = 'neutral' | 'success' | 'warning' | 'info' | 'danger';

/** The colour of a status badge (the text always names the status). */
export function statusTone(status: LifecycleStatus): Tone {
  switch (status) {
    case 'entwurf':
      return 'neutral';
    case 'in-abstimmung':
    case 'steuerungsgruppe':
    case 'in-umsetzung':
      return 'info';
    case 'zurueckgestellt':
      return 'warning';
    case 'kreistag-abgelehnt':
    case 'nicht-umgesetzt':
    case 'zurueckgezogen':
      return 'danger';
    default:
      return 'success';
  }
}

/** A proposal's lifecycle status as a badge. */
export function StatusBadge({ status }: { status: LifecycleStatus }): ReactNode {
  const { t } = useMessages(messages);
  return (
    <span className={styles.statusBadge} data-testid="lifecycle-status" data-status={status}>
      <Badge tone={statusTone(status)}>{t(`lifecycle.status.${status}`)}</Badge>
    </span>
  );
}

/**
 * The status of a proposal with its history, and the changes this person may make (asked from the
 * shared access rules; the sync server decides). Changes that need a reason ask for it first.
 */
export function StatusPanel({ doc, groupId, proposalId }: { doc: Y.Doc; groupId: string; proposalId: string }): ReactNode {
  const { t, date } = useMessages(messages);
  const { who, principal } = useLifecycle();
  const lifecycle = useDocValue(doc, readLifecycle);
  const [asking, setAsking] = useState<Transition | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: ({ to, why }: { to: LifecycleStatus; why: string | null }) =>
      api.lifecycle.transition({ who, groupId, proposalId, from: lifecycle.status, to, reason: why }),
    onSuccess: (result) => {
      setAsking(null);
      setDone(t('lifecycle.changed', { status: t(`lifecycle.status.${result.status}`) }));
    },
  });
  const transitions = allowedTransitions(principal, groupId, lifecycle.status);
  const start = (transition: Transition): void => {
    setDone(null);
    change.reset();
    if (needsReason(transition.kind)) {
      setReason('');
      setReasonError(false);
      setAsking(transition);
    } else {
      change.mutate({ to: transition.to, why: null });
    }
  };
  const confirm = (): void => {
    if (asking === null) {
      return;
    }
    if (reason.trim() === '') {
      setReasonError(true);
      return;
    }
    change.mutate({ to: asking.to, why: reason.trim() });
  };

  return (
    <section className={`card ${styles.panel}`} aria-labelledby="lifecycle-status-heading">
      <h2 id="lifecycle-status-heading" className="presence-title">
        {t('lifecycle.statusHeading')}
      </h2>
      <p className={styles.statusLine}>
        <StatusBadge status={lifecycle.status} />
        {lifecycle.changedSinceDecision && (
          <span data-testid="changed-since-decision">
            <Badge tone="warning">{t('lifecycle.changedSinceDecision', { date: date(lifecycle.changedSinceDecision.at) })}</Badge>
          </span>
        )}
      </p>
      {transitions.length > 0 ? (
        <div className="stack" role="group" aria-label={t('lifecycle.confirmChange')}>
          {transitions.map((transition) => (
            <Button
              key={transition.to}
              size="sm"
              variant={transition.kind === 'forward' || transition.kind === 'resume' ? 'primary' : 'secondary'}
              disabled={change.isPending}
              onClick={() => start(transition)}
              data-testid={`transition-${transition.to}`}
            >
              {t('lifecycle.moveTo', { status: t(`lifecycle.status.${transition.to}`) })}
            </Button>
          ))}
        </div>
      ) : (
        <p className="small muted">{t('lifecycle.noChanges')}</p>
      )}
      {done && <InfoNotice>{done}</InfoNotice>}
      {change.isError && asking === null && <ErrorNotice>{t('lifecycle.error', { message: errorText(change.error) })}</ErrorNotice>}
      <details className={styles.history}>
        <summary>{t('lifecycle.history')}</summary>
        {lifecycle.history.length === 0 ? (
          <p className="small muted">{t('lifecycle.historyEmpty')}</p>
        ) : (
          <ol className={styles.historyList} data-testid="status-history">
            {[...lifecycle.history].reverse().map((entry) => (
              <li key={`${entry.at}-${entry.to}`}>
                <span className={styles.historyStep}>
                  {t('lifecycle.historyEntry', { from: t(`lifecycle.status.${entry.from}`), to: t(`lifecycle.status.${entry.to}`) })}
                </span>
                <span className="small muted">{t('lifecycle.historyBy', { name: entry.byName, date: date(entry.at, true) })}</span>
                {entry.reason && <q className={styles.reason}>{entry.reason}</q>}
              </li>
            ))}
          </ol>
        )}
      </details>
      <Dialog
        open={asking !== null}
        title={asking ? t('lifecycle.reasonTitle', { status: t(`lifecycle.status.${asking.to}`) }) : ''}
        onClose={() => setAsking(null)}
        footer={
          <>
            <Button onClick={() => setAsking(null)}>{t('common.cancel')}</Button>
            <Button variant="primary" disabled={change.isPending} onClick={confirm} data-testid="confirm-transition">
              {t('lifecycle.confirmChange')}
            </Button>
          </>
        }
      >
        <label className="field">
          <span className="field-label">{t('lifecycle.reason')}</span>
          <textarea className="input"
            rows={4}
            value={reason}
            maxLength={MAX_REASON_LENGTH}
            aria-invalid={reasonError}
            aria-describedby="lifecycle-reason-hint"
            onChange={(event) => {
              setReason(event.target.value);
              setReasonError(false);
            }}
            data-testid="transition-reason"
          />
          <span id="lifecycle-reason-hint" className="field-hint">
            {t('lifecycle.reasonHint')}
          </span>
          {reasonError && <span className="field-error">{t('lifecycle.reasonMissing')}</span>}
        </label>
        {change.isError && <ErrorNotice>{t('lifecycle.error', { message: errorText(change.error) })}</ErrorNotice>}
      </Dialog>
    </section>
  );
}
