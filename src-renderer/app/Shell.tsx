import { useState, type ReactNode } from 'react';
import { Link, Outlet, useRouter, useRouterState } from '@tanstack/react-router';
import { useI18n } from '../i18n/i18n';
import { useApp } from '../state/app-context';
import { Button } from '../ui/Button';
import { LocaleSelect } from '../ui/LocaleSelect';
import { PageStatusContext, PageStatusStore } from '../ui/page-status';
import { PageStatusLine } from './PageStatusLine';
import { useShellActions } from './shell-actions';
import styles from './Shell.module.css';

/** The app frame: skip link, header with the features' navigation, language and person, then the page. */
export function Shell(): ReactNode {
  const { t } = useI18n();
  const { user, session } = useApp();
  const actions = useShellActions();
  const { nav, banners } = useRouter().options.context;
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const [pageStatus] = useState(() => new PageStatusStore());
  return (
    <PageStatusContext.Provider value={pageStatus}>
      <a className={styles.skipLink} href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('app.skipToContent')}
      </a>
      <header className={styles.header}>
        <div className={styles.brand}>
          <span className={styles.brandMark} aria-hidden="true" />
          <span className={styles.brandName}>{t('app.name')}</span>
          <span className={styles.brandTagline}>{t('app.tagline')}</span>
        </div>
        <nav aria-label={t('nav.main')} className={styles.mainNav}>
          {nav.map(({ to, Label, isActive }) => (
            // `to` comes from a feature's own route; exact matching, the feature decides what else counts as current.
            <Link key={to} to={to as '/'} activeOptions={{ exact: true }} aria-current={isActive(pathname) ? 'page' : undefined}>
              <Label />
            </Link>
          ))}
        </nav>
        <div className={styles.tools}>
          <PageStatusLine store={pageStatus} />
          <LocaleSelect />
          <span className={styles.userChip} data-testid="user-name" title={user.name}>
            <span className="avatar avatar-sm" style={{ backgroundColor: user.color }} aria-hidden="true" />
            <span className={styles.userChipName}>{user.name}</span>
            {session && <span className={styles.roleLabel}> ({t(`role.${session.account.role}`)})</span>}
          </span>
          {session ? (
            <Button size="sm" variant="ghost" onClick={actions.signOut}>
              {t('signIn.signOut')}
            </Button>
          ) : (
            actions.rename && (
              <Button size="sm" variant="ghost" onClick={actions.rename}>
                {t('user.change')}
              </Button>
            )
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        {banners.map((Banner, i) => (
          <Banner key={i} />
        ))}
        <Outlet />
      </main>
    </PageStatusContext.Provider>
  );
}
