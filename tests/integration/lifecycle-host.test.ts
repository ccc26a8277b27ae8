/**
 * The contract namespace `lifecycle` through the real browser-mode host (HTTP, the one dispatcher)
 * forwarded to a real sync server with accounts (real sockets, real SQLite): the renderer's calls
 * reach the lifecycle API as the signed-in account, and the server's refusals arrive as contract
 * errors with the server's message. Without accounts, the display name is recorded.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ApiError } from '../../shared/contract.js';
import type { OpenItems, RatingList, RestoreResponse, SearchResults, TransitionResponse, VersionContent, VersionInfo, VersionList } from '../../shared/docs/lifecycle/api.js';
import type { CommentThread } from '../../shared/docs/lifecycle/comments.js';
import { readLifecycle } from '../../shared/docs/lifecycle/document.js';
import type { Rating } from '../../shared/docs/lifecycle/rating.js';
import { putProposalSummary, setProposalTitle, type ProposalSummary } from '../../shared/docs/proposal.js';
import { createLogger } from '../../shared/log.js';
import { Fragment } from '../../shared/schema/fragments.js';
import { startWebHost, type WebHost } from '../../src-main/web/host.js';
import { connectClient, startAuthServer, tempDir, type AuthTestServer, type TestClient } from '../../sync-server/test-support.js';

const G = 'wohnen';
let sync: AuthTestServer;
let host: WebHost;
let removeDir: () => void;
const clients: TestClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) {
    client.destroy();
  }
});

function rendererDir(dir: string): string {
  const renderer = path.join(dir, 'renderer');
  mkdirSync(renderer, { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Fokuswerk</title>');
  return renderer;
}

/** One contract call over the browser host's HTTP API, as the renderer makes it. */
async function call<T>(base: string, method: string, input: Record<string, unknown>): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}/api/lifecycle.${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
  return { status: response.status, body: (await response.json()) as T };
}
const as = (login: string): { who: { token: string } } => ({ who: { token: sync.token(login) } });

