import { useMemo, useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import type { AppInfo } from '../../../shared/contract';
import { DisplayName } from '../../../shared/people';
import { useMessages } from '../../i18n/i18n';
import { AppContext, type AppContextValue } from '../../state/app-context';
import { colorForName } from '../../state/user';
import { DocRegistry } from '../../sync/doc-registry';
import { Button } from '../../ui/Button';
import { messages } from './messages';
import { JoinView } from './ParticipantView';
import styles from './workshop.module.css';

/** The join code if the page was opened at a join link (`#/workshop/join/<code>`). */
export function workshopJoinCode(hash: string): string | null {
  const match = /^#\/workshop\/join\/([A-Za-z0-9]{4,16})\/?$/.exec(hash);
  return match?.[1]?.toUpperCase() ?? null;
}

const GuestForm = z.object({ name: DisplayName });

const NOTHING = { canEditGroup: () => false, canReadGroup: () => false, canEditReport: false, canPublishStatistics: false };

/**
 * A guest at a join link while the server has accounts (a citizen, an invited expert): a name
 * only, and only this session — no workspace, no other document. The server decides whether the
 * session admits guests; members can sign in instead.
 */
export function GuestWorkshop({ info, syncUrl, code, onSignIn }: { info: AppInfo; syncUrl: string; code: string; onSignIn: () => void }): ReactNode {
  const { t } = useMessages(messages);
  const [name, setName] = useState<string | null>(null);
  // Never used to open a document (the participant view reads its session's document itself); the context needs one.
  const registry = useMemo(() => new DocRegistry({ syncUrl, token: null, localScope: 'workshop-guest' }), [syncUrl]);
  const { register, handleSubmit, formState } = useForm<z.input<typeof GuestForm>, unknown, z.output<typeof GuestForm>>({
    resolver: zodResolver(GuestForm),
    defaultValues: { name: '' },
  });
  if (name === null) {
    return (
      <main id="main" className="app-main">
        <div className={`card ${styles.panel} ${styles.guest}`}>
          <h1>{t('workshop.join.title')}</h1>
          <p>{t('workshop.guest.intro', { code })}</p>
          <form className="stack" onSubmit={(e) => void handleSubmit((form) => setName(form.name))(e)}>
            <label className="field">
              <span className="field-label">{t('workshop.guest.name')}</span>
              <input className={`input ${styles.touchInput}`} autoFocus maxLength={60} aria-invalid={formState.errors.name ? true : undefined} {...register('name')} />
            </label>
            {formState.errors.name && (
              <p className="field-error" role="alert">
                {t('workshop.guest.nameRequired')}
              </p>
            )}
            <Button type="submit" variant="primary" className={styles.touch}>
              {t('workshop.guest.join')}
            </Button>
          </form>
          <p>
            <Button variant="ghost" className={styles.touch} onClick={onSignIn}>
              {t('workshop.guest.signIn')}
            </Button>
          </p>
        </div>
      </main>
    );
  }
  const context: AppContextValue = { info, registry, user: { name, color: colorForName(name) }, session: null, permissions: NOTHING };
  return (
    <AppContext.Provider value={context}>
      <main id="main" className="app-main">
        <JoinView code={code} />
      </main>
    </AppContext.Provider>
  );
}
