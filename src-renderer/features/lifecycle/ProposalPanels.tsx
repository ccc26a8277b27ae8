import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { readProposalMeta } from '../../../shared/docs/proposal';
import { useMessages } from '../../i18n/i18n';
import { useDocValue } from '../../sync/hooks';
import { CommentsPanel } from './CommentsPanel';
import { ImplementationPanel } from './ImplementationPanel';
import { ManagePanel } from './ManagePanel';
import { messages } from './messages';
import { RatingPanel } from './RatingPanel';
import { VersionsPanel } from './VersionsPanel';
import styles from './lifecycle.module.css';

const TABS = ['comments', 'versions', 'rating', 'implementation', 'manage'] as const;
type Tab = (typeof TABS)[number];

/**
 * Beside the proposal: comments, versions, the Steuerungsgruppe's rating, implementation and
 * managing, as tabs (WAI-ARIA tabs pattern: arrow keys, Home and End move between them).
 */
export function ProposalPanels({ doc, groupId, proposalId, canWrite }: { doc: Y.Doc; groupId: string; proposalId: string; canWrite: boolean }): ReactNode {
  const { t } = useMessages(messages);
  const [tab, setTab] = useState<Tab>('comments');
  const title = useDocValue(doc, (d) => readProposalMeta(d).title);
  const buttons = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});
  const onKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = TABS.indexOf(tab);
    const next =
      event.key === 'ArrowRight' ? TABS[(index + 1) % TABS.length] : event.key === 'ArrowLeft' ? TABS[(index + TABS.length - 1) % TABS.length] : event.key === 'Home' ? TABS[0] : event.key === 'End' ? TABS[TABS.length - 1] : undefined;
    if (next !== undefined) {
      event.preventDefault();
      setTab(next);
      buttons.current[next]?.focus();
    }
  };
  return (
    <section className={`card ${styles.panels}`} aria-label={t('lifecycle.tabs')}>
      <div role="tablist" aria-label={t('lifecycle.tabs')} className={styles.tablist} onKeyDown={onKey}>
        {TABS.map((id) => (
          <button
            key={id}
            ref={(element) => {
              buttons.current[id] = element;
            }}
            type="button"
            role="tab"
            id={`lifecycle-tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`lifecycle-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            className={styles.tab}
            onClick={() => setTab(id)}
          >
            {t(`lifecycle.tab.${id}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`lifecycle-panel-${tab}`} aria-labelledby={`lifecycle-tab-${tab}`} tabIndex={0} className={styles.tabpanel}>
        {tab === 'comments' && <CommentsPanel proposal={doc} groupId={groupId} proposalId={proposalId} />}
        {tab === 'versions' && <VersionsPanel doc={doc} groupId={groupId} proposalId={proposalId} canWrite={canWrite} />}
        {tab === 'rating' && <RatingPanel doc={doc} groupId={groupId} proposalId={proposalId} />}
        {tab === 'implementation' && <ImplementationPanel doc={doc} groupId={groupId} proposalId={proposalId} />}
        {tab === 'manage' && <ManagePanel groupId={groupId} proposalId={proposalId} title={title} />}
      </div>
    </section>
  );
}
