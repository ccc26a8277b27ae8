import { useState, type ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import type { JoinResponse } from '../../../shared/docs/workshop/api';
import { MeasureStatus } from '../../../shared/docs/workshop/model';
import { draftFromCluster, draftFromMeasure, type ProposalDraft } from '../../../shared/docs/workshop/proposal-draft';
import { currentItem, type PublicWorkshop } from '../../../shared/docs/workshop/public-view';
import { useMessages } from '../../i18n/i18n';
import { useApp } from '../../state/app-context';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { ErrorNotice, InfoNotice, Loading } from '../../ui/States';
import { useWorkshopActions } from './actions';
import { ClusterBoard } from './Board';
import { moderatorKey } from './keys';
import { messages } from './messages';
import { ClusteringControls, DecisionForm, ModeratorItem } from './ModeratorItem';
import { createProposalFromDraft } from './proposal';
import { ProtocolPanel } from './ProtocolPanel';
import { Proxies } from './Proxies';
import { isLocalOnly, joinLink, QrCode } from './Qr';
import { useLiveWorkshop } from './public-doc';
import { PhaseTimer } from './Timer';
import styles from './workshop.module.css';

/** '/workshop/<id>/moderate': the moderator's console, with the key this device got when it created the session. */
export function ConsoleView({ sessionId }: { sessionId: string }): ReactNode {
  const { t } = useMessages(messages);
  const key = moderatorKey(sessionId);
  if (key === null) {
    return (
      <>
        <Breadcrumb />
        <ErrorNotice>{t('workshop.noKey')}</ErrorNotice>
      </>
    );
  }
  return <Console moderator={key} />;
}

function Breadcrumb(): ReactNode {
  const { t } = useMessages(messages);
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <Link to="/workshops">{t('workshop.title')}</Link>
    </nav>
  );
}

