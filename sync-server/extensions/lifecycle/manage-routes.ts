import * as Y from 'yjs';
import { mayManageProposal, mayWriteGroup } from '../../../shared/access/index.js';
import { ManagePath, MoveRequest, ProposalRef } from '../../../shared/docs/lifecycle/api.js';
import { listAllProposals, patchProposalSummary, putProposalSummary, RECYCLE_DAYS, type ProposalSummary } from '../../../shared/docs/proposal.js';
import { MapName } from '../../../shared/schema/fragments.js';
import { groupIndexDocName, proposalCommentsDocName, proposalDocName } from '../../../shared/sync/doc-names.js';
import type { Actor, LifecycleContext, Route } from './context.js';
import { LifecycleHttpError, readJson } from './http.js';
import { PrivateDoc } from './private-docs.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Delete to the recycle bin, restore from it, move to another group. Deleting marks the index entry
 * (the document stays), so a restore brings back everything; after RECYCLE_DAYS the server removes
 * the entry (purgeExpired), and the address then reads as "nicht gefunden". Moving copies the
 * proposal, its comments and its saved versions to the same id in the other group and leaves the
 * old entry as a link (`movedTo`).
 */
export function manageRoutes(context: LifecycleContext): Record<string, Route> {
  const entry = (groupId: string, proposalId: string): ProposalSummary => {
    const found = context.withRoom(groupIndexDocName(groupId), (room) => listAllProposals(room.doc).find((summary) => summary.id === proposalId));
    if (found === undefined) {
      throw new LifecycleHttpError('not-found', 'Vorschlag nicht gefunden / proposal not found');
    }
    return found;
  };
  const patch = (ref: ProposalRef, values: Parameters<typeof patchProposalSummary>[2]): ProposalSummary => {
    context.withRoom(groupIndexDocName(ref.groupId), (room) => room.applyServerChange((doc) => patchProposalSummary(doc, ref.proposalId, values)));
    return entry(ref.groupId, ref.proposalId);
  };
  const requireManage = (actor: Actor, groupId: string): void => {
    if (!mayManageProposal(actor.principal, groupId)) {
      throw new LifecycleHttpError('forbidden', 'Nur die Gruppenleitung oder Administration / only the group’s leads or admin');
    }
  };

  return {
    [ManagePath.delete]: async (req, actor) => {
      const body = await readJson(req, ProposalRef);
      requireManage(actor, body.groupId);
      const current = entry(body.groupId, body.proposalId);
      if ((current.deletedAt ?? null) !== null) {
        return current;
      }
      return patch(body, { deletedAt: context.now(), deletedBy: actor.login });
    },
    [ManagePath.restore]: async (req, actor) => {
      const body = await readJson(req, ProposalRef);
      requireManage(actor, body.groupId);
      entry(body.groupId, body.proposalId);
      return patch(body, { deletedAt: null, deletedBy: null, updatedAt: context.now() });
    },
    [ManagePath.move]: async (req, actor) => {
      const body = await readJson(req, MoveRequest);
      requireManage(actor, body.groupId);
      if (!mayWriteGroup(actor.principal, body.toGroupId) || body.toGroupId === body.groupId) {
        throw new LifecycleHttpError('forbidden', 'Keine Schreibrechte in der Zielgruppe / no write access to the target group');
      }
      const source = entry(body.groupId, body.proposalId);
      const exists = context.withRoom(groupIndexDocName(body.toGroupId), (room) => room.doc.getMap(MapName.proposals).has(body.proposalId));
      if (exists || (source.movedTo ?? null) !== null) {
        throw new LifecycleHttpError('conflict', 'Schon verschoben oder Ziel belegt / already moved or target taken');
      }
      const copy = (from: string, to: string): void => {
        const state = context.withRoom(from, (room) => Y.encodeStateAsUpdate(room.doc));
        context.withRoom(to, (room) => room.applyServerChange((doc) => Y.applyUpdate(doc, state)));
      };
      copy(proposalDocName(body.groupId, body.proposalId), proposalDocName(body.toGroupId, body.proposalId));
      copy(proposalCommentsDocName(body.groupId, body.proposalId), proposalCommentsDocName(body.toGroupId, body.proposalId));
      const store = context.host().store;
      const versions = store.load(PrivateDoc.versions(body.groupId, body.proposalId));
      if (versions.updates.length > 0) {
        await store.append([{ doc: PrivateDoc.versions(body.toGroupId, body.proposalId), update: Y.mergeUpdates(versions.updates) }]);
      }
      const at = context.now();
      const moved: ProposalSummary = { ...source, groupId: body.toGroupId, movedTo: null, deletedAt: null, deletedBy: null, updatedAt: at };
      context.withRoom(groupIndexDocName(body.toGroupId), (room) => room.applyServerChange((doc) => putProposalSummary(doc, moved)));
      patch(body, { movedTo: body.toGroupId, updatedAt: at });
      return moved;
    },
  };
}

/** Removes recycle-bin entries older than RECYCLE_DAYS from every group index; returns how many. */
export function purgeExpired(context: LifecycleContext, groupIds: readonly string[], now: number): number {
  let purged = 0;
  for (const groupId of groupIds) {
    context.withRoom(groupIndexDocName(groupId), (room) => {
      const expired = listAllProposals(room.doc).filter((summary) => typeof summary.deletedAt === 'string' && now - Date.parse(summary.deletedAt) > RECYCLE_DAYS * DAY_MS);
      if (expired.length > 0) {
        room.applyServerChange((doc) => {
          for (const summary of expired) {
            doc.getMap(MapName.proposals).delete(summary.id);
          }
        });
        purged += expired.length;
      }
    });
  }
  return purged;
}