/** Creates a listed proposal with text in body and recommendation, as a member's app would. */
async function createProposal(
  serverUrl: string,
  params: Record<string, string>,
  stored: (name: string) => Promise<Uint8Array>,
  id: string,
  text: string,
): Promise<void> {
  const index = connectClient(serverUrl, `group/${G}/index`, params);
  const proposal = connectClient(serverUrl, `group/${G}/proposal/${id}`, params);
  clients.push(index, proposal);
  await Promise.all([index.synced, proposal.synced]);
  const now = new Date().toISOString();
  putProposalSummary(index.doc, { id, groupId: G, title: `Vorschlag ${id}`, status: 'draft', createdAt: now, createdBy: 'leitung', updatedAt: now });
  proposal.doc.transact(() => {
    setProposalTitle(proposal.doc, `Vorschlag ${id}`);
    for (const name of [Fragment.proposalBody, Fragment.proposalRecommendation]) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      proposal.doc.getXmlFragment(name).insert(0, [paragraph]);
    }
  });
  const has = async (name: string, check: (doc: Y.Doc) => boolean): Promise<boolean> => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await stored(name));
    return check(doc);
  };
  const deadline = Date.now() + 5_000;
  while (
    !(await has(`group/${G}/index`, (doc) => doc.getMap('proposals').has(id))) ||
    !(await has(`group/${G}/proposal/${id}`, (doc) => doc.getXmlFragment(Fragment.proposalRecommendation).length === 1))
  ) {
    if (Date.now() > deadline) {
      throw new Error(`proposal ${id} not stored`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  sync = await startAuthServer({
    accounts: [
      { login: 'leitung', name: 'Lea Leitung', role: 'member', groups: [{ id: G, lead: true }] },
      { login: 'mitglied', name: 'Mia Mitglied', role: 'member', groups: [{ id: G }] },
      { login: 'steuer', name: 'Sven Steuer', role: 'steuerung' },
      { login: 'stab', name: 'Stefanie Stab', role: 'stabsstelle' },
    ],
    groups: [{ id: G, name: 'Wohnen' }, { id: 'armut', name: 'Armut' }],
  });
  const { dir, remove } = tempDir('fokuswerk-lifecycle-host-');
  removeDir = remove;
  host = await startWebHost({ port: 0, dataDir: path.join(dir, 'data'), syncUrl: sync.url, rendererDir: rendererDir(dir), reportYear: 2026, logger: createLogger(() => undefined) });
  await createProposal(sync.url, { token: sync.token('leitung') }, (name) => sync.server.getDocState(name), 'kita', 'Mehr Kitaplätze in Uetersen');
});
afterAll(async () => {
  await host?.close();
  await sync?.close();
  removeDir?.();
});

describe('lifecycle calls through the browser-mode host', () => {
  it('changes the status as the signed-in account, and maps the server’s refusals to contract errors with its message', async () => {
    const ref = { groupId: G, proposalId: 'kita' };
    const made = await call<TransitionResponse>(host.url, 'transition', { ...as('mitglied'), ...ref, from: 'entwurf', to: 'in-abstimmung' });
    expect(made.status).toBe(200);
    expect(made.body.entry).toMatchObject({ from: 'entwurf', to: 'in-abstimmung', by: 'mitglied', byName: 'Mia Mitglied' });

    const forbidden = await call<ApiError>(host.url, 'transition', { ...as('mitglied'), ...ref, from: 'in-abstimmung', to: 'ag-beschlossen' });
    expect([forbidden.status, forbidden.body.code]).toEqual([403, 'forbidden']);
    const noReason = await call<ApiError>(host.url, 'transition', { ...as('leitung'), ...ref, from: 'in-abstimmung', to: 'entwurf', reason: '  ' });
    expect([noReason.status, noReason.body.code]).toEqual([400, 'bad-request']);
    expect(noReason.body.message).toContain('Begründung');
    const noSuch = await call<ApiError>(host.url, 'transition', { ...as('leitung'), ...ref, from: 'in-abstimmung', to: 'umgesetzt' });
    expect([noSuch.status, noSuch.body.code, noSuch.body.message]).toEqual([400, 'bad-request', expect.stringContaining('gibt es nicht')]);
    const stale = await call<ApiError>(host.url, 'transition', { ...as('leitung'), ...ref, from: 'entwurf', to: 'in-abstimmung' });
    expect([stale.status, stale.body.code]).toEqual([409, 'conflict']);
    const unknown = await call<ApiError>(host.url, 'transition', { ...as('leitung'), groupId: G, proposalId: 'vertippt', from: 'entwurf', to: 'in-abstimmung' });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'not-found']);
    const anonymous = await call<ApiError>(host.url, 'transition', { who: {}, ...ref, from: 'in-abstimmung', to: 'ag-beschlossen' });
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'unauthorized']);
    const invalid = await call<ApiError>(host.url, 'transition', { ...as('leitung'), ...ref, from: 'in-abstimmung', to: 'fertig' });
    expect([invalid.status, invalid.body.code]).toEqual([400, 'bad-request']);

    const decided = await call<TransitionResponse>(host.url, 'transition', { ...as('leitung'), ...ref, from: 'in-abstimmung', to: 'ag-beschlossen' });
    expect(decided.status).toBe(200);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await sync.server.getDocState(`group/${G}/proposal/kita`));
    expect(readLifecycle(doc).history.map((entry) => [entry.to, entry.by])).toEqual([
      ['in-abstimmung', 'mitglied'],
      ['ag-beschlossen', 'leitung'],
    ]);
  });

  it('lists, saves, opens and restores versions', async () => {
    const ref = { groupId: G, proposalId: 'kita' };
    const saved = await call<VersionInfo>(host.url, 'saveVersion', { ...as('mitglied'), ...ref, name: 'Stand nach der Sitzung am 12.3.' });
    expect(saved.status).toBe(200);
    const list = await call<VersionList>(host.url, 'versions', { ...as('steuer'), ...ref });
    expect(list.body.versions.map((v) => v.name)).toContain('Stand nach der Sitzung am 12.3.');
    const content = await call<VersionContent>(host.url, 'versionContent', { ...as('steuer'), ...ref, versionId: saved.body.id });
    expect(JSON.stringify(content.body.recommendation)).toContain('Mehr Kitaplätze in Uetersen');
    const readOnly = await call<ApiError>(host.url, 'restoreVersion', { ...as('steuer'), ...ref, versionId: saved.body.id });
    expect([readOnly.status, readOnly.body.code]).toEqual([403, 'forbidden']);
    const restored = await call<RestoreResponse>(host.url, 'restoreVersion', { ...as('mitglied'), ...ref, versionId: saved.body.id });
    expect(restored.status).toBe(200);
    expect(restored.body.restored.name).toBe('Wiederhergestellt: Stand nach der Sitzung am 12.3.');
    const missing = await call<ApiError>(host.url, 'versionContent', { ...as('mitglied'), ...ref, versionId: 'v-gibt-es-nicht' });
    expect([missing.status, missing.body.code]).toEqual([404, 'not-found']);
  });

  it('rates and publishes as the Steuerungsgruppe; working groups cannot read unpublished ratings', async () => {
    const ref = { groupId: G, proposalId: 'kita' };
    const config = await call<{ criteria: { id: string }[] }>(host.url, 'ratingConfig', { ...as('mitglied'), year: 2026 });
    expect(config.status).toBe(200);
    const scores = Object.fromEntries(config.body.criteria.map((criterion) => [criterion.id, 4]));
    const rating = { year: 2026, scores, justification: 'Hohe Reichweite', meetingDate: '2026-03-12' };
    const byMember = await call<ApiError>(host.url, 'rate', { ...as('mitglied'), ...ref, rating });
    expect([byMember.status, byMember.body.code]).toEqual([403, 'forbidden']);
    const rated = await call<Rating>(host.url, 'rate', { ...as('steuer'), ...ref, rating });
    expect([rated.status, rated.body.category]).toEqual([200, 'hoch']);
    const invalid = await call<ApiError>(host.url, 'rate', { ...as('steuer'), ...ref, rating: { ...rating, scores: { erfunden: 2 } } });
    expect([invalid.status, invalid.body.code]).toEqual([400, 'bad-request']);
    const hidden = await call<ApiError>(host.url, 'ratings', { ...as('mitglied'), ...ref });
    expect([hidden.status, hidden.body.code]).toEqual([403, 'forbidden']);
    const published = await call<Rating>(host.url, 'publishRating', { ...as('steuer'), ...ref, ratingId: rated.body.id });
    expect(published.body.publishedAt).not.toBeNull();
    const list = await call<RatingList>(host.url, 'ratings', { ...as('stab'), ...ref });
    expect(list.body.ratings.map((r) => r.revision)).toEqual([1]);
    const setByMember = await call<ApiError>(host.url, 'setRatingConfig', { ...as('mitglied'), config: { ...config.body, year: 2027 } });
    expect(setByMember.status).toBe(403);
    const set = await call<{ year: number; highThreshold: number }>(host.url, 'setRatingConfig', { ...as('stab'), config: { ...config.body, year: 2027, highThreshold: 3.5 } });
    expect(set.body).toMatchObject({ year: 2027, highThreshold: 3.5 });
  });

  it('comments with a mention reach “Meine offenen Punkte”; search, recycle bin and restore', async () => {
    const ref = { groupId: G, proposalId: 'kita' };
    const thread = await call<CommentThread>(host.url, 'addComment', { ...as('leitung'), ...ref, anchor: null, text: 'Bitte prüfen, @Mia Mitglied' });
    expect(thread.status).toBe(200);
    expect(thread.body.comments[0]).toMatchObject({ author: 'leitung', mentions: ['mitglied'] });
    const edit = await call<ApiError>(host.url, 'editComment', { ...as('mitglied'), ...ref, threadId: thread.body.id, commentId: thread.body.comments[0]?.id, text: 'Fälschung' });
    expect([edit.status, edit.body.code]).toEqual([403, 'forbidden']);
    const open = await call<OpenItems>(host.url, 'openItems', as('mitglied'));
    expect(open.body.mentions.map((m) => m.text)).toEqual(['Bitte prüfen, @Mia Mitglied']);
    const resolved = await call<CommentThread>(host.url, 'resolveThread', { ...as('mitglied'), ...ref, threadId: thread.body.id, resolved: true });
    expect(resolved.body.resolvedBy).toBe('mitglied');
    expect((await call<OpenItems>(host.url, 'openItems', as('mitglied'))).body.mentions).toEqual([]);

    const found = await call<SearchResults>(host.url, 'search', { ...as('steuer'), q: 'kitaplätze', year: new Date().getFullYear() });
    expect(found.body.results.map((r) => r.proposalId)).toEqual(['kita']);
    expect((await call<SearchResults>(host.url, 'search', { ...as('steuer'), q: 'kitaplätze', rating: 'weniger' })).body.results).toEqual([]);

    const byMember = await call<ApiError>(host.url, 'deleteProposal', { ...as('mitglied'), ...ref });
    expect([byMember.status, byMember.body.code]).toEqual([403, 'forbidden']);
    const deleted = await call<ProposalSummary>(host.url, 'deleteProposal', { ...as('leitung'), ...ref });
    expect(deleted.body.deletedBy).toBe('leitung');
    expect((await call<SearchResults>(host.url, 'search', { ...as('steuer'), q: 'kitaplätze' })).body.results).toEqual([]);
    const back = await call<ProposalSummary>(host.url, 'restoreProposal', { ...as('leitung'), ...ref });
    expect(back.body.deletedAt).toBeNull();
    const moved = await call<ApiError>(host.url, 'moveProposal', { ...as('leitung'), ...ref, toGroupId: 'armut' });
    expect([moved.status, moved.body.code]).toEqual([403, 'forbidden']);
  });
});

describe('without accounts (embedded sync server)', () => {
  it('records the display name sent along, umlauts included', async () => {
    const { dir, remove } = tempDir('fokuswerk-lifecycle-demo-');
    const demo = await startWebHost({ port: 0, dataDir: path.join(dir, 'data'), rendererDir: rendererDir(dir), reportYear: 2026, logger: createLogger(() => undefined) });
    try {
      const embedded = demo.sync;
      if (embedded === null) {
        throw new Error('embedded sync server expected');
      }
      await createProposal(`${demo.url.replace(/^http/, 'ws')}/sync`, {}, (name) => embedded.getDocState(name), 'demo-vorschlag', 'Quartierstreff');
      const made = await call<TransitionResponse>(demo.url, 'transition', { who: { name: 'Jürgen Ößelmann' }, groupId: G, proposalId: 'demo-vorschlag', from: 'entwurf', to: 'in-abstimmung' });
      expect(made.status).toBe(200);
      expect(made.body.entry.byName).toBe('Jürgen Ößelmann');
    } finally {
      await demo.close();
      remove();
    }
  });
});