function Console({ moderator }: { moderator: JoinResponse }): ReactNode {
  const { t, locale, date } = useMessages(messages);
  const { registry, user, permissions } = useApp();
  const live = useLiveWorkshop(moderator.docName, moderator.token);
  const { act, error, busy } = useWorkshopActions(moderator.sessionId, moderator.token, locale);
  const [created, setCreated] = useState<{ id: string; title: string; groupId: string } | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const view = live.view;
  if (live.refused) {
    return <ErrorNotice>{t('workshop.refused', { reason: live.refused })}</ErrorNotice>;
  }
  if (view === null) {
    return <Loading label={t('status.loading')} />;
  }
  const item = currentItem(view);
  const phase = view.session.phase;
  const index = item === null ? -1 : view.agenda.findIndex((candidate) => candidate.id === item.id);
  const link = joinLink(view.session.joinCode);
  const canPropose = permissions.canEditGroup(view.session.groupId);
  const propose = (draft: ProposalDraft | null): void => {
    if (draft !== null) {
      const id = createProposalFromDraft(registry, view.session.groupId, draft, user.name);
      setCreated({ id, title: draft.title, groupId: view.session.groupId });
    }
  };

  return (
    <div className={styles.console}>
      <Breadcrumb />
      <header className="page-header page-header-row">
        <div>
          <h1>{view.session.title}</h1>
          <p className="muted">
            {t('workshop.console.title')} · {date(view.session.date)}
            {view.session.place !== '' && ` · ${view.session.place}`} · {t('workshop.console.participants', { count: view.participants.length })}
          </p>
        </div>
        <Badge tone={phase.status === 'closed' ? 'success' : phase.status === 'not-started' ? 'neutral' : 'info'}>{t(`workshop.status.${phase.status}`)}</Badge>
      </header>
      {!live.connected && <p className="notice notice-error">{t('workshop.offline')}</p>}

      <div className={styles.consoleGrid}>
        <div className="stack">
          <section className={`card ${styles.panel}`} aria-labelledby="phase-heading">
            <h2 id="phase-heading">{t('workshop.console.phase')}</h2>
            {item ? (
              <div className={styles.current}>
                <div>
                  <p className="muted small">{t('workshop.console.current')}</p>
                  <p className={styles.currentTitle} data-testid="current-item">
                    {item.title}
                  </p>
                  <p className="muted">{t(`workshop.method.${item.method}`)}</p>
                  {item.prompt !== '' && <p>{item.prompt}</p>}
                </div>
                <PhaseTimer timer={view.timer} />
              </div>
            ) : (
              <p>{phase.status === 'closed' ? t('workshop.console.closed') : t('workshop.console.notStarted')}</p>
            )}
            <div className={styles.buttonRow}>
              {phase.status === 'not-started' ? (
                <Button variant="primary" disabled={busy || view.agenda.length === 0} onClick={() => void act({ type: 'phase.next' })}>
                  {t('workshop.console.start')}
                </Button>
              ) : (
                phase.status !== 'closed' &&
                index < view.agenda.length - 1 && (
                  <Button variant="primary" disabled={busy} onClick={() => void act({ type: 'phase.next' })}>
                    {t('workshop.console.next')}
                  </Button>
                )
              )}
              {phase.status !== 'not-started' && (
                <Button disabled={busy} onClick={() => void act({ type: 'phase.back' })}>
                  {t('workshop.console.back')}
                </Button>
              )}
              {phase.status === 'running' && (
                <Button disabled={busy} onClick={() => void act({ type: 'phase.pause' })}>
                  {t('workshop.console.pause')}
                </Button>
              )}
              {phase.status === 'paused' && (
                <Button disabled={busy} onClick={() => void act({ type: 'phase.resume' })}>
                  {t('workshop.console.resume')}
                </Button>
              )}
              {item && (
                <>
                  <Button disabled={busy} onClick={() => void act({ type: 'timer.extend', seconds: 60 })}>
                    {t('workshop.console.plusMinute')}
                  </Button>
                  <Button disabled={busy} onClick={() => void act({ type: 'timer.extend', seconds: 300 })}>
                    {t('workshop.console.plusFive')}
                  </Button>
                  <Button disabled={busy} onClick={() => void act({ type: 'timer.extend', seconds: -60 })}>
                    {t('workshop.console.minusMinute')}
                  </Button>
                </>
              )}
              {phase.status !== 'closed' && phase.status !== 'not-started' && !confirmClose && (
                <Button variant="danger" disabled={busy} onClick={() => setConfirmClose(true)}>
                  {t('workshop.console.close')}
                </Button>
              )}
            </div>
            {confirmClose && (
              <div className="notice" role="alertdialog" aria-label={t('workshop.console.close')}>
                <p>{t('workshop.console.closeConfirm')}</p>
                <div className={styles.buttonRow}>
                  <Button onClick={() => setConfirmClose(false)}>{t('common.cancel')}</Button>
                  <Button
                    variant="danger"
                    onClick={() => {
                      setConfirmClose(false);
                      void act({ type: 'session.close' });
                    }}
                  >
                    {t('workshop.console.close')}
                  </Button>
                </div>
              </div>
            )}
            {error && <ErrorNotice>{t('workshop.error', { message: error })}</ErrorNotice>}
          </section>

          {item && (
            <section className={`card ${styles.panel}`} aria-labelledby="item-heading">
              <h2 id="item-heading">{t(`workshop.method.${item.method}`)}</h2>
              <ModeratorItem key={item.id} view={view} item={item} act={act} busy={busy} />
            </section>
          )}

          <section className={`card ${styles.panel}`} aria-labelledby="board-heading">
            <h2 id="board-heading">{t('workshop.clusters')}</h2>
            {created && (
              <InfoNotice>
                {t('workshop.proposal.created', { title: created.title })}{' '}
                <Link to="/group/$groupId/proposal/$proposalId" params={{ groupId: created.groupId, proposalId: created.id }}>
                  {t('workshop.proposal.open')}
                </Link>
              </InfoNotice>
            )}
            <ClusterBoard
              view={view}
              actions={(clusterId, name) => (
                <div className={styles.clusterActions}>
                  {canPropose && (
                    <Button size="sm" onClick={() => propose(draftFromCluster(view, clusterId))} aria-label={`${t('workshop.cluster.proposal')}: ${name}`}>
                      {t('workshop.cluster.proposal')}
                    </Button>
                  )}
                  {phase.status !== 'closed' && (
                    <Button size="sm" variant="ghost" disabled={busy} onClick={() => void act({ type: 'parking.add', clusterId })} aria-label={`${t('workshop.cluster.park')}: ${name}`}>
                      {t('workshop.cluster.park')}
                    </Button>
                  )}
                </div>
              )}
            />
            {item?.method !== 'clustering' && phase.status !== 'closed' && view.session.imported === false && view.cards.length > 0 && (
              <details className={styles.details}>
                <summary>{t('workshop.cluster.new')}</summary>
                <ClusteringControls view={view} act={act} busy={busy} />
              </details>
            )}
          </section>

          <Measures view={view} canPropose={canPropose} onPropose={(id) => propose(draftFromMeasure(view, id))} act={act} busy={busy} />

          {phase.status === 'closed' && <ProtocolPanel sessionId={moderator.sessionId} token={moderator.token} />}
        </div>

        <aside className="stack" aria-label={t('workshop.console.joinLink')}>
          <section className={`card ${styles.panel} ${styles.joinBox}`}>
            {phase.status !== 'closed' && (
              <>
                <p className={styles.joinCode} data-testid="join-code">
                  {t('workshop.console.joinCode', { code: view.session.joinCode })}
                </p>
                <QrCode value={link} label={t('workshop.projector.qr')} size={160} />
                <a href={link} className={styles.joinLink}>
                  {t('workshop.console.joinLink')}
                </a>
                {isLocalOnly() && <p className="small muted">{t('workshop.console.localhostWarning')}</p>}
              </>
            )}
            <a className="btn btn-secondary btn-md" href={`#/workshop/${view.session.id}/projector`} target="_blank" rel="noopener">
              {t('workshop.console.projector')}
            </a>
          </section>
          <section className={`card ${styles.panel}`} aria-labelledby="agenda-heading">
            <h2 id="agenda-heading">{t('workshop.prepare.agenda')}</h2>
            <ol className={styles.agenda}>
              {view.agenda.map((entry, i) => (
                <li key={entry.id} aria-current={entry.id === item?.id ? 'step' : undefined} className={entry.id === item?.id ? styles.agendaNow : ''}>
                  {entry.id !== item?.id && phase.status !== 'closed' ? (
                    <button type="button" className={styles.linkButton} disabled={busy} onClick={() => void act({ type: 'phase.goto', itemId: entry.id })} aria-label={t('workshop.agenda.goto', { title: entry.title })}>
                      {entry.title}
                    </button>
                  ) : (
                    <span>{entry.title}</span>
                  )}
                  <span className="muted small">
                    {t(`workshop.method.${entry.method}`)} · {t('workshop.minutes', { count: entry.minutes })}
                    {entry.id === item?.id ? ` · ${t('workshop.console.agendaNow')}` : (index > i || phase.status === 'closed') ? ` · ${t('workshop.console.agendaDone')}` : ''}
                  </span>
                </li>
              ))}
            </ol>
          </section>
          {phase.status !== 'closed' && phase.status !== 'not-started' && (
            <section className={`card ${styles.panel}`} aria-labelledby="decisions-heading">
              <h2 id="decisions-heading">{t('workshop.decisions')}</h2>
              <ul>
                {view.decisions.map((d) => (
                  <li key={d.id}>{d.text}</li>
                ))}
              </ul>
              <DecisionForm itemId={item?.id ?? null} act={act} busy={busy} />
            </section>
          )}
          <Proxies view={view} item={item} act={act} busy={busy} />
          <Parking view={view} act={act} busy={busy} />
          <History view={view} />
        </aside>
      </div>
    </div>
  );
}

