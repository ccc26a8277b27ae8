/**
 * The PostgreSQL DocStore against a real PostgreSQL: the same contract as the SQLite store
 * (persistence.ts), two stores (= two instances) on one database, and clear errors.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from '../../sync-server/persistence.js';
import { openPgDocStore } from '../../sync-server/extensions/scale-out/pg-store.js';
import { acquireServices, type Services } from './scale-support.js';

const services = await acquireServices();
if (!services.ok) {
  process.stderr.write(`\nPostgreSQL store tests SKIPPED: ${services.reason}\n`);
}
const ready = services as Extract<Services, { ok: true }>;

function edit(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText('body').insert(doc.getText('body').length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) {
    Y.applyUpdate(doc, update);
  }
  return doc.getText('body').toString();
}

describe.skipIf(!services.ok)('PostgreSQL DocStore (real PostgreSQL)', () => {
  const stores: DocStore[] = [];
  const open = (): DocStore => {
    const store = openPgDocStore({ url: ready.postgresUrl });
    stores.push(store);
    return store;
  };
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await ready.release();
  });

  it('seeds only an empty database, appends, loads in order, compacts without losing anything', async () => {
    const first = open();
    const second = open(); // another instance on the same database
    const seed = new Y.Doc();
    expect(first.seedIfEmpty(new Map([['workspace', edit(seed, 'seed ')]]))).toBe(true);
    expect(second.seedIfEmpty(new Map([['workspace', edit(new Y.Doc(), 'again ')]]))).toBe(false);

    const name = 'group/ag/proposal/p-1';
    const a = new Y.Doc();
    const b = new Y.Doc();
    for (let i = 0; i < 10; i++) {
      await first.append([{ doc: name, update: edit(a, `a${i} `) }]);
      await second.append([
        { doc: name, update: edit(b, `b${i} `) },
        { doc: 'workspace', update: edit(seed, `w${i} `) },
      ]);
    }
    expect(first.count(name)).toBe(20);
    const loaded = second.load(name);
    expect(loaded.count).toBe(20);
    expect(loaded.bytes).toBe(loaded.updates.reduce((sum, u) => sum + u.length, 0));
    const before = textOf(loaded.updates);
    expect(before).toContain('a9 ');
    expect(before).toContain('b9 ');

    expect(await first.compact(name)).toEqual({ count: 1, bytes: expect.any(Number) as unknown });
    expect(textOf(first.load(name).updates)).toBe(before);
    const late = edit(b, 'after ');
    await second.append([{ doc: name, update: late }]);
    const after = first.load(name);
    expect(after.count).toBe(2);
    expect(textOf(after.updates)).toBe(textOf([...loaded.updates, late]));
    expect(first.documents()).toEqual(['group/ag/proposal/p-1', 'workspace']);
    expect(textOf(first.load('workspace').updates)).toBe(seed.getText('body').toString());
  });

  it('stores nothing of a failed append', async () => {
    const store = open();
    const doc = new Y.Doc();
    const good = edit(doc, 'x');
    // A NUL byte is not valid in a PostgreSQL text value: the whole statement fails.
    await expect(store.append([{ doc: 'group/ag/proposal/p-2', update: good }, { doc: 'bad\u0000name', update: good }])).rejects.toThrow();
    expect(store.count('group/ag/proposal/p-2')).toBe(0);
  });

  it('says clearly when PostgreSQL cannot be reached', () => {
    expect(() => openPgDocStore({ url: 'postgres://nobody@127.0.0.1:1/none' })).toThrow(/PostgreSQL nicht nutzbar \/ PostgreSQL not usable \(postgres:\/\/nobody@127\.0\.0\.1:1\/none\)/);
  });
});
