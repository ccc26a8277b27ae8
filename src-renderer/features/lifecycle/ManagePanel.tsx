import { useState, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { mayManageProposal, mayWriteGroup } from '../../../shared/access';
import { listGroups } from '../../../shared/docs/workspace';
import { WORKSPACE_DOC } from '../../../shared/sync/doc-names';
import { api } from '../../api/client';
import { useMessages } from '../../i18n/i18n';
import { useDoc, useDocValue } from '../../sync/hooks';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ErrorNotice } from '../../ui/States';
import { messages } from './messages';
import { errorText, useLifecycle } from './useLifecycle';
import styles from './lifecycle.module.css';

/** Delete to the recycle bin or move to another working group (the group's leads, admin). */
export function ManagePanel({ groupId, proposalId, title }: { groupId: string; proposalId: string; title: string }): ReactNode {
  const { t } = useMessages(messages);
  const { who, principal } = useLifecycle();
  const navigate = useNavigate();
  const workspace = useDoc(WORKSPACE_DOC);
  const targets = useDocValue(workspace.doc, (doc) => listGroups(doc).filter((group) => group.id !== groupId && mayWriteGroup(principal, group.id)));
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [target, setTarget] = useState('');
  const remove = useMutation({
    mutationFn: () => api.lifecycle.deleteProposal({ who, groupId, proposalId }),
    onSuccess: () => void navigate({ to: '/group/$groupId', params: { groupId } }),
  });
  const move = useMutation({
    mutationFn: (toGroupId: string) => api.lifecycle.moveProposal({ who, groupId, proposalId, toGroupId }),
    onSuccess: (moved) => void navigate({ to: '/group/$groupId/proposal/$proposalId', params: { groupId: moved.groupId, proposalId } }),
  });
  if (!mayManageProposal(principal, groupId)) {
    return <p className={`small muted ${styles.tabBody}`}>{t('lifecycle.manage.onlyLeads')}</p>;
  }
  const chosen = target || targets[0]?.id || '';
  return (
    <div className={styles.tabBody}>
      <Button variant="danger" size="sm" onClick={() => setConfirmDelete(true)} data-testid="delete-proposal">
        {t('lifecycle.manage.delete')}
      </Button>
      {targets.length > 0 && (
        <form
          className={styles.commentForm}
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen !== '') {
              move.mutate(chosen);
            }
          }}
        >
          <label className="field">
            <span className="field-label">{t('lifecycle.manage.moveTarget')}</span>
            <select value={chosen} onChange={(event) => setTarget(event.target.value)}>
              {targets.map((group) => (
                <option key={group.id} value={group.id}>
                  {group.name}
                </option>
              ))}
            </select>
          </label>
          <Button type="submit" size="sm" disabled={move.isPending}>
            {t('lifecycle.manage.move')}
          </Button>
        </form>
      )}
      {(remove.isError || move.isError) && <ErrorNotice>{t('lifecycle.error', { message: errorText(remove.error ?? move.error) })}</ErrorNotice>}
      <Dialog
        open={confirmDelete}
        title={t('lifecycle.manage.deleteTitle', { title })}
        onClose={() => setConfirmDelete(false)}
        footer={
          <>
            <Button variant="primary" onClick={() => setConfirmDelete(false)}>
              {t('common.cancel')}
            </Button>
            <Button variant="danger" disabled={remove.isPending} onClick={() => remove.mutate()} data-testid="confirm-delete">
              {t('lifecycle.manage.delete')}
            </Button>
          </>
        }
      >
        <p>{t('lifecycle.manage.deleteText')}</p>
      </Dialog>
    </div>
  );
}
