import { useState, type ReactNode } from 'react';
import type { ActionResult, WorkshopAction } from '../../../shared/docs/workshop/actions';
import type { AgendaItem } from '../../../shared/docs/workshop/model';
import { MeasureStatus } from '../../../shared/docs/workshop/model';
import type { PublicWorkshop } from '../../../shared/docs/workshop/public-view';
import { useMessages } from '../../i18n/i18n';
import { Button } from '../../ui/Button';
import { messages } from './messages';
import styles from './workshop.module.css';

type Act = (action: WorkshopAction) => Promise<ActionResult | null>;

/** The moderator's controls for the current agenda item, by its method. */
export function ModeratorItem({ view, item, act, busy }: { view: PublicWorkshop; item: AgendaItem; act: Act; busy: boolean }): ReactNode {
  const state = view.items.find((candidate) => candidate.itemId === item.id);
  switch (item.method) {
    case 'kartenabfrage':
      return <CardsControls total={state?.cards.total ?? 0} hidden={state?.cards.hidden ?? 0} act={act} busy={busy} />;
    case 'clustering':
      return <ClusteringControls view={view} act={act} busy={busy} />;
    case 'punktabfrage':
      return <VoteControls view={view} vote={state?.vote ?? null} act={act} busy={busy} />;
    case 'blitzlicht':
      return <BlitzControls blitz={state?.blitzlicht ?? null} act={act} busy={busy} />;
    case 'massnahmenplan':
      return <MeasureForm view={view} act={act} busy={busy} />;
    case 'diskussion':
      return <DecisionForm itemId={item.id} act={act} busy={busy} />;
  }
}

function CardsControls({ total, hidden, act, busy }: { total: number; hidden: number; act: Act; busy: boolean }): ReactNode {
  const { t } = useMessages(messages);
  return (
    <div className={styles.controlRow}>
      <p data-testid="card-count" aria-live="polite">
        {t('workshop.cards.count', { total, hidden })}
      </p>
      <Button variant="primary" disabled={busy || hidden === 0} onClick={() => void act({ type: 'cards.reveal' })}>
        {t('workshop.cards.reveal')}
      </Button>
    </div>
  );
}

