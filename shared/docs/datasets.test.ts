import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { listPublishedDatasets, publishDataset, readDatasetBytes, type PublishedDataset } from './datasets';

const entry = (hash: string, at: string): PublishedDataset => ({
  fileHash: hash,
  fileName: '12411-01-01-5.csv',
  tableCode: '12411-01-01-5',
  tableTitle: 'Bevölkerung',
  stand: '2018-03-01T00:00:00',
  size: 3,
  publishedAt: at,
  publishedBy: 'Stabsstelle',
});

describe('published datasets', () => {
  it('carry the bytes to another replica and are listed once, oldest first', () => {
    const list = new Y.Doc();
    const file = new Y.Doc();
    publishDataset(list, file, entry('b'.repeat(64), '2026-02-01'), new Uint8Array([1, 2, 3]));
    publishDataset(list, new Y.Doc(), entry('a'.repeat(64), '2026-01-01'), new Uint8Array([4]));
    publishDataset(list, file, entry('b'.repeat(64), '2026-03-01'), new Uint8Array([9, 9, 9]));
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(file));
    expect(readDatasetBytes(replica)).toEqual(new Uint8Array([1, 2, 3]));
    expect(listPublishedDatasets(list).map((d) => [d.fileHash[0], d.publishedAt])).toEqual([
      ['a', '2026-01-01'],
      ['b', '2026-02-01'],
    ]);
  });

  it('refuses an entry whose hash is not a SHA-256', () => {
    expect(() => publishDataset(new Y.Doc(), new Y.Doc(), entry('xyz', '2026-01-01'), new Uint8Array([1]))).toThrow();
    expect(readDatasetBytes(new Y.Doc())).toBeNull();
  });
});
