import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { RouterProvider } from '@tanstack/react-router';
import { useQuery } from '@tanstack/react-query';
import type { AppInfo } from '../shared/contract';
import { api, HostError } from './api/client';
import { createAppRouter } from './app/router';
import { ShellActionsContext } from './app/shell-actions';
import { ALL_PERMISSIONS, authMessages, authRequired, loadSession, permissionsOf, refresh, RenameDialog, saveSession, SignIn, Welcome, type Session } from './features/auth';
import { useMessages } from './i18n/i18n';
import { AppContext } from './state/app-context';
import { colorForName, loadUser, saveUser, type LocalUser } from './state/user';
import { DocRegistry } from './sync/doc-registry';
import { documentsWithUnconfirmedChanges, forgetCopies } from './sync/local-copies';
import { syncUnconfirmedCopies } from './sync/offline-catch-up';
import { Dialog } from './ui/Dialog';
import { Button } from './ui/Button';
import { errorText } from './ui/error-text';
import { ErrorNotice, Loading } from './ui/States';
import { GuestWorkshop, workshopJoinCode } from './features/workshop';

/** Resolves the host's sync address; a path like "/sync" is relative to this page's host. */
export function resolveSyncUrl(syncUrl: string, location: Location): string {
  if (/^wss?:\/\//.test(syncUrl)) {
    return syncUrl;
  }
  const url = new URL(syncUrl, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString().replace(/\/$/, '');
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
  onRename: ((name: string) => void) | null;
  onSignOut: (copiesKept: boolean) => void;
  onUnauthorized: () => void;
}): ReactNode {
  const { t } = useMessages(authMessages);
  const router = useMemo(() => createAppRouter(), []);
  const localScope = session?.account.login ?? '';
  const registry = useMemo(
    () => new DocRegistry({ syncUrl, token: session?.token ?? null, onUnauthorized, localScope }),
    // A new token is handed to the open registry below; a new registry only for a new server or account.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [syncUrl, localScope],
  );
  const [confirmSignOut, setConfirmSignOut] = useState(false);
  const [renaming, setRenaming] = useState(false);
  // Signing out removes the account's local copies from this device (a shared workshop iPad must
  // not keep them), unless the server has not confirmed everything yet: then they stay, say so,
  // and sync at the next sign-in.
  const [leaving, setLeaving] = useState(false);
  const signOut = useCallback(
    async (keepCopies: boolean): Promise<void> => {
      // Unmount the pages first: a view that re-renders while its documents close would open them
      // again (and recreate the local copies about to be deleted).
      flushSync(() => setLeaving(true));
      await registry.closeAll();
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
  const shellActions = useMemo(
    () => ({ rename: onRename ? () => setRenaming(true) : null, signOut: () => void requestSignOut() }),
    [onRename, requestSignOut],
  );
  return (
    <AppContext.Provider value={{ info, registry, user, session, permissions }}>
      <ShellActionsContext.Provider value={shellActions}>
        {leaving ? <Loading label={t('status.loading')} /> : <RouterProvider router={router} />}
      </ShellActionsContext.Provider>
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
      {onRename && (
        <RenameDialog
          open={renaming}
          current={user.name}
          onCancel={() => setRenaming(false)}
          onDone={(name) => {
            setRenaming(false);
            onRename(name);
          }}
        />
      )}
    </AppContext.Provider>
  );
}

/** The application: asks the host for its facts, then signs in (if the sync server has accounts) or asks for a name. */
export function App(): ReactNode {
  const i18n = useMessages(authMessages);
  const { t } = i18n;
  // The host's facts, then whether the sync server has accounts; a failure offers a retry.
  const infoQuery = useQuery({ queryKey: ['app', 'info'], queryFn: () => api.app.info({}), retry: false, staleTime: Infinity });
  const info = infoQuery.data ?? null;
  const authQuery = useQuery({ queryKey: ['auth', 'required'], queryFn: authRequired, enabled: info !== null, staleTime: Infinity });
  const authOn = authQuery.data ?? null;
  const [session, setSession] = useState<Session | null>(loadSession);
  const [signInNotice, setSignInNotice] = useState<string | null>(null);
  const [signOutInfo, setSignOutInfo] = useState<string | null>(null);
  const [localUser, setLocalUser] = useState<LocalUser | null>(loadUser);
  const [guestSignIn, setGuestSignIn] = useState(false);

  const syncUrl = info ? resolveSyncUrl(info.syncUrl, window.location) : null;

  const updateSession = useCallback((next: Session | null) => {
    saveSession(next);
    setSession(next);
  }, []);
  const invalidate = useCallback(() => {
    setSignInNotice(t('signIn.expired'));
    updateSession(null);
  }, [t, updateSession]);
  useSessionRefresh(authOn ? session : null, updateSession, invalidate);

  if (infoQuery.error && !infoQuery.isFetching) {
    return (
      <main id="main" className="app-main">
        <ErrorNotice action={<Button onClick={() => void infoQuery.refetch()}>{t('error.retry')}</Button>}>
          {t('app.hostError', { message: errorText(infoQuery.error, i18n) })}
        </ErrorNotice>
      </main>
    );
  }
  if (!info || !syncUrl || authOn === null) {
    return <Loading label={t('app.loading')} />;
  }
  // A join link opened without an account: a guest takes part in that one session by name.
  const guestCode = authOn && !session && !guestSignIn ? workshopJoinCode(window.location.hash) : null;
  if (guestCode !== null) {
    return <GuestWorkshop info={info} syncUrl={syncUrl} code={guestCode} onSignIn={() => setGuestSignIn(true)} />;
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
  const user: LocalUser | null = authOn && session ? { name: session.account.name, color: colorForName(session.account.login) } : localUser;
  if (!user) {
    return <Welcome onDone={(name) => setLocalUser(saveUser(name))} />;
  }
  return (
    <Workspace
      info={info}
      syncUrl={syncUrl}
      session={authOn ? session : null}
      user={user}
      onRename={authOn ? null : (name) => setLocalUser(saveUser(name))}
      onSignOut={(copiesKept) => {
        setSignOutInfo(t(copiesKept ? 'signOut.doneKept' : 'signOut.done'));
        updateSession(null);
      }}
      onUnauthorized={invalidate}
    />
  );
}
