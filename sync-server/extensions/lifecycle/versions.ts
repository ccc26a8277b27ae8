import * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type { VersionContent, VersionInfo, VersionKind } from '../../../shared/docs/lifecycle/api.js';
import type { LifecycleStatus } from '../../../shared/docs/lifecycle/status.js';
import { Fragment, MapName } from '../../../shared/schema/fragments.js';
import type { DocStore } from '../../persistence.js';
import { changePrivateDoc, loadPrivateDoc, PrivateDoc } from './private-docs.js';

/** Every this many versions, one is stored as the full state (so reading one never replays more). */
export const FULL_STATE_EVERY = 10;

/** One stored version: its listing data plus the Yjs update and the state vector it ends at. */
interface StoredVersion extends VersionInfo {
  /** True: `update` is the whole state; false: the difference to the previous version's state. */
  full: boolean;
  update: Uint8Array;
  stateVector: Uint8Array;
}

const ARRAY = 'versions';

function entries(doc: Y.Doc): StoredVersion[] {
  return doc.getArray<StoredVersion>(ARRAY).toArray();
}

function info(version: StoredVersion): VersionInfo {
  const { id, number, name, kind, status, by, byName, at, bytes } = version;
  return { id, number, name, kind, status, by, byName, at, bytes };
}

/** Who saves a version, and why. */
export interface VersionMeta {
  name: string;
  kind: VersionKind;
  status: LifecycleStatus;
  by: string;
  byName: string;
  at: string;
}

/**
 * A proposal's saved versions, kept by the server in a private document of the store (see
 * private-docs.ts), so they survive compaction of the proposal, backup/restore and scale-out.
 * A version costs what changed since the previous one: it is stored as the Yjs update from the
 * previous version's state vector to now (Y.encodeStateAsUpdate(doc, previous)), and every
 * FULL_STATE_EVERY-th as the full state, so that reading a version merges at most that many updates.
 */
export class VersionStore {
  constructor(private readonly store: DocStore) {}

  /** Saves the current state of `proposal` as a new version. */
  save(groupId: string, proposalId: string, proposal: Y.Doc, meta: VersionMeta): Promise<VersionInfo> {
    return changePrivateDoc(this.store, PrivateDoc.versions(groupId, proposalId), (doc) => {
      const list = doc.getArray<StoredVersion>(ARRAY);
      const previous = list.length > 0 ? list.get(list.length - 1) : undefined;
      const number = list.length + 1;
      const full = previous === undefined || (number - 1) % FULL_STATE_EVERY === 0;
      const update = full ? Y.encodeStateAsUpdate(proposal) : Y.encodeStateAsUpdate(proposal, previous.stateVector);
      const version: StoredVersion = {
        id: `v${number}-${Math.random().toString(36).slice(2, 8)}`,
        number,
        ...meta,
        bytes: update.length,
        full,
        update,
        stateVector: Y.encodeStateVector(proposal),
      };
      list.push([version]);
      return info(version);
    });
  }

  /** The versions of a proposal, oldest first (without content). */
  list(groupId: string, proposalId: string): VersionInfo[] {
    const doc = loadPrivateDoc(this.store, PrivateDoc.versions(groupId, proposalId));
    const result = entries(doc).map(info);
    doc.destroy();
    return result;
  }

  /** The document as it was in version `versionId`, or null if there is no such version. */
  state(groupId: string, proposalId: string, versionId: string): { info: VersionInfo; doc: Y.Doc } | null {
    const privateDoc = loadPrivateDoc(this.store, PrivateDoc.versions(groupId, proposalId));
    const all = entries(privateDoc);
    privateDoc.destroy();
    const index = all.findIndex((version) => version.id === versionId);
    const target = all[index];
    if (target === undefined) {
      return null;
    }
    let start = index;
    while (start > 0 && all[start]?.full !== true) {
      start--;
    }
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.mergeUpdates(all.slice(start, index + 1).map((version) => version.update)));
    return { info: info(target), doc };
  }

  /** A version's title and texts as ProseMirror JSON, or null. */
  content(groupId: string, proposalId: string, versionId: string): VersionContent | null {
    const found = this.state(groupId, proposalId, versionId);
    if (found === null) {
      return null;
    }
    const content = contentOf(found.doc);
    found.doc.destroy();
    return { info: found.info, ...content };
  }
}

/** Title, body and recommendation of a proposal document, as the editor's ProseMirror JSON. */
export function contentOf(doc: Y.Doc): Omit<VersionContent, 'info'> {
  const title = doc.getMap(MapName.meta).get('title');
  return {
    title: typeof title === 'string' ? title : '',
    body: yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(Fragment.proposalBody)) as Record<string, unknown>,
    recommendation: yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(Fragment.proposalRecommendation)) as Record<string, unknown>,
  };
}
