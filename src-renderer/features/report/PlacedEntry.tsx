import { useMemo, useState, type ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import type * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import {
  STEERING_RATING_LABEL,
  SteeringRating,
  compareWithPushed,
  hasContent,
  keepOldVersion,
  placeRecommendation,
  restoreRecommendation,
  setRecommendationRating,
  takeNewVersion,
  withdrawRecommendation,
  type OutlineGroup,
  type PlacedRecommendation,
  type PlacementEvent,
} from '../../../shared/docs/report';
import { readProposalMeta } from '../../../shared/docs/proposal';
import { Fragment } from '../../../shared/schema/fragments';
import { proposalDocName } from '../../../shared/sync/doc-names';
import { useMessages } from '../../i18n/i18n';
import { useDoc, useDocValue, useSyncStatus } from '../../sync/hooks';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import type { Actor } from './editing';
import { StaticDocument } from './StaticDocument';
import { messages } from './messages';
import styles from './report.module.css';

/** What an entry needs from the report page. */
export interface EntryContext {
  doc: Y.Doc;
  groups: readonly OutlineGroup[];
  canEdit: boolean;
  actor: () => Actor;
  chapters: { id: string; label: string }[];
}

function History({ events }: { events: PlacementEvent[] }): ReactNode {
  const { t, date } = useMessages(messages);
  if (events.length === 0) {
    return null;
  }
  return (
    <details className={styles.history}>
      <summary>{t('report.edit.history')}</summary>
      <ol>
        {events.map((e, i) => (
          <li key={i}>
            {date(e.at, true)} · {e.by}: {t(`report.edit.event.${e.action}`)}
            {e.reason ? ` – „${e.reason}“` : ''}
          </li>
        ))}
      </ol>
    </details>
  );
}

/**
 * "geändert seit Übernahme": reads the proposal's current recommendation (once its copy is loaded,
 * so an unloaded document never looks like a deleted text) and offers take-new / keep-old.
 */
function ChangeSincePush({ item, ctx }: { item: PlacedRecommendation; ctx: EntryContext }): ReactNode {
  const { t } = useMessages(messages);
  const proposal = useDoc(proposalDocName(item.entry.groupId, item.entry.proposalId));
  const status = useSyncStatus(proposal);
  const current = useDocValue(proposal.doc, (d) => {
    try {
      return { content: yXmlFragmentToProsemirrorJSON(d.getXmlFragment(Fragment.proposalRecommendation)) as Record<string, unknown>, title: readProposalMeta(d).title };
    } catch {
      return null;
    }
  });
  // From the entry and placement the page passes down (they change with take-new/keep-old), so
  // a keystroke elsewhere in the report does not re-read the report once per recommendation.
  const loaded = status.localLoaded || status.serverSynced;
  const state = useMemo(
    () => (current && loaded && hasContent(current.content) ? compareWithPushed(item.entry, item.placement.keptOld ?? null, current.content) : { kind: 'unchanged' as const }),
    [current, loaded, item.entry, item.placement.keptOld],
  );
  if (state.kind !== 'changed' || !current) {
    return null;
  }
  return (
    <div className={styles.changed} data-testid="changed-since-push">
      <Badge tone="warning">{t('report.edit.changed')}</Badge>
      <p className={styles.diff} aria-label={t('report.edit.diffLabel')}>
        {state.diff.map((part, i) =>
          part.op === 'same' ? <span key={i}>{part.text}</span> : part.op === 'added' ? <ins key={i}>{part.text}</ins> : <del key={i}>{part.text}</del>,
        )}
      </p>
      {ctx.canEdit && (
        <div className={styles.actions}>
          <Button size="sm" variant="primary" onClick={() => takeNewVersion(ctx.doc, ctx.groups, { proposalId: item.entry.proposalId, title: current.title || item.entry.title, content: current.content, ...ctx.actor() })}>
            {t('report.edit.takeNew')}
          </Button>
          <Button size="sm" onClick={() => keepOldVersion(ctx.doc, ctx.groups, { proposalId: item.entry.proposalId, content: current.content, ...ctx.actor() })}>
            {t('report.edit.keepOld')}
          </Button>
        </div>
      )}
    </div>
  );
}

function WithdrawForm({ title, onWithdraw, onClose }: { title: string; onWithdraw: (reason: string) => void; onClose: () => void }): ReactNode {
  const { t } = useMessages(messages);
  const [reason, setReason] = useState('');
  const id = `withdraw-${title.replace(/\W+/g, '-')}`;
  return (
    <form
      className={styles.withdrawForm}
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim() !== '') {
          onWithdraw(reason.trim());
          onClose();
        }
      }}
    >
      <label htmlFor={id}>{t('report.edit.withdrawReason', { title })}</label>
      <textarea id={id} rows={2} value={reason} required onChange={(e) => setReason(e.target.value)} />
      <div className={styles.actions}>
        <Button size="sm" variant="danger" type="submit" disabled={reason.trim() === ''}>
          {t('report.edit.withdrawConfirm')}
        </Button>
        <Button size="sm" variant="ghost" onClick={onClose}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** A pushed recommendation in the editing view, with the Stabsstelle's controls. */
