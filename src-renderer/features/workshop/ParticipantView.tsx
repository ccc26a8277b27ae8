import { useEffect, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { JoinResponse } from '../../../shared/docs/workshop/api';
import { currentItem, type MyState, type PublicWorkshop } from '../../../shared/docs/workshop/public-view';
import { api } from '../../api/client';
import { useMessages } from '../../i18n/i18n';
import { useApp } from '../../state/app-context';
import { Button } from '../../ui/Button';
import { ErrorNotice, Loading } from '../../ui/States';
import { hostMessage, meKey, useWorkshopActions } from './actions';
import { ClusterBoard } from './Board';
import { deviceId, saveParticipantKey } from './keys';
import { messages } from './messages';
import { Answers, ClusteringControls, VoteResults } from './ModeratorItem';
import { useLiveWorkshop } from './public-doc';
import { PhaseTimer } from './Timer';
import styles from './workshop.module.css';

/**
 * '/workshop/join/<code>': the participant's view on a phone, iPad or laptop. Joining again with
 * this device's id (reload, lost Wi-Fi) returns the same participant, with their cards and dots.
 */
export function JoinView({ code }: { code: string }): ReactNode {
  const { t, locale } = useMessages(messages);
  const { user, session } = useApp();
  const join = useQuery({
    queryKey: ['workshop', 'join', code.toUpperCase()],
    queryFn: async () => {
      const joined = await api.workshop.join({
        join: { code: code.toUpperCase(), name: user.name, deviceId: deviceId() },
        ...(session ? { accountToken: session.token } : {}),
      });
      saveParticipantKey(code, joined);
      return joined;
    },
    retry: false,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  if (join.error) {
    return (
      <div className={styles.participant}>
        <nav className="breadcrumb" aria-label="Breadcrumb">
          {/* A plain link: guests see this view outside the app's router. */}
          <a href="#/workshops">{t('workshop.title')}</a>
        </nav>
        <ErrorNotice action={<Button onClick={() => void join.refetch()}>{t('error.retry')}</Button>}>
          {t('workshop.error', { message: hostMessage(join.error, locale) })}
        </ErrorNotice>
      </div>
    );
  }
  if (!join.data) {
    return <Loading label={t('workshop.join.joining')} />;
  }
  return <Participant joined={join.data} />;
}

function Participant({ joined }: { joined: JoinResponse }): ReactNode {
  const { t, locale } = useMessages(messages);
  const live = useLiveWorkshop(joined.docName, joined.token);
  const queryClient = useQueryClient();
  const me = useQuery({ queryKey: meKey(joined.sessionId, joined.token), queryFn: () => api.workshop.me({ sessionId: joined.sessionId, token: joined.token }) });
  const { act, error, busy } = useWorkshopActions(joined.sessionId, joined.token, locale);
  const revision = live.view?.revision;
  // Each change of the session (next phase, a vote opened) can change what this person may do.
  useEffect(() => {
    if (revision !== undefined) {
      void queryClient.invalidateQueries({ queryKey: meKey(joined.sessionId, joined.token) });
    }
  }, [revision, queryClient, joined.sessionId, joined.token]);
  const view = live.view;
  if (live.refused) {
    return <ErrorNotice>{t('workshop.refused', { reason: live.refused })}</ErrorNotice>;
  }
  if (view === null || !me.data) {
    return <Loading label={t('workshop.join.joining')} />;
  }
  const item = currentItem(view);
  const phase = view.session.phase.status;
  return (
    <div className={styles.participant} data-testid="workshop-participant">
      <header className={styles.participantHead}>
        <div>
          <p className="muted small">{view.session.title}</p>
          <h1 className={styles.participantTitle} data-testid="participant-item">
            {item?.title ?? (phase === 'closed' ? t('workshop.you.closed') : t('workshop.projector.waiting'))}
          </h1>
          {item && <p className="muted">{t(`workshop.method.${item.method}`)}</p>}
          {me.data.participant && <p className="small muted">{t('workshop.join.as', { name: me.data.participant.name })}</p>}
        </div>
        <PhaseTimer timer={view.timer} />
      </header>
      {!live.connected && <p className="notice notice-error">{t('workshop.offline')}</p>}
      {item && item.prompt !== '' && <p className={styles.prompt}>{item.prompt}</p>}
      {error && <ErrorNotice>{t('workshop.error', { message: error })}</ErrorNotice>}
      {item?.method === 'kartenabfrage' && <CardsTask me={me.data} itemId={item.id} act={act} busy={busy} />}
      {item?.method === 'punktabfrage' && <DotsTask view={view} me={me.data} act={act} busy={busy} />}
      {item?.method === 'blitzlicht' && <BlitzTask view={view} itemId={item.id} me={me.data} act={act} busy={busy} />}
      {item?.method === 'clustering' && view.session.settings.clustering === 'everyone' && <ClusteringControls view={view} act={act} busy={busy} />}
      {(item?.method === 'clustering' || item?.method === 'diskussion' || item?.method === 'massnahmenplan' || phase === 'closed') && <ClusterBoard view={view} />}
      {phase === 'not-started' && <p>{t('workshop.you.wait')}</p>}
    </div>
  );
}

type Act = ReturnType<typeof useWorkshopActions>['act'];

function CardsTask({ me, itemId, act, busy }: { me: MyState; itemId: string; act: Act; busy: boolean }): ReactNode {
  const { t } = useMessages(messages);
  const [text, setText] = useState('');
  const left = me.cardsLeft ?? 0;
  const mine = me.ownCards.filter((card) => card.itemId === itemId);
  return (
    <section aria-labelledby="cards-heading" className="stack">
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void act({ type: 'card.add', text: text.trim() }).then((result) => result && setText(''));
        }}
      >
        <label className="field">
          <span className="field-label">{t('workshop.you.cardText')}</span>
          <textarea className={`input ${styles.cardInput}`} value={text} maxLength={280} rows={3} onChange={(e) => setText(e.target.value)} disabled={left === 0} />
        </label>
        <p className="muted" aria-live="polite" data-testid="cards-left">
          {t('workshop.you.cardsLeft', { count: left })}
        </p>
        <Button type="submit" variant="primary" className={styles.touch} disabled={busy || left === 0 || text.trim() === ''}>
          {t('workshop.you.addCard')}
        </Button>
      </form>
      <h2 id="cards-heading">{t('workshop.you.cards')}</h2>
      <ul className={styles.cardList} data-testid="own-cards">
        {mine.map((card) => (
          <li key={card.id} className={`${styles.paperCard} ${styles.ownCard}`}>
            <span>{card.text}</span>
            <span className="muted small">{card.revealed ? t('workshop.you.revealed') : t('workshop.you.hidden')}</span>
            {!card.revealed && (
              <Button size="sm" variant="ghost" className={styles.touch} disabled={busy} onClick={() => void act({ type: 'card.withdraw', cardId: card.id })}>
                {t('workshop.you.withdraw')}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function DotsTask({ view, me, act, busy }: { view: PublicWorkshop; me: MyState; act: Act; busy: boolean }): ReactNode {
  const { t } = useMessages(messages);
  const dots = me.dots;
  const vote = view.items.find((candidate) => candidate.itemId === dots?.itemId)?.vote ?? null;
  if (dots === null || dots.status === 'pending') {
    return <p>{t('workshop.vote.pending')}</p>;
  }
  if (dots.status === 'closed') {
    return vote?.results ? <VoteResults results={vote.results} /> : null;
  }
  return (
    <section className="stack" aria-label={t('workshop.vote.title')}>
      <p className={styles.dotsLeft} aria-live="polite" data-testid="dots-left">
        {t('workshop.you.dotsLeft', { remaining: dots.remaining, budget: dots.budget })}
      </p>
      <p className="muted small">
        {t('workshop.you.maxPerCluster', { max: dots.maxPerCluster })} {t('workshop.vote.resultsHidden')}
      </p>
      <ul className={styles.voteList}>
        {view.clusters.map((cluster) => {
          const mine = dots.byCluster[cluster.id] ?? 0;
          return (
            <li key={cluster.id} className={`card ${styles.voteRow}`} data-testid="vote-row">
              <span className={styles.voteName}>
                {cluster.name}
                <span className={styles.voteCards}>
                  {view.cards
                    .filter((card) => card.clusterId === cluster.id)
                    .map((card) => card.text)
                    .join(' · ')}
                </span>
              </span>
              <span className={styles.myDots} aria-hidden="true">
                {'●'.repeat(mine)}
              </span>
              <span className="visually-hidden" data-testid="my-dots">
                {t('workshop.you.yourDots', { count: mine })}
              </span>
              <Button
                className={styles.touch}
                disabled={busy || mine === 0}
                onClick={() => void act({ type: 'dot.retract', clusterId: cluster.id })}
                aria-label={t('workshop.you.removeDot', { name: cluster.name })}
              >
                −
              </Button>
              <Button
                variant="primary"
                className={styles.touch}
                disabled={busy || dots.remaining === 0 || mine >= dots.maxPerCluster}
                onClick={() => void act({ type: 'dot.cast', clusterId: cluster.id })}
                aria-label={t('workshop.you.addDot', { name: cluster.name })}
              >
                +
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function BlitzTask({ view, itemId, me, act, busy }: { view: PublicWorkshop; itemId: string; me: MyState; act: Act; busy: boolean }): ReactNode {
  const { t } = useMessages(messages);
  const [text, setText] = useState('');
  const state = view.items.find((candidate) => candidate.itemId === itemId)?.blitzlicht ?? null;
  if (state?.answers) {
    return <Answers answers={state.answers} />;
  }
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void act({ type: 'blitzlicht.answer', text: text.trim() }).then((result) => result && setText(''));
      }}
    >
      {me.blitzlicht?.answer && <p>{t('workshop.blitz.yours', { text: me.blitzlicht.answer })}</p>}
      <label className="field">
        <span className="field-label">{t('workshop.blitz.answer')}</span>
        <input className="input" value={text} maxLength={280} onChange={(e) => setText(e.target.value)} />
      </label>
      <Button type="submit" variant="primary" className={styles.touch} disabled={busy || text.trim() === ''}>
        {t('workshop.blitz.send')}
      </Button>
    </form>
  );
}
