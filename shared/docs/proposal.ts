import type * as Y from 'yjs';
import { z } from 'zod';
import { MapName } from '../schema/fragments';
import { parsedValues } from './parsed-map';

/** Lifecycle state of a proposal's recommendation. */
export const ProposalStatus = z.enum(['draft', 'final']);
export type ProposalStatus = z.infer<typeof ProposalStatus>;

/** A proposal as listed in its group's index document. */
export const ProposalSummary = z.object({
  id: z.string(),
  groupId: z.string(),
  title: z.string(),
  status: ProposalStatus,
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});
export type ProposalSummary = z.infer<typeof ProposalSummary>;

/** Metadata kept inside the proposal document itself (the source of truth for title and status). */
export const ProposalMeta = z.object({
  title: z.string(),
  status: ProposalStatus,
  finalizedAt: z.string().nullable(),
  finalizedBy: z.string().nullable(),
});
export type ProposalMeta = z.infer<typeof ProposalMeta>;

/** Upper bound for titles; longer input is cut, never rejected mid-typing. */
export const MAX_TITLE_LENGTH = 200;

/** The form that starts a proposal: a title, trimmed, not empty. */
export const NewProposalInput = z.object({ title: z.string().trim().min(1).max(MAX_TITLE_LENGTH) });
export type NewProposalInput = z.infer<typeof NewProposalInput>;

/** Lists the proposals of a group index document, newest first; malformed entries are skipped. */
export function listProposals(indexDoc: Y.Doc): ProposalSummary[] {
  return parsedValues(indexDoc.getMap(MapName.proposals), ProposalSummary).sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.title.localeCompare(b.title, 'de'));
}

/** Adds or replaces a proposal entry in the group index. */
export function putProposalSummary(indexDoc: Y.Doc, summary: ProposalSummary): void {
  indexDoc.getMap(MapName.proposals).set(summary.id, ProposalSummary.parse(summary));
}

/** Updates fields of an existing index entry; does nothing if the entry is unknown. */
export function patchProposalSummary(
  indexDoc: Y.Doc,
  id: string,
  patch: Partial<Pick<ProposalSummary, 'title' | 'status' | 'updatedAt'>>,
): void {
  const map = indexDoc.getMap(MapName.proposals);
  const current = ProposalSummary.safeParse(map.get(id));
  if (current.success) {
    map.set(id, { ...current.data, ...patch });
  }
}

/** Reads the proposal's own metadata, with defaults for a document that has none yet. */
export function readProposalMeta(doc: Y.Doc): ProposalMeta {
  const meta = doc.getMap(MapName.meta);
  const status = ProposalStatus.safeParse(meta.get('status'));
  const str = (key: string): string | null => {
    const v = meta.get(key);
    return typeof v === 'string' ? v : null;
  };
  return {
    title: str('title') ?? '',
    status: status.success ? status.data : 'draft',
    finalizedAt: str('finalizedAt'),
    finalizedBy: str('finalizedBy'),
  };
}

/** Sets the proposal's title (trimmed to MAX_TITLE_LENGTH). */
export function setProposalTitle(doc: Y.Doc, title: string): void {
  doc.getMap(MapName.meta).set('title', title.slice(0, MAX_TITLE_LENGTH));
}

/** Marks the recommendation final (or back to draft), recording who and when. */
export function setProposalStatus(doc: Y.Doc, status: ProposalStatus, by: string, at: string): void {
  const meta = doc.getMap(MapName.meta);
  doc.transact(() => {
    meta.set('status', status);
    meta.set('finalizedAt', status === 'final' ? at : null);
    meta.set('finalizedBy', status === 'final' ? by : null);
  });
}

/** Random id for new documents: lowercase, URL- and doc-name-safe. */
export function newId(random: () => number = Math.random): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0; i < 12; i += 1) {
    id += alphabet[Math.floor(random() * alphabet.length)];
  }
  return id;
}
