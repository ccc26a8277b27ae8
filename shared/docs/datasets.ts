import type * as Y from 'yjs';
import { z } from 'zod';
import { MapName } from '../schema/fragments';
import { parsedValues } from './parsed-map';

/** A statistics file the Stabsstelle published for every client's local cache. */
export const PublishedDataset = z.object({
  /** SHA-256 of the file's bytes, hex; also names the document holding the bytes. */
  fileHash: z.string().regex(/^[0-9a-f]{64}$/),
  fileName: z.string(),
  tableCode: z.string(),
  tableTitle: z.string(),
  stand: z.string(),
  /** Stand given at import for flat files (which carry none); passed on to every client's import. */
  importStand: z.string().optional(),
  size: z.number().int().positive(),
  publishedAt: z.string(),
  publishedBy: z.string(),
});
export type PublishedDataset = z.infer<typeof PublishedDataset>;

const BYTES_KEY = 'bytes';

/**
 * Publishes a file: its bytes go into their own document (named by hash, so the same file is
 * stored once) and an entry into the list. Publishing the same file again changes nothing.
 */
export function publishDataset(listDoc: Y.Doc, fileDoc: Y.Doc, entry: PublishedDataset, bytes: Uint8Array): void {
  const parsed = PublishedDataset.parse(entry);
  const files = fileDoc.getMap(MapName.file);
  if (!(files.get(BYTES_KEY) instanceof Uint8Array)) {
    files.set(BYTES_KEY, bytes);
  }
  const list = listDoc.getMap(MapName.datasets);
  if (!list.has(parsed.fileHash)) {
    list.set(parsed.fileHash, parsed);
  }
}

/** Published files, oldest first; malformed entries are skipped. */
export function listPublishedDatasets(listDoc: Y.Doc): PublishedDataset[] {
  return parsedValues(listDoc.getMap(MapName.datasets), PublishedDataset).sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
}

/** The published bytes, or null while they have not arrived. */
export function readDatasetBytes(fileDoc: Y.Doc): Uint8Array | null {
  const bytes = fileDoc.getMap(MapName.file).get(BYTES_KEY);
  return bytes instanceof Uint8Array ? bytes : null;
}
