import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { AppInfo } from '../shared/contract';
import { api, HostError } from './api/client';
import { useI18n, type Locale } from './i18n/i18n';
import { AppContext, useApp } from './state/app-context';
import { routeHref, useRoute } from './state/route';
import { colorForName, loadUser, saveUser, type LocalUser } from './state/user';
import { ALL_PERMISSIONS, authRequired, loadSession, permissionsOf, refresh, saveSession, type Session } from './auth/session';
import { SignIn } from './auth/SignIn';
import { DocRegistry } from './sync/doc-registry';
import { documentsWithUnconfirmedChanges, forgetCopies } from './sync/local-copies';
import { syncUnconfirmedCopies } from './sync/offline-catch-up';
import { Dialog } from './ui/Dialog';
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

function Shell({ children, onRename, onSignOut }: { children: ReactNode; onRename: () => void; onSignOut: () => void }): ReactNode {
  const { t, locale, setLocale } = useI18n();
  const { info, user, session } = useApp();
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
          <span className="user-chip" data-testid="user-name" title={user.name}>
            <span className="avatar avatar-sm" style={{ backgroundColor: user.color }} aria-hidden="true" />
            <span className="user-chip-name">{user.name}</span>
            {session && <span className="role-label"> ({t(`role.${session.account.role}`)})</span>}
          </span>
          {session ? (
            <Button size="sm" variant="ghost" onClick={onSignOut}>
              {t('signIn.signOut')}
            </Button>
          ) : (
            <Button size="sm" variant="ghost" onClick={onRename}>
              {t('user.change')}
            </Button>
          )}
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

/** Keeps a session fresh: refreshes the token at half its lifetime; tells when it is no longer valid. */
function useSessionRefresh(session: Session | null, onSession: (s: Session) => void, onInvalid: () => void): void {
  useEffect(() => {
    if (!session) {
      return;
    }
    const expires = Date.parse(session.expiresAt);
    const delay = Math.max(5_000, (expires - Date.now()) / 2);
    const timer = setTimeout(() => {
      refresh(session.token).then(onSession, (e: unknown) => {
        if (e instanceof HostError && e.code === 'unauthorized') {
          onInvalid();
        }
      });
    }, delay);
    return () => clearTimeout(timer);
  }, [session, onSession, onInvalid]);
}

/** The workspace once the person is known: sync registry, permissions, routes. */
function Workspace({ info, syncUrl, session, user, onRename, onSignOut, onUnauthorized }: {
  info: AppInfo;
  syncUrl: string;
  session: Session | null;
  user: LocalUser;
  onRename: () => void;
  onSignOut: (copiesKept: boolean) => void;
  onUnauthorized: () => void;
}): ReactNode {
  const { t } = useI18n();
  const localScope = session?.account.login ?? '';
  const registry = useMemo(
    () => new DocRegistry({ syncUrl, token: session?.token ?? null, onUnauthorized, localScope }),
    // A new token is handed to the open registry below; a new registry only for a new server or account.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [syncUrl, localScope],
  );
  const [confirmSignOut, setConfirmSignOut] = useState(false);
  // Signing out removes the account's local copies from this device (a shared workshop iPad must
  // not keep them), unless the server has not confirmed everything yet: then they stay, say so,
  // and sync at the next sign-in.
  const signOut = useCallback(
    async (keepCopies: boolean): Promise<void> => {
      registry.closeAll();
      if (!keepCopies) {
        await forgetCopies(localScope);
      }
      onSignOut(keepCopies);
    },
    [registry, localScope, onSignOut],
  );
  const requestSignOut = useCallback(async (): Promise<void> => {
    if (registry.hasUnsyncedChanges() || (await documentsWithUnconfirmedChanges(localScope)).length > 0) {
      setConfirmSignOut(true);
    } else {
      await signOut(false);
    }
  }, [registry, localScope, signOut]);
  useEffect(() => {
    if (session) {
      registry.setToken(session.token);
    }
  }, [registry, session]);
  // Changes kept on this device from an earlier session reach the server without anyone opening their documents.
  useEffect(() => syncUnconfirmedCopies(registry, localScope), [registry, localScope]);
  useEffect(() => {
    // Warn before closing or reloading while changes are not confirmed by the server (they stay
    // in IndexedDB either way and sync at the next start; the browser shows its own dialog).
    const onBeforeUnload = (event: BeforeUnloadEvent): void => {
      if (registry.hasUnsyncedChanges()) {
        event.preventDefault();
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [registry]);
  const permissions = session ? permissionsOf(session.account) : ALL_PERMISSIONS;
  return (
    <AppContext.Provider value={{ info, registry, user, session, permissions }}>
      <Shell onRename={onRename} onSignOut={() => void requestSignOut()}>
        <Routes />
      </Shell>
      <Dialog
        open={confirmSignOut}
        title={t('signOut.unsyncedTitle')}
        onClose={() => setConfirmSignOut(false)}
        footer={
          <>
            {/* First, so it has the focus when the dialog opens: Enter keeps the person signed in. */}
            <Button variant="primary" onClick={() => setConfirmSignOut(false)}>
              {t('signOut.stay')}
            </Button>
            <Button onClick={() => void signOut(true)}>{t('signOut.keepAndSignOut')}</Button>
          </>
        }
      >
        <p>{t('signOut.unsyncedText')}</p>
      </Dialog>
    </AppContext.Provider>
  );
}

/** The application: asks the host for its facts, then signs in (if the sync server has accounts) or asks for a name. */
export function App(): ReactNode {
  const { t } = useI18n();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [authOn, setAuthOn] = useState<boolean | null>(null);
  const [session, setSession] = useState<Session | null>(loadSession);
  const [signInNotice, setSignInNotice] = useState<string | null>(null);
  const [signOutInfo, setSignOutInfo] = useState<string | null>(null);
  const [localUser, setLocalUser] = useState<LocalUser | null>(loadUser);
  const [renaming, setRenaming] = useState(false);

  useEffect(() => {
    api.app
      .info({})
      .then(setInfo)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [attempt]);

  const syncUrl = info ? resolveSyncUrl(info.syncUrl, window.location) : null;
  useEffect(() => {
    if (info) {
      void authRequired().then(setAuthOn);
    }
  }, [info]);

  const updateSession = useCallback((next: Session | null) => {
    saveSession(next);
    setSession(next);
  }, []);
  const invalidate = useCallback(() => {
    setSignInNotice(t('signIn.expired'));
    updateSession(null);
  }, [t, updateSession]);
  useSessionRefresh(authOn ? session : null, updateSession, invalidate);

  if (error) {
    return (
      <main id="main" className="app-main">
        <ErrorNotice action={<Button onClick={() => { setError(null); setAttempt((n) => n + 1); }}>{t('error.retry')}</Button>}>
          {t('app.hostError', { message: error })}
        </ErrorNotice>
      </main>
    );
  }
  if (!info || !syncUrl || authOn === null) {
    return <Loading label={t('app.loading')} />;
  }
  if (authOn && !session) {
    return (
      <SignIn
        notice={signInNotice}
        info={signOutInfo}
        onSignedIn={(s) => {
          setSignInNotice(null);
          setSignOutInfo(null);
          updateSession(s);
        }}
      />
    );
  }
  const user: LocalUser | null = authOn && session ? { name: session.account.name, color: colorForName(session.account.login) } : renaming ? null : localUser;
  if (!user) {
    return (
      <Welcome
        initial={localUser?.name}
        onDone={(name) => {
          setLocalUser(saveUser(name));
          setRenaming(false);
        }}
      />
    );
  }
  return (
    <Workspace
      info={info}
      syncUrl={syncUrl}
      session={authOn ? session : null}
      user={user}
      onRename={() => setRenaming(true)}
      onSignOut={(copiesKept) => {
        setSignOutInfo(t(copiesKept ? 'signOut.doneKept' : 'signOut.done'));
        updateSession(null);
      }}
      onUnauthorized={invalidate}
    />
  );
}
