import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useMessages } from '../i18n/i18n';
import { useApp } from '../state/app-context';
import { Button } from '../ui/Button';
import { helpMessages } from './help/messages';
import { useShellActions } from './shell-actions';
import styles from './Shell.module.css';

/**
 * The person in the header: avatar and name (shortened where space is tight), and a panel with the
 * full name, role and "Namen ändern" or "Abmelden". A disclosure button: Enter/Space opens,
 * Escape or a click elsewhere closes, focus returns to the button.
 */
export function PersonMenu(): ReactNode {
  const { t } = useMessages(helpMessages);
  const { user, session } = useApp();
  const actions = useShellActions();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) {
      return;
    }
    const onPointer = (e: PointerEvent): void => {
      if (root.current && !root.current.contains(e.target as Node)) {
        setOpen(false);
      }
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);
  const role = session ? t(`role.${session.account.role}`) : null;
  const act = (action: () => void) => () => {
    setOpen(false);
    action();
  };
  return (
    <div className={styles.person} ref={root}>
      <button
        ref={button}
        type="button"
        className={styles.personButton}
        aria-expanded={open}
        aria-controls={panelId}
        data-testid="user-name"
        onClick={() => setOpen((o) => !o)}
      >
        <span className={`avatar ${styles.personAvatar}`} style={{ backgroundColor: user.color }} aria-hidden="true" />
        <span className={styles.personName}>
          {user.name}
          {role && <span className={styles.roleLabel}> ({role})</span>}
        </span>
        <span className={styles.personCaret} aria-hidden="true">
          ▾
        </span>
      </button>
      <div id={panelId} className={styles.personPanel} hidden={!open}>
        <p className={styles.personFull}>
          <strong>{user.name}</strong>
          {role && <span className={styles.roleLabel}>{role}</span>}
        </p>
        {session ? (
          <Button onClick={act(actions.signOut)}>{t('signIn.signOut')}</Button>
        ) : (
          actions.rename && <Button onClick={act(actions.rename)}>{t('user.change')}</Button>
        )}
      </div>
    </div>
  );
}