/** Forming topics: a new cluster, and for each revealed card the topic it belongs to (a select: keyboard and touch friendly). */
export function ClusteringControls({ view, act, busy }: { view: PublicWorkshop; act: Act; busy: boolean }): ReactNode {
  const { t } = useMessages(messages);
  const [name, setName] = useState('');
  return (
    <div className="stack">
      <form
        className={styles.inlineForm}
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() !== '') {
            void act({ type: 'cluster.create', name: name.trim(), cardIds: [] }).then((result) => result && setName(''));
          }
        }}
      >
        <label className="field">
          <span className="field-label">{t('workshop.cluster.name')}</span>
          <input className="input" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </label>
        <Button type="submit" disabled={busy || name.trim() === ''}>
          {t('workshop.cluster.create')}
        </Button>
      </form>
      {view.clusters.length > 0 && (
        <ul className={styles.assignList}>
          {view.clusters.map((cluster) => (
            <ClusterEdit key={cluster.id} view={view} clusterId={cluster.id} name={cluster.name} act={act} busy={busy} />
          ))}
        </ul>
      )}
      {view.cards.length > 0 && (
        <ul className={styles.assignList}>
          {view.cards.map((card) => (
            <li key={card.id} className={styles.assignRow}>
              <span className={styles.paperCard}>{card.text}</span>
              <label>
                <span className="visually-hidden">{t('workshop.cards.assign', { text: card.text })}</span>
                <select
                  className="input"
                  aria-label={t('workshop.cards.assign', { text: card.text })}
                  value={card.clusterId ?? ''}
                  disabled={busy}
                  onChange={(e) => void act({ type: 'cluster.assign', cardId: card.id, clusterId: e.target.value === '' ? null : e.target.value })}
                >
                  <option value="">{t('workshop.cluster.none')}</option>
                  {view.clusters.map((cluster) => (
                    <option key={cluster.id} value={cluster.id}>
                      {cluster.name}
                    </option>
                  ))}
                </select>
              </label>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Renaming a topic, or merging it into another (its cards move there). */
function ClusterEdit({ view, clusterId, name, act, busy }: { view: PublicWorkshop; clusterId: string; name: string; act: Act; busy: boolean }): ReactNode {
  const { t } = useMessages(messages);
  const [draft, setDraft] = useState(name);
  const others = view.clusters.filter((c) => c.id !== clusterId);
  const [target, setTarget] = useState('');
  const into = others.some((c) => c.id === target) ? target : (others[0]?.id ?? '');
  return (
    <li className={styles.clusterEdit}>
      <form
        className={styles.inlineForm}
        onSubmit={(e) => {
          e.preventDefault();
          void act({ type: 'cluster.rename', clusterId, name: draft.trim() });
        }}
      >
        <label className="field">
          <span className="field-label">{t('workshop.cluster.renameLabel', { name })}</span>
          <input className="input" value={draft} maxLength={200} onChange={(e) => setDraft(e.target.value)} />
        </label>
        <Button type="submit" size="sm" disabled={busy || draft.trim() === '' || draft.trim() === name}>
          {t('workshop.cluster.rename')}
        </Button>
      </form>
      {others.length > 0 && (
        <div className={styles.inlineForm}>
          <label className="field">
            <span className="field-label">{t('workshop.cluster.mergeWith')}</span>
            <select className="input" aria-label={t('workshop.cluster.mergeInto', { name })} value={into} onChange={(e) => setTarget(e.target.value)}>
              {others.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <Button size="sm" disabled={busy || into === ''} onClick={() => void act({ type: 'cluster.merge', sourceId: clusterId, targetId: into })}>
            {t('workshop.cluster.merge')}
          </Button>
        </div>
      )}
    </li>
  );
}

type Vote = NonNullable<PublicWorkshop['items'][number]['vote']>;

function VoteControls({ view, vote, act, busy }: { view: PublicWorkshop; vote: Vote | null; act: Act; busy: boolean }): ReactNode {
  const { t } = useMessages(messages);
  const [budget, setBudget] = useState(vote?.budget ?? view.session.settings.dotBudget);
  const [max, setMax] = useState(vote?.maxPerCluster ?? view.session.settings.maxDotsPerCluster);
  const status = vote?.status ?? 'pending';
  return (
    <div className="stack">
      {status !== 'closed' && (
        <div className={styles.inlineForm}>
          <label className="field">
            <span className="field-label">{t('workshop.prepare.dotBudget')}</span>
            <input className="input" type="number" min={0} max={50} value={budget} onChange={(e) => setBudget(Number(e.target.value))} />
          </label>
          <label className="field">
            <span className="field-label">{t('workshop.prepare.maxPerCluster')}</span>
            <input className="input" type="number" min={1} max={50} value={max} onChange={(e) => setMax(Number(e.target.value))} />
          </label>
          {status === 'pending' ? (
            <Button variant="primary" disabled={busy} onClick={() => void act({ type: 'vote.open', budget, maxPerCluster: max })}>
              {t('workshop.vote.open')}
            </Button>
          ) : (
            <Button disabled={busy} onClick={() => void act({ type: 'vote.settings', budget, maxPerCluster: max })}>
              {t('workshop.vote.apply')}
            </Button>
          )}
        </div>
      )}
      {status === 'pending' && <p className="muted">{t('workshop.vote.pending')}</p>}
      {status === 'open' && vote && (
        <div className={styles.controlRow}>
          <p aria-live="polite" data-testid="vote-progress">
            {t('workshop.vote.running', { dots: vote.dotsCast, voters: vote.voters })}
          </p>
          <Button variant="primary" disabled={busy} onClick={() => void act({ type: 'vote.close' })}>
            {t('workshop.vote.close')}
          </Button>
        </div>
      )}
      {status === 'closed' && vote?.results && <VoteResults results={vote.results} />}
    </div>
  );
}

/** A closed vote's results, most dots first. */
export function VoteResults({ results, large = false }: { results: Vote['results']; large?: boolean }): ReactNode {
  const { t } = useMessages(messages);
  const sorted = [...(results ?? [])].sort((a, b) => b.dots - a.dots);
  const top = Math.max(1, ...sorted.map((r) => r.dots));
  return (
    <div>
      <p className={large ? styles.resultsNoteLarge : undefined}>{t('workshop.vote.closedNote')}</p>
      <ol className={`${styles.results} ${large ? styles.resultsLarge : ''}`} data-testid="vote-results">
        {sorted.map((result) => (
          <li key={result.clusterId}>
            <span className={styles.resultName}>{result.name}</span>
            <span className={styles.resultBar} style={{ width: `${(result.dots / top) * 100}%` }} aria-hidden="true" />
            <span className={styles.resultDots}>
              {t('workshop.cluster.dots', { count: result.dots })}
              {result.proxyDots > 0 && ` (${t('workshop.vote.proxyDots', { count: result.proxyDots })})`}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

type Blitz = NonNullable<PublicWorkshop['items'][number]['blitzlicht']>;

function BlitzControls({ blitz, act, busy }: { blitz: Blitz | null; act: Act; busy: boolean }): ReactNode {
  const { t } = useMessages(messages);
  return (
    <div className="stack">
      <div className={styles.controlRow}>
        <p aria-live="polite">{t('workshop.blitz.answered', { count: blitz?.answered ?? 0 })}</p>
        {!blitz?.shown && (
          <Button variant="primary" disabled={busy || (blitz?.answered ?? 0) === 0} onClick={() => void act({ type: 'blitzlicht.show' })}>
            {t('workshop.blitz.show')}
          </Button>
        )}
      </div>
      {blitz?.answers && <Answers answers={blitz.answers} />}
    </div>
  );
}

/** Blitzlicht answers, without names. */
export function Answers({ answers, large = false }: { answers: readonly string[]; large?: boolean }): ReactNode {
  return (
    <ul className={`${styles.answers} ${large ? styles.answersLarge : ''}`}>
      {answers.map((answer, i) => (
        <li key={i} className={styles.paperCard}>
          {answer}
        </li>
      ))}
    </ul>
  );
}

function MeasureForm({ view, act, busy }: { view: PublicWorkshop; act: Act; busy: boolean }): ReactNode {
  const { t } = useMessages(messages);
  const [what, setWhat] = useState('');
  const [whoId, setWhoId] = useState('');
  const [withWhom, setWithWhom] = useState('');
  const [due, setDue] = useState('');
  const [status, setStatus] = useState<MeasureStatus>('open');
  return (
    <form
      className={styles.measureForm}
      onSubmit={(e) => {
        e.preventDefault();
        void act({
          type: 'measure.add',
          what: what.trim(),
          whoId: whoId === '' ? null : whoId,
          withWhom: withWhom.trim(),
          due: due === '' ? null : due,
          status,
          clusterId: null,
        }).then((result) => {
          if (result) {
            setWhat('');
            setWithWhom('');
            setDue('');
          }
        });
      }}
    >
      <label className="field">
        <span className="field-label">{t('workshop.measure.what')}</span>
        <input className="input" value={what} maxLength={500} onChange={(e) => setWhat(e.target.value)} required />
      </label>
      <label className="field">
        <span className="field-label">{t('workshop.measure.who')}</span>
        <select className="input" aria-label={t('workshop.measure.who')} value={whoId} onChange={(e) => setWhoId(e.target.value)}>
          <option value="">{t('workshop.measure.nobody')}</option>
          {view.participants.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('workshop.measure.withWhom')}</span>
        <input className="input" value={withWhom} maxLength={300} onChange={(e) => setWithWhom(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">{t('workshop.measure.due')}</span>
        <input className="input" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">{t('workshop.measure.status')}</span>
        <select className="input" aria-label={t('workshop.measure.status')} value={status} onChange={(e) => setStatus(MeasureStatus.parse(e.target.value))}>
          {MeasureStatus.options.map((s) => (
            <option key={s} value={s}>
              {t(`workshop.measure.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="primary" disabled={busy || what.trim() === ''}>
        {t('workshop.measure.add')}
      </Button>
    </form>
  );
}

/** Records a decision for the protocol (any time while the session runs). */
export function DecisionForm({ itemId, act, busy }: { itemId: string | null; act: Act; busy: boolean }): ReactNode {
  const { t } = useMessages(messages);
  const [text, setText] = useState('');
  return (
    <form
      className={styles.inlineForm}
      onSubmit={(e) => {
        e.preventDefault();
        void act({ type: 'decision.add', text: text.trim(), itemId }).then((result) => result && setText(''));
      }}
    >
      <label className="field">
        <span className="field-label">{t('workshop.decision.text')}</span>
        <input className="input" value={text} maxLength={1000} onChange={(e) => setText(e.target.value)} />
      </label>
      <Button type="submit" disabled={busy || text.trim() === ''}>
        {t('workshop.decision.add')}
      </Button>
    </form>
  );
}
