import { useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type * as Y from 'yjs';
import type { VersionInfo } from '../../../shared/docs/lifecycle/api';
import { readLifecycle } from '../../../shared/docs/lifecycle/document';
import { readProposalMeta } from '../../../shared/docs/proposal';
import { Fragment } from '../../../shared/schema/fragments';
import { api } from '../../api/client';
import { useMessages } from '../../i18n/i18n';
import { useDocValue } from '../../sync/hooks';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice, InfoNotice, Loading } from '../../ui/States';
import { messages } from './messages';
import { errorText, useLifecycle } from './useLifecycle';
import { VersionCompare, type ComparedText } from './VersionCompare';
import styles from './lifecycle.module.css';

const CURRENT = 'current';
const NOTHING: ComparedText = { title: '', body: {}, recommendation: {} };

/** The live text of the proposal, in the shape of a saved version's content. */
function currentText(doc: Y.Doc): ComparedText {
  return {
    title: readProposalMeta(doc).title,
    body: yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(Fragment.proposalBody)) as Record<string, unknown>,
    recommendation: yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(Fragment.proposalRecommendation)) as Record<string, unknown>,
  };
}

/**
 * The saved versions of a proposal: save one by name, compare one with the current text or another
 * version (insertions and deletions marked), and restore one after a confirmation (the server saves
 * the text before it as a version of its own, so nothing is lost).
 */
