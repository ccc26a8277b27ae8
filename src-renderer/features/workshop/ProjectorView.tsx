import type { ReactNode } from 'react';
import { currentItem } from '../../../shared/docs/workshop/public-view';
import { useMessages } from '../../i18n/i18n';
import { ErrorNotice, Loading } from '../../ui/States';
import { ClusterBoard } from './Board';
import { moderatorKey } from './keys';
import { messages } from './messages';
import { Answers, VoteResults } from './ModeratorItem';
import { joinLink, QrCode } from './Qr';
import { useLiveWorkshop } from './public-doc';
import { PhaseTimer } from './Timer';
import styles from './workshop.module.css';

/**
 * '/workshop/<id>/projector': the room's screen. Large type, read-only, nothing to click: the phase,
 * the timer, how to join, the cards as they arrive, the clusters and — once revealed — the results.
 * Opened from the console on the same device (it uses the console's key, read-only).
 */
export function ProjectorView({ sessionId }: { sessionId: string }): ReactNode {
  const { t } = useMessages(messages);
  const key = moderatorKey(sessionId);
  const live = useLiveWorkshop(key?.docName ?? null, key?.token ?? null);
  if (key === null) {
    return <ErrorNotice>{t('workshop.noKey')}</ErrorNotice>;
  }
  if (live.refused) {
    return <ErrorNotice>{t('workshop.refused', { reason: live.refused })}</ErrorNotice>;
  }
  const view = live.view;
  if (view === null) {
    return <Loading label={t('status.loading')} />;
  }
  const item = currentItem(view);
  const state = item === null ? undefined : view.items.find((candidate) => candidate.itemId === item.id);
  const phase = view.session.phase.status;
  const link = joinLink(view.session.joinCode);
  const showJoin = phase === 'not-started' || item?.method === 'kartenabfrage' || item?.method === 'blitzlicht' || item?.method === 'punktabfrage';
  return (
    <div className={styles.projector} data-testid="workshop-projector">
      <header className={styles.projectorHead}>
        <div>
          <p className={styles.projectorSession}>{view.session.title}</p>
          <h1 className={styles.projectorTitle} data-testid="projector-item">
            {item?.title ?? (phase === 'closed' ? t('workshop.projector.thanks') : t('workshop.projector.waiting'))}
          </h1>
          {item && <p className={styles.projectorMethod}>{t(`workshop.method.${item.method}`)}</p>}
          {item && item.prompt !== '' && <p className={styles.projectorPrompt}>{item.prompt}</p>}
        </div>
        <PhaseTimer timer={view.timer} size="xl" />
      </header>
      <div className={styles.projectorBody}>
        <div className={styles.projectorMain}>
          {item?.method === 'kartenabfrage' && state && state.cards.hidden > 0 && (
            <p className={styles.projectorCount} aria-live="polite" data-testid="projector-card-count">
              {t('workshop.projector.cardsArriving', { count: state.cards.total })}
            </p>
          )}
          {item?.method === 'punktabfrage' && state?.vote?.status === 'open' && (
            <p className={styles.projectorCount} aria-live="polite">
              {t('workshop.vote.running', { dots: state.vote.dotsCast, voters: state.vote.voters })}
            </p>
          )}
          {item?.method === 'punktabfrage' && state?.vote?.status === 'closed' && <VoteResults results={state.vote.results} large />}
          {item?.method === 'blitzlicht' && state?.blitzlicht?.answers ? (
            <Answers answers={state.blitzlicht.answers} large />
          ) : item?.method === 'blitzlicht' ? (
            <p className={styles.projectorCount}>{t('workshop.blitz.answered', { count: state?.blitzlicht?.answered ?? 0 })}</p>
          ) : null}
          {(item === null || item.method === 'kartenabfrage' || item.method === 'clustering' || item.method === 'diskussion' || item.method === 'punktabfrage') &&
            phase !== 'not-started' && <ClusterBoard view={view} large />}
          {item?.method === 'massnahmenplan' && (
            <ul className={styles.projectorMeasures}>
              {view.measures.map((m) => (
                <li key={m.id}>
                  <strong>{m.what}</strong>
                  {m.whoId !== null && ` – ${view.participants.find((p) => p.id === m.whoId)?.name ?? ''}`}
                </li>
              ))}
            </ul>
          )}
        </div>
        {showJoin && phase !== 'closed' && (
          <aside className={styles.projectorJoin} aria-label={t('workshop.join.title')}>
            <QrCode value={link} label={t('workshop.projector.qr')} size={240} />
            <p className={styles.projectorCodeLabel}>{t('workshop.projector.code')}</p>
            <p className={styles.projectorCode} data-testid="projector-code">
              {view.session.joinCode}
            </p>
            <p className={styles.projectorLink}>{t('workshop.projector.joinAt', { url: link })}</p>
          </aside>
        )}
      </div>
    </div>
  );
}