export function PlacedEntry({ item, chapterId, ctx, onStep, first, last }: { item: PlacedRecommendation; chapterId: string; ctx: EntryContext; onStep: (step: -1 | 1) => void; first: boolean; last: boolean }): ReactNode {
  const { t, date } = useMessages(messages);
  const [withdrawing, setWithdrawing] = useState(false);
  const { entry, placement } = item;
  return (
    <article className={`card ${styles.entry}`} data-testid="report-entry" data-proposal-id={entry.proposalId}>
      <header className={styles.entryHeader}>
        <h4 className={styles.entryTitle}>{entry.title}</h4>
        <Badge tone="info">{t('report.revision', { n: entry.revision })}</Badge>
      </header>
      {ctx.canEdit && <ChangeSincePush item={item} ctx={ctx} />}
      <StaticDocument content={entry.content} label={entry.title} idPrefix={`entry-${entry.proposalId}-`} />
      {ctx.canEdit && (
        <div className={styles.entryTools}>
          <div className={styles.actions} role="group" aria-label={entry.title}>
            <Button size="sm" variant="ghost" disabled={first} aria-label={t('report.edit.up', { title: entry.title })} onClick={() => onStep(-1)}>
              ↑
            </Button>
            <Button size="sm" variant="ghost" disabled={last} aria-label={t('report.edit.down', { title: entry.title })} onClick={() => onStep(1)}>
              ↓
            </Button>
            <label className={styles.inlineField}>
              <span aria-hidden="true">{t('report.edit.chapterShort')}</span>
              <select
                aria-label={t('report.edit.moveTo', { title: entry.title })}
                value={chapterId}
                onChange={(e) => placeRecommendation(ctx.doc, ctx.groups, { proposalId: entry.proposalId, chapterId: e.target.value, index: Number.MAX_SAFE_INTEGER, ...ctx.actor() })}
              >
                {ctx.chapters.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
            <label className={styles.inlineField}>
              <span aria-hidden="true">{t('report.edit.ratingShort')}</span>
              <select
                aria-label={t('report.edit.ratingLabel', { title: entry.title })}
                value={placement.rating ?? ''}
                onChange={(e) => {
                  const parsed = SteeringRating.safeParse(e.target.value);
                  setRecommendationRating(ctx.doc, ctx.groups, entry.proposalId, parsed.success ? parsed.data : null);
                }}
              >
                <option value="">{t('report.edit.noRating')}</option>
                {SteeringRating.options.map((r) => (
                  <option key={r} value={r}>
                    {STEERING_RATING_LABEL[r]}
                  </option>
                ))}
              </select>
            </label>
            {!withdrawing && (
              <Button size="sm" variant="ghost" className={styles.withdrawButton} onClick={() => setWithdrawing(true)}>
                {t('report.edit.withdraw')}
              </Button>
            )}
          </div>
          {withdrawing && (
            <WithdrawForm title={entry.title} onClose={() => setWithdrawing(false)} onWithdraw={(reason) => withdrawRecommendation(ctx.doc, ctx.groups, { proposalId: entry.proposalId, reason, ...ctx.actor() })} />
          )}
        </div>
      )}
      <footer className={`${styles.entryFooter} small muted`}>
        <span>{t('report.pushedAt', { date: date(entry.pushedAt, true), name: entry.pushedBy })}</span>
        <Link to="/group/$groupId/proposal/$proposalId" params={{ groupId: entry.groupId, proposalId: entry.proposalId }}>
          {t('report.openProposal')}
        </Link>
      </footer>
      <History events={placement.history} />
    </article>
  );
}

/** The chapter's withdrawn recommendations: why, by whom, with their history and a way back. */
export function WithdrawnEntries({ items, ctx }: { items: PlacedRecommendation[]; ctx: EntryContext }): ReactNode {
  const { t, date } = useMessages(messages);
  if (items.length === 0) {
    return null;
  }
  return (
    <details className={styles.withdrawn} data-testid="withdrawn">
      <summary>
        {t('report.edit.withdrawn')} ({items.length})
      </summary>
      <ul>
        {items.map(({ entry, placement }) => (
          <li key={entry.proposalId} data-testid="withdrawn-entry">
            <strong>{entry.title}</strong>
            {placement.withdrawn && <p className="small">{t('report.edit.withdrawnBy', { date: date(placement.withdrawn.at, true), name: placement.withdrawn.by, reason: placement.withdrawn.reason })}</p>}
            {ctx.canEdit && (
              <Button size="sm" onClick={() => restoreRecommendation(ctx.doc, ctx.groups, { proposalId: entry.proposalId, ...ctx.actor() })}>
                {t('report.edit.restore')}
              </Button>
            )}
            <History events={placement.history} />
          </li>
        ))}
      </ul>
    </details>
  );
}
