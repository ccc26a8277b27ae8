import { useState, type ReactNode } from 'react';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';
import { Button } from '../../ui/Button';
import { ErrorNotice, InfoNotice } from '../../ui/States';
import { login, redeemInvitation, type Session } from './session';
import styles from './auth.module.css';

/** Sign-in with login and password, or with an invitation code that sets the password. */
/** `notice`: why the person has to sign in again (an error); `info`: what the last sign-out did. */
export function SignIn({ notice, info, onSignedIn }: { notice?: string | null; info?: string | null; onSignedIn: (session: Session) => void }): ReactNode {
  const { t } = useMessages(messages);
  const [mode, setMode] = useState<'login' | 'invitation'>('login');
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (): Promise<void> => {
    setError(null);
    if (mode === 'invitation' && password !== repeat) {
      setError(t('signIn.mismatch'));
      return;
    }
    setBusy(true);
    try {
      onSignedIn(mode === 'login' ? await login(name.trim(), password) : await redeemInvitation(code.trim(), password));
    } catch (e: unknown) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" className={styles.page}>
      <div className={`card ${styles.card}`}>
        <h1>{t('signIn.title')}</h1>
        <p>{t(mode === 'login' ? 'signIn.intro' : 'signIn.invitationIntro')}</p>
        {notice && <ErrorNotice>{notice}</ErrorNotice>}
        {info && <InfoNotice>{info}</InfoNotice>}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          {mode === 'login' ? (
            <label className="field">
              <span className="field-label">{t('signIn.login')}</span>
              <input className="input" autoComplete="username" autoFocus required value={name} onChange={(e) => setName(e.target.value)} />
            </label>
          ) : (
            <label className="field">
              <span className="field-label">{t('signIn.code')}</span>
              <input className="input" autoFocus required value={code} onChange={(e) => setCode(e.target.value)} />
            </label>
          )}
          <label className="field">
            <span className="field-label">{t(mode === 'login' ? 'signIn.password' : 'signIn.newPassword')}</span>
            <input
              className="input"
              type="password"
              autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </label>
          {mode === 'invitation' && (
            <label className="field">
              <span className="field-label">{t('signIn.repeatPassword')}</span>
              <input className="input" type="password" autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.target.value)} />
            </label>
          )}
          {error && <ErrorNotice>{error}</ErrorNotice>}
          <div className={`form-actions ${styles.actionsSplit}`}>
            <Button variant="ghost" onClick={() => { setMode(mode === 'login' ? 'invitation' : 'login'); setError(null); }}>
              {t(mode === 'login' ? 'signIn.haveInvitation' : 'signIn.haveAccount')}
            </Button>
            <Button type="submit" variant="primary" disabled={busy}>
              {t(mode === 'login' ? 'signIn.submit' : 'signIn.setPassword')}
            </Button>
          </div>
        </form>
      </div>
    </main>
  );
}
