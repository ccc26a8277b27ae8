import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AppInfo } from '../shared/contract';
import { api } from './api/client';
import { useI18n, type Locale } from './i18n/i18n';
import { AppContext, useApp } from './state/app-context';
import { routeHref, useRoute } from './state/route';
import { loadUser, saveUser, type LocalUser } from './state/user';
import { DocRegistry } from './sync/doc-registry';
import { DatasetSyncStatus } from './indicators/DatasetSyncStatus';
import { Button } from './ui/Button';
import { ErrorNotice, Loading } from './ui/States';
import { IndicatorsView } from './indicators/IndicatorsView';
import { GroupView } from './views/GroupView';
import { GroupsView } from './views/GroupsView';
import { ProposalView } from './views/ProposalView';
import { ReportView } from './views/ReportView';
import { Welcome } from './views/Welcome';

/** Resolves the host's sync address; a path like "/sync" is relative to this page's host. */
export function resolveSyncUrl(syncUrl: string, location: Location): string {
  if (/^wss?:\/\//.test(syncUrl)) {
    return syncUrl;
  }
  const url = new URL(syncUrl, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString().replace(/\/$/, '');
}

function Shell({ user, onRename, children }: { user: LocalUser; onRename: () => void; children: ReactNode }): ReactNode {
  const { t, locale, setLocale } = useI18n();
  const { info } = useApp();
  const route = useRoute();
  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.tagline')}</span>
        </div>
        <nav aria-label={t('nav.main')} className="main-nav">
          <a href={routeHref({ view: 'groups' })} aria-current={route.view !== 'report' && route.view !== 'indicators' ? 'page' : undefined}>
            {t('nav.groups')}
          </a>
          <a href={routeHref({ view: 'report' })} aria-current={route.view === 'report' ? 'page' : undefined}>
            {t('nav.report', { year: String(info.reportYear) })}
          </a>
          <a href={routeHref({ view: 'indicators' })} aria-current={route.view === 'indicators' ? 'page' : undefined}>
            {t('nav.indicators')}
          </a>
        </nav>
        <div className="header-tools">
          <label className="visually-hidden" htmlFor="locale">
            {t('nav.language')}
          </label>
          <select id="locale" className="locale-select" value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
            <option value="de">Deutsch</option>
            <option value="en">English</option>
          </select>
          <span className="user-chip" data-testid="user-name">
            <span className="avatar avatar-sm" style={{ backgroundColor: user.color }} aria-hidden="true" />
            {user.name}
          </span>
          <Button size="sm" variant="ghost" onClick={onRename}>
            {t('user.change')}
          </Button>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        <DatasetSyncStatus />
        {children}
      </main>
    </>
  );
}

function Routes(): ReactNode {
  const route = useRoute();
  switch (route.view) {
    case 'groups':
      return <GroupsView />;
    case 'group':
      return <GroupView key={route.groupId} groupId={route.groupId} />;
    case 'proposal':
      return <ProposalView key={`${route.groupId}/${route.proposalId}`} groupId={route.groupId} proposalId={route.proposalId} />;
    case 'report':
      return <ReportView />;
    case 'indicators':
      return <IndicatorsView />;
  }
}

/** The application: asks the host for its facts, then shows the name prompt or the workspace. */
export function App(): ReactNode {
  const { t } = useI18n();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [user, setUser] = useState<LocalUser | null>(loadUser);
  const [renaming, setRenaming] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    api.app
      .info({})
      .then(setInfo)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [attempt]);

  const registry = useMemo(() => (info ? new DocRegistry(resolveSyncUrl(info.syncUrl, window.location)) : null), [info]);

  if (error) {
    return (
      <main id="main" className="app-main">
        <ErrorNotice action={<Button onClick={() => { setError(null); setAttempt((n) => n + 1); }}>{t('error.retry')}</Button>}>
          {t('app.hostError', { message: error })}
        </ErrorNotice>
      </main>
    );
  }
  if (!info || !registry) {
    return <Loading label={t('app.loading')} />;
  }
  if (!user || renaming) {
    return (
      <Welcome
        initial={user?.name}
        onDone={(name) => {
          setUser(saveUser(name));
          setRenaming(false);
        }}
      />
    );
  }
  return (
    <AppContext.Provider value={{ info, registry, user }}>
      <Shell user={user} onRename={() => setRenaming(true)}>
        <Routes />
      </Shell>
    </AppContext.Provider>
  );
}
