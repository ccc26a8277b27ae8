import { useState, type ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { listGroups } from '../../../shared/docs/workspace';
import { MAX_TITLE_LENGTH, patchProposalSummary, readProposalMeta, setProposalTitle } from '../../../shared/docs/proposal';
import { readLifecycle } from '../../../shared/docs/lifecycle/document';
import { getReportEntry } from '../../../shared/docs/report';
import { pushProposalRecommendation, type PushRefusal } from '../../../shared/docs/push';
import { Fragment } from '../../../shared/schema/fragments';
import { WORKSPACE_DOC, groupIndexDocName, proposalDocName, reportDocName } from '../../../shared/sync/doc-names';
import { CollaborativeEditor } from '../../ui/editor/CollaborativeEditor';
import { useMessages } from '../../i18n/i18n';
import { messages } from './messages';
import styles from './proposals.module.css';
import { useApp } from '../../state/app-context';
import { useDoc, useDocValue, useSyncStatus } from '../../sync/hooks';
import { Button } from '../../ui/Button';
import { LengthHint } from '../../ui/LengthHint';
import { ErrorNotice, InfoNotice } from '../../ui/States';
import { Presence } from './Presence';
import { SyncStatusBadge } from '../../ui/SyncStatusBadge';
import { ProposalPanels, StatusBadge, StatusPanel } from '../lifecycle';

/** A proposal: live co-authoring of text and recommendation, status, and the push into the report. */
export function ProposalView({ groupId, proposalId }: { groupId: string; proposalId: string }): ReactNode {
  const { t, date } = useMessages(messages);
  const { info, user, permissions } = useApp();
  const workspace = useDoc(WORKSPACE_DOC);
  const groupName = useDocValue(workspace.doc, (d) => listGroups(d).find((g) => g.id === groupId)?.name ?? groupId);
  const index = useDoc(groupIndexDocName(groupId));
  const proposal = useDoc(proposalDocName(groupId, proposalId));
  const report = useDoc(reportDocName(info.reportYear));
  const meta = useDocValue(proposal.doc, readProposalMeta);
  const status = useDocValue(proposal.doc, (d) => readLifecycle(d).status);
  const access = useSyncStatus(proposal);
  const canEdit = permissions.canEditGroup(groupId) && !access.readOnly;
  const pushed = useDocValue(report.doc, (d) => getReportEntry(d, proposalId));
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);

  const now = (): string => new Date().toISOString();
  const changeTitle = (title: string): void => {
    if (title.trim() === '') {
      return; // a proposal always has a title (the server refuses an empty one)
    }
    setProposalTitle(proposal.doc, title);
    patchProposalSummary(index.doc, proposalId, { title: title.slice(0, MAX_TITLE_LENGTH), updatedAt: now() });
  };
  const push = (): void => {
    const result = pushProposalRecommendation({ proposalDoc: proposal.doc, reportDoc: report.doc, groupId, proposalId, by: user.name, at: now() });
    setMessage(
      result.ok
        ? { kind: 'info', text: t('proposal.pushDone', { year: String(info.reportYear) }) }
        : { kind: 'error', text: t(`proposal.push.${result.reason satisfies PushRefusal}`) },
    );
  };

  return (
    <>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to="/">{t('nav.groups')}</Link>
        <span aria-hidden="true">›</span>
        <Link to="/group/$groupId" params={{ groupId }}>
          {groupName}
        </Link>
      </nav>
      <div className={styles.layout}>
        <div>
          {!canEdit && (
            <p className={styles.readOnlyNotice} role="note">
              {t('access.readOnly')}
            </p>
          )}
          <h1 className="visually-hidden">{meta.title || t('proposal.title')}</h1>
          <label className={`field ${styles.titleField}`}>
            <span className="visually-hidden">{t('proposal.title')}</span>
            <textarea
              className={styles.titleInput}
              rows={1}
              readOnly={!canEdit}
              value={meta.title}
              maxLength={MAX_TITLE_LENGTH}
              placeholder={t('proposal.title')}
              onChange={(e) => changeTitle(e.target.value.replace(/\n/g, ' '))}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                }
              }}
              aria-describedby="title-length"
              data-testid="proposal-title"
            />
            {canEdit && <LengthHint id="title-length" length={meta.title.length} max={MAX_TITLE_LENGTH} />}
          </label>
          <section className={styles.docSection} aria-labelledby="body-heading">
            <h2 id="body-heading" className={styles.docSectionTitle}>
              {t('proposal.body')} <span className="muted small">{t('proposal.bodyHint')}</span>
            </h2>
            <CollaborativeEditor
              connection={proposal}
              field={Fragment.proposalBody}
              label={t('proposal.body')}
              placeholder={t('editor.placeholder')}
              allowSnapshots
              editable={canEdit}
              testId="editor-body"
            />
          </section>
          <section className={`${styles.docSection} ${styles.recommendationSection}`} aria-labelledby="rec-heading">
            <div className="section-header">
              <h2 id="rec-heading" className={styles.docSectionTitle}>
                {t('proposal.recommendation')} <span className="muted small">{t('proposal.recommendationHint')}</span>
              </h2>
              <StatusBadge status={status} />
            </div>
            <CollaborativeEditor
              connection={proposal}
              field={Fragment.proposalRecommendation}
              label={t('proposal.recommendation')}
              placeholder={t('editor.placeholder')}
              editable={canEdit}
              testId="editor-recommendation"
            />
          </section>
        </div>
        <aside className={styles.side}>
          <SyncStatusBadge connection={proposal} />
          <Presence provider={proposal.provider} />
          <StatusPanel doc={proposal.doc} groupId={groupId} proposalId={proposalId} />
          {meta.status === 'final' && (
            <section className={`card ${styles.sideCard}`} aria-labelledby="push-heading">
              <h2 id="push-heading" className="presence-title">
                {t('proposal.recommendation')}
              </h2>
              {meta.finalizedAt && <p className="small">{t('proposal.finalizedBy', { date: date(meta.finalizedAt), name: meta.finalizedBy ?? '' })}</p>}
              {permissions.canEditReport ? (
                <Button variant="primary" onClick={push} data-testid="push">
                  {pushed ? t('proposal.pushAgain') : t('proposal.push')}
                </Button>
              ) : (
                <p className="small muted">{t('proposal.pushByStaff')}</p>
              )}
              {pushed && (
                <p className="small">
                  <Link to="/report">{t('proposal.pushed', { year: String(info.reportYear), date: date(pushed.pushedAt, true) })}</Link>
                </p>
              )}
              {message && (message.kind === 'info' ? <InfoNotice>{message.text}</InfoNotice> : <ErrorNotice>{message.text}</ErrorNotice>)}
            </section>
          )}
          <ProposalPanels doc={proposal.doc} groupId={groupId} proposalId={proposalId} canWrite={canEdit} />
        </aside>
      </div>
    </>
  );
}