export function VersionsPanel({ doc, groupId, proposalId, canWrite }: { doc: Y.Doc; groupId: string; proposalId: string; canWrite: boolean }): ReactNode {
  const { t, date } = useMessages(messages);
  const { who } = useLifecycle();
  const queryClient = useQueryClient();
  const historyLength = useDocValue(doc, (d) => readLifecycle(d).history.length);
  const key = ['lifecycle', 'versions', groupId, proposalId];
  const list = useQuery({
    queryKey: [...key, historyLength],
    queryFn: () => api.lifecycle.versions({ who, groupId, proposalId }),
  });
  const [name, setName] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [comparing, setComparing] = useState<VersionInfo | null>(null);
  const [against, setAgainst] = useState<string>(CURRENT);
  const [restoring, setRestoring] = useState<VersionInfo | null>(null);
  const refresh = (): Promise<void> => queryClient.invalidateQueries({ queryKey: key });

  const save = useMutation({
    mutationFn: (versionName: string) => api.lifecycle.saveVersion({ who, groupId, proposalId, name: versionName }),
    onSuccess: async (info) => {
      setName('');
      setNotice(t('lifecycle.versions.saved', { name: info.name }));
      await refresh();
    },
  });
  const restore = useMutation({
    mutationFn: (version: VersionInfo) => api.lifecycle.restoreVersion({ who, groupId, proposalId, versionId: version.id }),
    onSuccess: async (_result, version) => {
      setRestoring(null);
      setNotice(t('lifecycle.versions.restored', { name: version.name }));
      await refresh();
    },
  });
  const content = (versionId: string | null) => ({
    queryKey: ['lifecycle', 'version', groupId, proposalId, versionId],
    queryFn: () => api.lifecycle.versionContent({ who, groupId, proposalId, versionId: versionId ?? '' }),
    enabled: versionId !== null && versionId !== CURRENT,
    staleTime: Infinity,
  });
  const left = useQuery(content(comparing?.id ?? null));
  const right = useQuery(content(comparing ? against : null));
  // The live text is read (on every change) only while a comparison is open.
  const live = useDocValue(doc, comparing ? currentText : () => NOTHING);
  const versions = [...(list.data?.versions ?? [])].reverse();
  const afterText: ComparedText | undefined = against === CURRENT ? live : right.data;
  const label = (id: string): string => {
    const version = versions.find((v) => v.id === id);
    return version ? t('lifecycle.versions.entry', { number: version.number, name: version.name }) : t('lifecycle.versions.current');
  };

  return (
    <div className={styles.tabBody}>
      {canWrite && (
        <form
          className={styles.inlineForm}
          onSubmit={(event) => {
            event.preventDefault();
            setNotice(null);
            if (name.trim() !== '') {
              save.mutate(name.trim());
            }
          }}
        >
          <label className="field">
            <span className="field-label">{t('lifecycle.versions.name')}</span>
            <input className="input" value={name} maxLength={200} onChange={(event) => setName(event.target.value)} aria-describedby="version-name-hint" data-testid="version-name" />
            <span id="version-name-hint" className="field-hint">
              {t('lifecycle.versions.nameHint')}
            </span>
          </label>
          <Button type="submit" size="sm" disabled={save.isPending || name.trim() === ''}>
            {t('lifecycle.versions.save')}
          </Button>
        </form>
      )}
      {notice && <InfoNotice>{notice}</InfoNotice>}
      {(save.isError || restore.isError || list.isError) && (
        <ErrorNotice>{t('lifecycle.error', { message: errorText(save.error ?? restore.error ?? list.error) })}</ErrorNotice>
      )}
      <h3 className={styles.subheading}>{t('lifecycle.versions.list')}</h3>
      {list.isPending ? (
        <Loading label={t('status.loading')} />
      ) : versions.length === 0 ? (
        <p className="small muted">{t('lifecycle.versions.empty')}</p>
      ) : (
        <ol className={styles.plainList} data-testid="version-list">
          {versions.map((version) => (
            <li key={version.id} className={styles.listItem}>
              <span className={styles.itemTitle}>{t('lifecycle.versions.entry', { number: version.number, name: version.name })}</span>
              <span className="small muted">
                {t(`lifecycle.versions.kind.${version.kind}`)} · {t('lifecycle.versions.meta', { name: version.byName, date: date(version.at, true) })}
              </span>
              <span className={styles.actions}>
                <Button
                  size="sm"
                  onClick={() => {
                    setAgainst(CURRENT);
                    setComparing(version);
                  }}
                  aria-label={`${t('lifecycle.versions.compare')}: ${version.name}`}
                >
                  {t('lifecycle.versions.compare')}
                </Button>
                {canWrite && (
                  <Button size="sm" variant="ghost" onClick={() => setRestoring(version)} aria-label={`${t('lifecycle.versions.restore')}: ${version.name}`}>
                    {t('lifecycle.versions.restore')}
                  </Button>
                )}
              </span>
            </li>
          ))}
        </ol>
      )}
      <Dialog
        wide
        open={comparing !== null}
        title={comparing ? t('lifecycle.versions.compareTitle', { from: label(comparing.id), to: label(against) }) : ''}
        onClose={() => setComparing(null)}
        footer={<Button onClick={() => setComparing(null)}>{t('lifecycle.close')}</Button>}
      >
        <label className="field">
          <span className="field-label">{t('lifecycle.versions.compareWith')}</span>
          <select value={against} onChange={(event) => setAgainst(event.target.value)} data-testid="compare-with">
            <option value={CURRENT}>{t('lifecycle.versions.current')}</option>
            {versions
              .filter((version) => version.id !== comparing?.id)
              .map((version) => (
                <option key={version.id} value={version.id}>
                  {t('lifecycle.versions.entry', { number: version.number, name: version.name })}
                </option>
              ))}
          </select>
        </label>
        {left.isError || right.isError ? (
          <ErrorNotice>{t('lifecycle.error', { message: errorText(left.error ?? right.error) })}</ErrorNotice>
        ) : left.data && afterText ? (
          <VersionCompare before={left.data} after={afterText} />
        ) : (
          <Loading label={t('status.loading')} />
        )}
      </Dialog>
      <Dialog
        open={restoring !== null}
        title={restoring ? t('lifecycle.versions.restoreTitle', { name: restoring.name }) : ''}
        onClose={() => setRestoring(null)}
        footer={
          <>
            <Button variant="primary" onClick={() => setRestoring(null)}>
              {t('common.cancel')}
            </Button>
            <Button variant="danger" disabled={restore.isPending} onClick={() => restoring && restore.mutate(restoring)} data-testid="confirm-restore">
              {t('lifecycle.versions.restore')}
            </Button>
          </>
        }
      >
        <p>{t('lifecycle.versions.restoreText')}</p>
      </Dialog>
    </div>
  );
}
