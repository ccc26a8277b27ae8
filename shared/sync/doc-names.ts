/**
 * Names of the collaborative documents. The name is the URL path below the sync server's address
 * (`ws://host:port/<name>`), exactly as the y-websocket client builds it from its room name.
 */

const ID = '[a-z0-9][a-z0-9-]{0,63}';
const ID_RE = new RegExp(`^${ID}$`);

/** A document the sync server accepts. */
export type DocName =
  | { kind: 'workspace' }
  | { kind: 'group-index'; groupId: string }
  | { kind: 'proposal'; groupId: string; proposalId: string }
  | { kind: 'report'; year: number }
  | { kind: 'datasets' }
  | { kind: 'dataset'; fileHash: string }
  | { kind: 'workshop'; sessionId: string };

/** Workspace index: the working groups and their metadata. Written by the server/admins. */
export const WORKSPACE_DOC = 'workspace';

/** Published statistics files: the list (written by the Stabsstelle, read by every client). */
export const DATASETS_DOC = 'datasets';

/** One published statistics file, named by the SHA-256 of its bytes (hex). */
export function datasetDocName(fileHash: string): string {
  return `dataset/${fileHash}`;
}

/** True for ids usable in document names: lowercase letters, digits and '-', 1–64 chars. */
export function isValidId(id: string): boolean {
  return ID_RE.test(id);
}

export function groupIndexDocName(groupId: string): string {
  return `group/${groupId}/index`;
}

export function proposalDocName(groupId: string, proposalId: string): string {
  return `group/${groupId}/proposal/${proposalId}`;
}

export function reportDocName(year: number): string {
  return `report/${year}`;
}

/**
 * A workshop session's public document: what everyone in the session may see now. Written only by
 * the server (sync-server/extensions/workshop/); layout in shared/docs/workshop/public-doc.ts.
 */
export function workshopDocName(sessionId: string): string {
  return `workshop/${sessionId}`;
}

/** Parses a document name; returns null for anything that is not a Fokuswerk document. */
export function parseDocName(name: string): DocName | null {
  if (name === WORKSPACE_DOC) {
    return { kind: 'workspace' };
  }
  if (name === DATASETS_DOC) {
    return { kind: 'datasets' };
  }
  const parts = name.split('/');
  if (parts.length === 3 && parts[0] === 'group' && parts[2] === 'index' && isValidId(parts[1] ?? '')) {
    return { kind: 'group-index', groupId: parts[1] as string };
  }
  if (
    parts.length === 4 &&
    parts[0] === 'group' &&
    parts[2] === 'proposal' &&
    isValidId(parts[1] ?? '') &&
    isValidId(parts[3] ?? '')
  ) {
    return { kind: 'proposal', groupId: parts[1] as string, proposalId: parts[3] as string };
  }
  if (parts.length === 2 && parts[0] === 'dataset' && /^[0-9a-f]{64}$/.test(parts[1] ?? '')) {
    return { kind: 'dataset', fileHash: parts[1] as string };
  }
  if (parts.length === 2 && parts[0] === 'workshop' && isValidId(parts[1] ?? '')) {
    return { kind: 'workshop', sessionId: parts[1] as string };
  }
  if (parts.length === 2 && parts[0] === 'report' && /^(19|20|21)\d\d$/.test(parts[1] ?? '')) {
    return { kind: 'report', year: Number(parts[1]) };
  }
  return null;
}
