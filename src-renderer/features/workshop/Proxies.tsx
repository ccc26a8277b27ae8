import { useState, type ReactNode } from 'react';
import type { ActionResult, WorkshopAction } from '../../../shared/docs/workshop/actions';
import type { AgendaItem } from '../../../shared/docs/workshop/model';
import type { PublicWorkshop } from '../../../shared/docs/workshop/public-view';
import { useMessages } from '../../i18n/i18n';
import { Button } from '../../ui/Button';
import { messages } from './messages';
import styles from './workshop.module.css';

type Act = (action: WorkshopAction) => Promise<ActionResult | null>;

/**
 * People without a device: the moderator adds them by name and, for the current item, writes their
 * card, gives their dots or notes their Blitzlicht answer (`as`; the server records it as such and
 * applies the same budget and limits).
 */
export function Proxies({ view, item, act, busy }: { view: PublicWorkshop; item: AgendaItem | null; act: Act; busy: boolean }): ReactNode {
  const { t } = useMessages(messages);
  const proxies = view.participants.filter((p) => p.kind === 'proxy');
  const [name, setName] = useState('');
  const [who, setWho] = useState('');
  const [text, setText] = useState('');
  const [clusterId, setClusterId] = useState('');
  const as = proxies.some((p) => p.id === who) ? who : (proxies[0]?.id ?? '');
  const vote = item?.method === 'punktabfrage' ? view.items.find((s) => s.itemId === item.id)?.vote : null;
  const cluster = view.clusters.some((c) => c.id === clusterId) ? clusterId : (view.clusters[0]?.id ?? '');
  return (
    <section className={`card ${styles.panel}`} aria-labelledby="proxies-heading">
      <h2 id="proxies-heading">{t('workshop.proxy.title')}</h2>
      {proxies.length > 0 && <p className="small">{proxies.map((p) => p.name).join(', ')}</p>}
      {view.session.phase.status !== 'closed' && (
        <form
          className={styles.inlineForm}
          onSubmit={(e) => {
            e.preventDefault();
            void act({ type: 'proxy.add', name: name.trim() }).then((result) => {
              if (result) {
                setName('');
                if (result.id !== undefined) {
                  setWho(result.id);
                }
              }
            });
          }}
        >
          <label className="field">
            <span className="field-label">{t('workshop.proxy.name')}</span>
            <input className="input" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          </label>
          <Button type="submit" disabled={busy || name.trim() === ''}>
            {t('workshop.proxy.add')}
          </Button>
        </form>
      )}
      {proxies.length > 0 && item && ['kartenabfrage', 'blitzlicht'].includes(item.method) || (proxies.length > 0 && vote?.status === 'open') ? (
        <div className="stack">
          <label className="field">
            <span className="field-label">{t('workshop.proxy.for')}</span>
            <select className="input" aria-label={t('workshop.proxy.for')} value={as} onChange={(e) => setWho(e.target.value)}>
              {proxies.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          {(item?.method === 'kartenabfrage' || item?.method === 'blitzlicht') && (
            <form
              className={styles.inlineForm}
              onSubmit={(e) => {
                e.preventDefault();
                const action: WorkshopAction =
                  item.method === 'kartenabfrage' ? { type: 'card.add', text: text.trim(), as } : { type: 'blitzlicht.answer', text: text.trim(), as };
                void act(action).then((result) => result && setText(''));
              }}
            >
              <label className="field">
                <span className="field-label">{item.method === 'kartenabfrage' ? t('workshop.proxy.card') : t('workshop.proxy.answer')}</span>
                <input className="input" value={text} maxLength={280} onChange={(e) => setText(e.target.value)} />
              </label>
              <Button type="submit" disabled={busy || text.trim() === ''}>
                {t('workshop.proxy.submit')}
              </Button>
            </form>
          )}
          {vote?.status === 'open' && (
            <div className={styles.inlineForm}>
              <label className="field">
                <span className="field-label">{t('workshop.proxy.cluster')}</span>
                <select className="input" aria-label={t('workshop.proxy.cluster')} value={cluster} onChange={(e) => setClusterId(e.target.value)}>
                  {view.clusters.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
              </label>
              <Button disabled={busy || cluster === ''} onClick={() => void act({ type: 'dot.cast', clusterId: cluster, as })}>
                {t('workshop.proxy.dot')}
              </Button>
              <Button variant="ghost" disabled={busy || cluster === ''} onClick={() => void act({ type: 'dot.retract', clusterId: cluster, as })}>
                {t('workshop.proxy.undot')}
              </Button>
            </div>
          )}
        </div>
      ) : null}
    </section>
  );
}
