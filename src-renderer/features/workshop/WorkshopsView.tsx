import { useState, type ReactNode } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import { listGroups } from '../../../shared/docs/workspace';
import { WORKSPACE_DOC } from '../../../shared/sync/doc-names';
import { api } from '../../api/client';
import { useMessages } from '../../i18n/i18n';
import { useApp } from '../../state/app-context';
import { useDoc, useDocValue } from '../../sync/hooks';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { EmptyState, ErrorNotice, Loading } from '../../ui/States';
import { hostMessage } from './actions';
import { moderatorKey } from './keys';
import { messages } from './messages';
import { PrepareForm } from './PrepareForm';
import styles from './workshop.module.css';

/** '/workshops': join by code; per working group its sessions, and preparing a new one. */
export function WorkshopsView(): ReactNode {
  const { t, locale, date } = useMessages(messages);
  const { session } = useApp();
  const workspace = useDoc(WORKSPACE_DOC);
  const groups = useDocValue(workspace.doc, listGroups);
  const [groupId, setGroupId] = useState<string | null>(null);
  const chosen = groupId ?? groups[0]?.id ?? null;
  const [preparing, setPreparing] = useState(false);
  const [code, setCode] = useState('');
  const navigate = useNavigate();
  const accountToken = session?.token;
  const sessions = useQuery({
    queryKey: ['workshop', 'sessions', chosen, accountToken ?? ''],
    queryFn: () => api.workshop.sessions({ groupId: chosen ?? '', ...(accountToken ? { accountToken } : {}) }),
    enabled: chosen !== null,
  });

  return (
    <>
      <header className="page-header">
        <h1>{t('workshop.title')}</h1>
        <p className="muted">{t('workshop.intro')}</p>
      </header>
      <section className={`card ${styles.panel}`} aria-labelledby="join-heading">
        <h2 id="join-heading">{t('workshop.join.title')}</h2>
        <form
          className={styles.joinForm}
          onSubmit={(e) => {
            e.preventDefault();
            const clean = code.trim().toUpperCase();
            if (clean.length >= 4) {
              void navigate({ to: '/workshop/join/$code', params: { code: clean } });
            }
          }}
        >
          <label className="field">
            <span className="field-label">{t('workshop.join.code')}</span>
            <input
              className={`input ${styles.codeInput}`}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              minLength={4}
              maxLength={16}
              required
              aria-describedby="join-hint"
            />
            <span id="join-hint" className="field-hint">
              {t('workshop.join.codeHint')}
            </span>
          </label>
          <Button type="submit" variant="primary" className={styles.touch}>
            {t('workshop.join.submit')}
          </Button>
        </form>
      </section>

      <section aria-labelledby="sessions-heading" className={styles.section}>
        <div className="section-header">
          <h2 id="sessions-heading">{t('workshop.sessions')}</h2>
          <label className={styles.inlineField}>
            <span className="field-label">{t('workshop.group')}</span>
            <select className="input" aria-label={t('workshop.group')} value={chosen ?? ''} onChange={(e) => setGroupId(e.target.value)}>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        {!preparing && chosen !== null && (
          <p>
            <Button variant="primary" onClick={() => setPreparing(true)}>
              {t('workshop.prepare.title')}
            </Button>
          </p>
        )}
        {preparing && chosen !== null && (
          <PrepareForm
            groupId={chosen}
            templates={sessions.data?.sessions ?? []}
            onCancel={() => setPreparing(false)}
            onCreated={(sessionId) => void navigate({ to: '/workshop/$sessionId/moderate', params: { sessionId } })}
          />
        )}
        {sessions.error ? (
          <ErrorNotice>{t('workshop.error', { message: hostMessage(sessions.error, locale) })}</ErrorNotice>
        ) : sessions.data === undefined ? (
          chosen !== null && <Loading label={t('status.loading')} />
        ) : sessions.data.sessions.length === 0 ? (
          <EmptyState>{t('workshop.noSessions')}</EmptyState>
        ) : (
          <ul className={styles.sessionList}>
            {[...sessions.data.sessions]
              .sort((a, b) => b.date.localeCompare(a.date))
              .map((s) => (
                <li key={s.id} className={`card ${styles.sessionRow}`}>
                  <div>
                    <strong>{s.title}</strong>
                    <div className="muted small">
                      {date(s.date)} · {s.agenda.map((item) => t(`workshop.method.${item.method}`)).join(', ') || '–'}
                    </div>
                  </div>
                  <Badge tone={s.status === 'closed' ? 'success' : s.status === 'not-started' ? 'neutral' : 'info'}>{t(`workshop.status.${s.status}`)}</Badge>
                  {moderatorKey(s.id) ? (
                    <Link className="btn btn-secondary btn-md" to="/workshop/$sessionId/moderate" params={{ sessionId: s.id }}>
                      {t('workshop.openConsole')}
                    </Link>
                  ) : (
                    <span className="muted small">{t('workshop.noKey')}</span>
                  )}
                </li>
              ))}
          </ul>
        )}
      </section>
    </>
  );
}
