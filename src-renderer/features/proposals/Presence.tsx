import { useEffect, useState, type ReactNode } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { useMessages } from '../../i18n/i18n';
import { initials } from '../../ui/initials';
import { messages } from './messages';
import styles from './proposals.module.css';

interface Person {
  clientId: number;
  name: string;
  color: string;
  self: boolean;
}

function readPeople(provider: WebsocketProvider): Person[] {
  const self = provider.awareness.clientID;
  const people: Person[] = [];
  provider.awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
    if (user && typeof user.name === 'string') {
      people.push({ clientId, name: user.name, color: typeof user.color === 'string' ? user.color : '#555', self: clientId === self });
    }
  });
  return people.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name, 'de'));
}

/** Who is in the document right now, from the awareness protocol. */
export function Presence({ provider }: { provider: WebsocketProvider }): ReactNode {
  const { t } = useMessages(messages);
  const [people, setPeople] = useState(() => readPeople(provider));
  useEffect(() => {
    const onChange = (): void => setPeople(readPeople(provider));
    provider.awareness.on('change', onChange);
    onChange();
    return () => provider.awareness.off('change', onChange);
  }, [provider]);
  return (
    <section className="presence" aria-label={t('presence.title')}>
      <h2 className="presence-title">{t('presence.title')}</h2>
      <ul className={styles.presenceList} data-testid="presence">
        {people.map((p) => (
          <li key={p.clientId} className={styles.presencePerson}>
            <span className="avatar" style={{ backgroundColor: p.color }} aria-hidden="true">
              {initials(p.name)}
            </span>
            <span>
              {p.name}
              {p.self && <span className="muted"> ({t('user.you')})</span>}
            </span>
          </li>
        ))}
      </ul>
      {people.length <= 1 && <p className="muted small">{t('presence.alone')}</p>}
    </section>
  );
}