function Measures({ view, canPropose, onPropose, act, busy }: {
  view: PublicWorkshop;
  canPropose: boolean;
  onPropose: (id: string) => void;
  act: ReturnType<typeof useWorkshopActions>['act'];
  busy: boolean;
}): ReactNode {
  const { t, date } = useMessages(messages);
  if (view.measures.length === 0) {
    return null;
  }
  const names = new Map(view.participants.map((p) => [p.id, p.name]));
  return (
    <section className={`card ${styles.panel}`} aria-labelledby="measures-heading">
      <h2 id="measures-heading">{t('workshop.measures')}</h2>
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('workshop.measure.what')}</th>
              <th scope="col">{t('workshop.measure.who')}</th>
              <th scope="col">{t('workshop.measure.withWhom')}</th>
              <th scope="col">{t('workshop.measure.due')}</th>
              <th scope="col">{t('workshop.measure.status')}</th>
              {canPropose && <td />}
            </tr>
          </thead>
          <tbody>
            {view.measures.map((m) => (
              <tr key={m.id}>
                <td>{m.what}</td>
                <td>{m.whoId === null ? '–' : (names.get(m.whoId) ?? '–')}</td>
                <td>{m.withWhom || '–'}</td>
                <td>{m.due === null ? '–' : date(m.due)}</td>
                <td>
                  {view.session.phase.status === 'closed' ? (
                    t(`workshop.measure.status.${m.status}`)
                  ) : (
                    <select
                      className="input"
                      aria-label={`${t('workshop.measure.status')}: ${m.what}`}
                      value={m.status}
                      disabled={busy}
                      onChange={(e) => void act({ type: 'measure.update', id: m.id, status: MeasureStatus.parse(e.target.value) })}
                    >
                      {MeasureStatus.options.map((option) => (
                        <option key={option} value={option}>
                          {t(`workshop.measure.status.${option}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </td>
                {canPropose && (
                  <td>
                    <Button size="sm" onClick={() => onPropose(m.id)} aria-label={`${t('workshop.measure.proposal')}: ${m.what}`}>
                      {t('workshop.measure.proposal')}
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Parking({ view, act, busy }: { view: PublicWorkshop; act: ReturnType<typeof useWorkshopActions>['act']; busy: boolean }): ReactNode {
  const { t } = useMessages(messages);
  const [text, setText] = useState('');
  const open = view.session.phase.status !== 'closed';
  return (
    <section className={`card ${styles.panel}`} aria-labelledby="parking-heading">
      <h2 id="parking-heading">{t('workshop.parking')}</h2>
      {view.parking.length === 0 ? (
        <p className="muted">{t('workshop.parking.empty')}</p>
      ) : (
        <ul>
          {view.parking.map((entry) => (
            <li key={entry.id}>
              <label className={styles.checkRow}>
                <input
                  type="checkbox"
                  checked={entry.status === 'done'}
                  disabled={busy || !open}
                  onChange={(e) => void act({ type: 'parking.set-status', id: entry.id, status: e.target.checked ? 'done' : 'open' })}
                />
                <span>
                  {entry.text}
                  {entry.status === 'done' && <span className="muted"> ({t('workshop.parking.done')})</span>}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {open && (
        <form
          className={styles.inlineForm}
          onSubmit={(e) => {
            e.preventDefault();
            void act({ type: 'parking.add', text: text.trim() }).then((result) => result && setText(''));
          }}
        >
          <label className="field">
            <span className="field-label">{t('workshop.parking.text')}</span>
            <input className="input" value={text} maxLength={500} onChange={(e) => setText(e.target.value)} />
          </label>
          <Button type="submit" disabled={busy || text.trim() === ''}>
            {t('workshop.parking.add')}
          </Button>
        </form>
      )}
    </section>
  );
}

/** The session's audit log: every phase change, reveal and close with time and who did it (written by the server). */
function History({ view }: { view: PublicWorkshop }): ReactNode {
  const { t, date } = useMessages(messages);
  const time = (at: number): string => date(new Date(at).toISOString(), true);
  return (
    <section className={`card ${styles.panel}`}>
      <details>
        <summary className={styles.summary}>{t('workshop.log')}</summary>
        <ol className={styles.log} data-testid="workshop-log">
          {[...view.log].reverse().map((entry) => (
            <li key={entry.seq}>{t('workshop.log.entry', { time: time(entry.at), name: entry.actorName, what: t(`workshop.log.${entry.kind}`) })}</li>
          ))}
        </ol>
      </details>
    </section>
  );
}
