/**
 * Saved versions and ratings with scale-out: two sync-server instances on one real PostgreSQL. What
 * one instance saved, the other lists and reads — the server's private records live in the shared
 * document store like the documents.
 */
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LifecyclePath, type VersionContent, type VersionInfo, type VersionList } from '../../shared/docs/lifecycle/api.js';
import type { Rating } from '../../shared/docs/lifecycle/rating.js';
import { putProposalSummary, setProposalTitle } from '../../shared/docs/proposal.js';
import { Fragment } from '../../shared/schema/fragments.js';
import { openPgDocStore } from '../../sync-server/extensions/scale-out/pg-store.js';
import { createSyncServer, type SyncServer } from '../../sync-server/server.js';
import { connectClient, memoryLogger, tempDir, waitFor } from '../../sync-server/test-support.js';
import { acquireServices, type Services } from './scale-support.js';

const services = await acquireServices();
if (!services.ok) {
  process.stderr.write(`\nLifecycle scale-out tests SKIPPED: ${services.reason}\n`);
}
const ready = services as Extract<Services, { ok: true }>;

describe.skipIf(!services.ok)('lifecycle with two instances on PostgreSQL', () => {
  const cleanups: (() => void | Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup();
    }
    await ready.release();
  });

  const start = async (): Promise<{ server: SyncServer; url: string; http: string }> => {
    const { dir, remove } = tempDir('fokuswerk-lifecycle-pg-');
    const server = createSyncServer({ dataDir: dir, logger: memoryLogger().logger, docStore: openPgDocStore({ url: ready.postgresUrl }) });
    const { url } = await server.listen(0);
    cleanups.push(async () => {
      await server.close();
      remove();
    });
    return { server, url, http: url.replace(/^ws/, 'http') };
  };
  const call = async <T>(http: string, path: string, body?: Record<string, unknown>, query: Record<string, string> = {}): Promise<T> => {
    const url = new URL(`${http}${path}`);
    for (const [key, value] of Object.entries(query)) {
      url.searchParams.set(key, value);
    }
    const response = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.status, path).toBe(200);
    return (await response.json()) as T;
  };

  it('lists and reads on the second instance the versions and ratings saved on the first', async () => {
    const first = await start();
    const second = await start();
    const index = connectClient(first.url, 'group/ag/index');
    const proposal = connectClient(first.url, 'group/ag/proposal/p-1');
    cleanups.push(() => index.destroy(), () => proposal.destroy());
    await Promise.all([index.synced, proposal.synced]);
    const now = new Date().toISOString();
    putProposalSummary(index.doc, { id: 'p-1', groupId: 'ag', title: 'Skaliert', status: 'draft', createdAt: now, createdBy: 'A', updatedAt: now });
    setProposalTitle(proposal.doc, 'Skaliert');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Gespeichert auf Instanz eins')]);
    proposal.doc.getXmlFragment(Fragment.proposalBody).insert(0, [paragraph]);
    let stored = '';
    const poll = setInterval(() => {
      void first.server.getDocState('group/ag/proposal/p-1').then((state) => {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, state);
        stored = doc.getXmlFragment(Fragment.proposalBody).toJSON();
      });
    }, 20);
    cleanups.push(() => clearInterval(poll));
    await waitFor(() => stored.includes('Gespeichert auf Instanz eins'), 'the edit is stored');
    clearInterval(poll);
    const ref = { groupId: 'ag', proposalId: 'p-1' };
    const saved = await call<VersionInfo>(first.http, LifecyclePath.saveVersion, { ...ref, name: 'Erste Instanz' });
    const rating = await call<Rating>(first.http, LifecyclePath.rate, {
      ...ref,
      rating: { year: 2026, scores: { reichweite: 4, kostenwirkung: 4, dringlichkeit: 4, umsetzbarkeit: 4, evidenz: 4 }, justification: 'j', meetingDate: '2026-03-12' },
    });

    const list = await call<VersionList>(second.http, LifecyclePath.versions, undefined, ref);
    expect(list.versions.map((v) => v.id)).toEqual([saved.id]);
    const content = await call<VersionContent>(second.http, LifecyclePath.version, undefined, { ...ref, versionId: saved.id });
    expect(JSON.stringify(content.body)).toContain('Gespeichert auf Instanz eins');
    const ratings = await call<{ ratings: Rating[] }>(second.http, LifecyclePath.ratings, undefined, ref);
    expect(ratings.ratings.map((r) => r.id)).toEqual([rating.id]);
    const more = await call<VersionInfo>(second.http, LifecyclePath.saveVersion, { ...ref, name: 'Zweite Instanz' });
    expect(more.number).toBe(2);
    expect((await call<VersionList>(first.http, LifecyclePath.versions, undefined, ref)).versions.map((v) => v.name)).toEqual(['Erste Instanz', 'Zweite Instanz']);
  });
});
