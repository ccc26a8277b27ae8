import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DATABASE_FILE, openDocStore, type DocStore } from './persistence.js';
import { tempDir } from './test-support.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

function freshStore(): { store: DocStore; dir: string } {
  const { dir, remove } = tempDir();
  const store = openDocStore(dir);
  cleanups.push(remove, () => store.close());
  return { store, dir };
}

function docFrom(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) {
    Y.applyUpdate(doc, update);
  }
  return doc;
}

describe('DocStore', () => {
  it('uses the WAL journal', () => {
    const { dir } = freshStore();
    const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('appends updates in order per document and lists documents', async () => {
    const { store } = freshStore();
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    doc.getText('t').insert(0, 'abc');
    doc.getText('t').insert(3, 'def');
    await store.append(updates.map((update) => ({ doc: 'workspace', update })));
    await store.append([{ doc: 'report/2025', update: updates[0] as Uint8Array }]);
    const loaded = store.load('workspace');
    expect(loaded.count).toBe(2);
    expect(loaded.bytes).toBe(updates.reduce((sum, u) => sum + u.length, 0));
    expect(docFrom(loaded.updates).getText('t').toString()).toBe('abcdef');
    expect(store.documents()).toEqual(['report/2025', 'workspace']);
    expect(store.load('group/x/index')).toEqual({ updates: [], count: 0, bytes: 0 });
  });

  it('compaction keeps every update and later appends continue the log', async () => {
    const { store, dir } = freshStore();
    const writer = new Y.Doc();
    const updates: Uint8Array[] = [];
    writer.on('update', (update: Uint8Array) => updates.push(update));
    const text = writer.getText('t');
    const map = writer.getMap('m');
    for (let i = 0; i < 600; i++) {
      text.insert(text.length, `${i},`);
      map.set(`k${i % 7}`, i);
      if (i % 50 === 0) {
        text.delete(0, 2);
      }
    }
    await store.append(updates.map((update) => ({ doc: 'workspace', update })));
    expect(store.count('workspace')).toBe(updates.length);

    expect((await store.compact('workspace')).count).toBe(1);
    text.insert(0, 'danach ');
    await store.append([{ doc: 'workspace', update: updates[updates.length - 1] as Uint8Array }]);
    await store.close();

    const reopened = openDocStore(dir);
    cleanups.push(() => reopened.close());
    const loaded = reopened.load('workspace');
    expect(loaded.count).toBe(2);
    const restored = docFrom(loaded.updates);
    expect(restored.getText('t').toString()).toBe(text.toString());
    expect(restored.getMap('m').toJSON()).toEqual(map.toJSON());
    expect(Y.encodeStateVector(restored)).toEqual(Y.encodeStateVector(writer));
  });

  it('seeds only an empty database, once', () => {
    const { store } = freshStore();
    const seed = new Y.Doc();
    seed.getText('t').insert(0, 'Saat');
    const update = Y.encodeStateAsUpdate(seed);
    expect(store.seedIfEmpty(new Map([['workspace', update]]))).toBe(true);
    expect(store.seedIfEmpty(new Map([['workspace', update]]))).toBe(false);
    expect(store.count('workspace')).toBe(1);
  });

  it('commits in a worker: the event loop runs while a commit is written, and nothing is acknowledged early', async () => {
    const { store, dir } = freshStore();
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < 200; i++) {
      doc.getText('t').insert(0, `Zeile ${i}\n`);
    }
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 0);
    const appended = store.append(updates.map((update) => ({ doc: 'workspace', update })));
    await appended;
    clearInterval(ticker);
    expect(ticks).toBeGreaterThan(0);
    // Durable once resolved: another connection sees every row.
    const reader = new Database(join(dir, DATABASE_FILE), { readonly: true });
    expect(reader.prepare('SELECT COUNT(*) AS n FROM doc_updates').get()).toEqual({ n: 200 });
    reader.close();
  });

  it('rejects a failed append and stores nothing of it', async () => {
    const { store } = freshStore();
    const good = Y.encodeStateAsUpdate(new Y.Doc());
    // A NULL document name violates NOT NULL: the whole transaction fails.
    await expect(store.append([{ doc: 'workspace', update: good }, { doc: null as unknown as string, update: good }])).rejects.toThrow();
    expect(store.count('workspace')).toBe(0);
  });
});
