import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { PASSWORD_MIN_LENGTH } from '../../../shared/sync/auth-api';
import { useMessages } from '../../i18n/i18n';
import { Button } from '../../ui/Button';
import { LocaleSelect } from '../../ui/LocaleSelect';
import { errorText } from '../../ui/error-text';
import { ErrorNotice, InfoNotice } from '../../ui/States';
import { InvitationForm, LoginForm } from './forms';
import { messages } from './messages';
import { login, redeemInvitation, type Session } from './session';
import styles from './auth.module.css';

type Mode = 'login' | 'invitation';

/** The fields and buttons of one sign-in mode; the switch to the other mode sits next to submit. */
function Actions({ mode, busy, onSwitch }: { mode: Mode; busy: boolean; onSwitch: () => void }): ReactNode {
  const { t } = useMessages(messages);
  return (
    <div className={`form-actions ${styles.actionsSplit}`}>
      <Button variant="ghost" onClick={onSwitch}>
        {t(mode === 'login' ? 'signIn.haveInvitation' : 'signIn.haveAccount')}
      </Button>
      <Button type="submit" variant="primary" disabled={busy}>
        {t(mode === 'login' ? 'signIn.submit' : 'signIn.setPassword')}
      </Button>
    </div>
  );
}

/** Login and password, checked with the contract's schema before anything is sent. */
function LoginFields({ onSignedIn, onSwitch }: { onSignedIn: (session: Session) => void; onSwitch: () => void }): ReactNode {
  const i18n = useMessages(messages);
  const { t } = i18n;
  const { register, handleSubmit, formState, setError } = useForm<LoginForm>({ resolver: zodResolver(LoginForm), defaultValues: { login: '', password: '' } });
  const submit = handleSubmit(async (form) => {
    try {
      onSignedIn(await login(form.login, form.password));
    } catch (e: unknown) {
      setError('root', { message: errorText(e, i18n, { unauthorized: t('signIn.wrongPassword'), 'rate-limited': t('signIn.tooMany'), 'bad-request': t('signIn.wrongPassword') }) });
    }
  });
  return (
    <form onSubmit={(e) => void submit(e)}>
      <label className="field">
        <span className="field-label">{t('signIn.login')}</span>
        <input className="input" autoComplete="username" autoFocus required {...register('login')} />
      </label>
      <label className="field">
        <span className="field-label">{t('signIn.password')}</span>
        <input className="input" type="password" autoComplete="current-password" required {...register('password')} />
      </label>
      {formState.errors.root && <ErrorNotice>{formState.errors.root.message}</ErrorNotice>}
      <Actions mode="login" busy={formState.isSubmitting} onSwitch={onSwitch} />
    </form>
  );
}

/** Invitation code and the new password twice; a mismatch is said before anything is sent. */
function InvitationFields({ onSignedIn, onSwitch }: { onSignedIn: (session: Session) => void; onSwitch: () => void }): ReactNode {
  const i18n = useMessages(messages);
  const { t } = i18n;
  const { register, handleSubmit, formState, setError } = useForm<InvitationForm>({
    resolver: zodResolver(InvitationForm),
    defaultValues: { code: '', password: '', repeat: '' },
  });
  const submit = handleSubmit(async (form) => {
    try {
      onSignedIn(await redeemInvitation(form.code, form.password));
    } catch (e: unknown) {
      // The password's length is checked before sending, so a refused request is the code.
      setError('root', { message: errorText(e, i18n, { 'bad-request': t('signIn.invitationInvalid'), 'rate-limited': t('signIn.tooMany') }) });
    }
  });
  const error = formState.errors.password
    ? t('signIn.passwordShort', { min: PASSWORD_MIN_LENGTH })
    : formState.errors.repeat
      ? t('signIn.mismatch')
      : formState.errors.root?.message;
  return (
    <form onSubmit={(e) => void submit(e)}>
      <label className="field">
        <span className="field-label">{t('signIn.code')}</span>
        <input className="input" autoFocus required {...register('code')} />
      </label>
      <label className="field">
        <span className="field-label">{t('signIn.newPassword')}</span>
        <input
          className="input"
          type="password"
          autoComplete="new-password"
          required
          aria-describedby="new-password-hint"
          aria-invalid={formState.errors.password !== undefined}
          {...register('password')}
        />
        <span id="new-password-hint" className="field-hint">
          {t('signIn.passwordHint', { min: PASSWORD_MIN_LENGTH })}
        </span>
      </label>
      <label className="field">
        <span className="field-label">{t('signIn.repeatPassword')}</span>
        <input className="input" type="password" autoComplete="new-password" required {...register('repeat')} />
      </label>
      {error && <ErrorNotice>{error}</ErrorNotice>}
      <Actions mode="invitation" busy={formState.isSubmitting} onSwitch={onSwitch} />
    </form>
  );
}

/**
 * Sign-in with login and password, or with an invitation code that sets the password.
 * `notice`: why the person has to sign in again (an error); `info`: what the last sign-out did.
 */
export function SignIn({ notice, info, onSignedIn }: { notice?: string | null; info?: string | null; onSignedIn: (session: Session) => void }): ReactNode {
  const { t } = useMessages(messages);
  const [mode, setMode] = useState<Mode>('login');
  return (
    <main id="main" className={styles.page}>
      <div className={`card ${styles.card}`}>
        <div className={styles.language}>
          <LocaleSelect />
        </div>
        <h1>{t('signIn.title')}</h1>
        <p>{t(mode === 'login' ? 'signIn.intro' : 'signIn.invitationIntro')}</p>
        {notice && <ErrorNotice>{notice}</ErrorNotice>}
        {info && <InfoNotice>{info}</InfoNotice>}
        {mode === 'login' ? (
          <LoginFields onSignedIn={onSignedIn} onSwitch={() => setMode('invitation')} />
        ) : (
          <InvitationFields onSignedIn={onSignedIn} onSwitch={() => setMode('login')} />
        )}
      </div>
    </main>
  );
}
