import { useMemo, useState, type ReactNode } from 'react';
import { Link, Outlet, useRouter, useRouterState } from '@tanstack/react-router';
import { useMessages } from '../i18n/i18n';
import { Button } from '../ui/Button';
import { LocaleSelect } from '../ui/LocaleSelect';
import { TermHint } from '../ui/TermHint';
import { PageStatusContext, PageStatusStore } from '../ui/page-status';
import { HelpContext, type HelpTerm } from '../ui/help';
import { HelpDialog } from './help/HelpDialog';
import { helpMessages } from './help/messages';
import { PageStatusLine } from './PageStatusLine';
import { PersonMenu } from './PersonMenu';
import styles from './Shell.module.css';

/** The app frame: skip link, header with the features' navigation, language and person, then the page. */
export function Shell(): ReactNode {
  const { t } = useMessages(helpMessages);
  const { nav, banners } = useRouter().options.context;
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const [pageStatus] = useState(() => new PageStatusStore());
  const [help, setHelp] = useState<{ open: boolean; at: HelpTerm | null }>({ open: false, at: null });
  const helpOpener = useMemo(() => ({ open: (at?: HelpTerm) => setHelp({ open: true, at: at ?? null }) }), []);
  return (
    <PageStatusContext.Provider value={pageStatus}>
      <HelpContext.Provider value={helpOpener}>
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
            <span className={styles.status}>
              <PageStatusLine store={pageStatus} />
              <TermHint term="saved" label={t('status.saved')} />
            </span>
            <Button size="sm" variant="ghost" onClick={() => helpOpener.open()} aria-haspopup="dialog">
              {t('help.open')}
            </Button>
            <LocaleSelect />
            <PersonMenu />
          </div>
        </header>
        <main id="main" tabIndex={-1} className="app-main">
          {banners.map((Banner, i) => (
            <Banner key={i} />
          ))}
          <Outlet />
        </main>
        <HelpDialog open={help.open} at={help.at} onClose={() => setHelp({ open: false, at: null })} />
      </HelpContext.Provider>
    </PageStatusContext.Provider>
  );
}
