/**
 * The proposal lifecycle against a real sync server (real sockets, real SQLite): every status
 * change a role may not make is refused, unpublished ratings stay with the Steuerungsgruppe, forged
 * writes of server-only fields over a stock y-websocket client are refused, and saved versions
 * survive compaction, backup and restore.
 */
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkTransition, type Principal } from '../../shared/access/index.js';
import { LifecyclePath, type RatingList, type TransitionResponse, type VersionContent, type VersionInfo, type VersionList } from '../../shared/docs/lifecycle/api.js';
import { LIFECYCLE_MAP, publishedRatingOf, readLifecycle } from '../../shared/docs/lifecycle/document.js';
import type { Rating } from '../../shared/docs/lifecycle/rating.js';
import { TRANSITIONS, type LifecycleStatus } from '../../shared/docs/lifecycle/status.js';
import { listThreads, resolveAnchor, THREADS_MAP, type CommentThread } from '../../shared/docs/lifecycle/comments.js';
import { CommentPath, ManagePath, OverviewPath, type OpenItems, type SearchHit } from '../../shared/docs/lifecycle/api.js';
import { listDeletedProposals, listProposals, putProposalSummary, setProposalTitle } from '../../shared/docs/proposal.js';
import { pushProposalRecommendation } from '../../shared/docs/push.js';
import { Fragment } from '../../shared/schema/fragments.js';
import { CloseCode } from '../../shared/sync/protocol.js';
import { createSyncServer } from '../../sync-server/server.js';
import {
  closedWith,
  connectClient,
  memoryLogger,
  runAdmin,
  tempDir,
  startAuthServer,
  waitFor,
  type AuthTestServer,
  type TestAccountSpec,
  type TestClient,
} from '../../sync-server/test-support.js';

const G = 'wohnen';
const ACCOUNTS: TestAccountSpec[] = [
  { login: 'root', name: 'Admin Ahrens', role: 'admin' },
  { login: 'stab', name: 'Stefanie Stab', role: 'stabsstelle' },
  { login: 'steuer', name: 'Sven Steuer', role: 'steuerung' },
  { login: 'mod', name: 'Moritz Moderation', role: 'moderation' },
  { login: 'mitglied', name: 'Mia Mitglied', role: 'member', groups: [{ id: G }] },
  { login: 'leitung', name: 'Lea Leitung', role: 'member', groups: [{ id: G, lead: true }] },
  { login: 'fremd', name: 'Frank Fremd', role: 'member', groups: [{ id: 'armut', lead: true }] },
];
const PRINCIPALS: Record<string, Principal> = {
  root: { role: 'admin', groups: [] },
  stab: { role: 'stabsstelle', groups: [] },
  steuer: { role: 'steuerung', groups: [] },
  mod: { role: 'moderation', groups: [] },
  mitglied: { role: 'member', groups: [{ id: G, lead: false }] },
  leitung: { role: 'member', groups: [{ id: G, lead: true }] },
  fremd: { role: 'member', groups: [{ id: 'armut', lead: true }] },
};

let fixture: AuthTestServer;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    cleanup();
  }
});

function client(login: string, doc: string): TestClient {
  const c = connectClient(fixture.url, doc, { token: fixture.token(login) });
  cleanups.push(() => c.destroy());
  return c;
}

async function call<T>(login: string, path: string, body?: unknown, query?: Record<string, string>): Promise<{ status: number; json: T }> {
  const url = new URL(`${fixture.httpUrl}${path}`);
  for (const [key, value] of Object.entries(query ?? {})) {
    url.searchParams.set(key, value);
  }
  const response = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${fixture.token(login)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as T };
}

async function serverDoc(name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await fixture.server.getDocState(name));
  return doc;
}

/** Creates a listed proposal with a title and a paragraph in body and recommendation, as a member would. */
async function createProposal(id: string, text = 'Mehr Wohnraum'): Promise<void> {
  const index = client('leitung', `group/${G}/index`);
  await index.synced;
  const now = new Date().toISOString();
  putProposalSummary(index.doc, { id, groupId: G, title: `Vorschlag ${id}`, status: 'draft', createdAt: now, createdBy: 'Lea Leitung', updatedAt: now });
  const proposal = client('leitung', `group/${G}/proposal/${id}`);
  await proposal.synced;
  proposal.doc.transact(() => {
    setProposalTitle(proposal.doc, `Vorschlag ${id}`);
    for (const name of [Fragment.proposalBody, Fragment.proposalRecommendation]) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(`${text} (${name})`)]);
      proposal.doc.getXmlFragment(name).insert(0, [paragraph]);
    }
  });
  await settle(`group/${G}/proposal/${id}`, (doc) => doc.getXmlFragment(Fragment.proposalRecommendation).length === 1);
  await settle(`group/${G}/index`, (doc) => doc.getMap('proposals').has(id));
}

async function settle(name: string, condition: (doc: Y.Doc) => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    if (condition(await serverDoc(name))) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out: ${name}`);
}

async function statusOf(id: string): Promise<LifecycleStatus> {
  return readLifecycle(await serverDoc(`group/${G}/proposal/${id}`)).status;
}

/** Moves the proposal to `target` as admin along the status machine (shortest path). */
async function reach(id: string, target: LifecycleStatus): Promise<void> {
  const start = await statusOf(id);
  const previous = new Map<LifecycleStatus, LifecycleStatus | null>([[start, null]]);
  const queue: LifecycleStatus[] = [start];
  while (queue.length > 0 && !previous.has(target)) {
    const at = queue.shift() as LifecycleStatus;
    for (const transition of TRANSITIONS.filter((t) => t.from === at)) {
      if (!previous.has(transition.to)) {
        previous.set(transition.to, at);
        queue.push(transition.to);
      }
    }
  }
  const path: LifecycleStatus[] = [];
  for (let at: LifecycleStatus | null = target; at !== null && at !== start; at = previous.get(at) ?? null) {
    path.unshift(at);
  }
  let from = start;
  for (const to of path) {
    const result = await call('root', LifecyclePath.transition, { groupId: G, proposalId: id, from, to, reason: 'Test' });
    expect(result.status, `${from} → ${to}`).toBe(200);
    from = to;
  }
}

beforeAll(async () => {
  fixture = await startAuthServer({
    accounts: ACCOUNTS,
    groups: [
      { id: G, name: 'Wohnen' },
      { id: 'armut', name: 'Armut' },
    ],
    limits: { maxConnectionsPerUser: 200, compactAfterUpdates: 20 },
  });
});
afterAll(async () => {
  await fixture.close();
});

describe('status changes', () => {
  it('refuses every transition to each role that may not make it, and records who, when and why for the allowed ones', async () => {
    for (const [n, transition] of TRANSITIONS.entries()) {
      // A fresh proposal per transition: the end states have no way back.
      const id = `status-${n}`;
      await createProposal(id);
      await reach(id, transition.from);
      for (const login of Object.keys(PRINCIPALS)) {
        const principal = PRINCIPALS[login] as Principal;
        if (checkTransition(principal, G, transition.from, transition.to, 'x').ok) {
          continue;
        }
        const refused = await call<{ error: string }>(login, LifecyclePath.transition, {
          groupId: G, proposalId: id, from: transition.from, to: transition.to, reason: 'Versuch',
        });
        expect(refused.status, `${login}: ${transition.from} → ${transition.to}`).toBe(403);
        expect(refused.json.error).toBe('forbidden');
      }
      expect(await statusOf(id)).toBe(transition.from);
      const allowed = Object.keys(PRINCIPALS).find((login) => login !== 'root' && checkTransition(PRINCIPALS[login] as Principal, G, transition.from, transition.to, 'x').ok);
      if (allowed !== undefined) {
        const made = await call<TransitionResponse>(allowed, LifecyclePath.transition, {
          groupId: G, proposalId: id, from: transition.from, to: transition.to, reason: 'Begründung',
        });
        expect(made.status, `${allowed}: ${transition.from} → ${transition.to}`).toBe(200);
        expect(made.json.entry).toMatchObject({ from: transition.from, to: transition.to, by: allowed, reason: 'Begründung' });
        const lifecycle = readLifecycle(await serverDoc(`group/${G}/proposal/${id}`));
        expect(lifecycle.status).toBe(transition.to);
        expect(lifecycle.history.at(-1)).toEqual(made.json.entry);
      }
    }
  }, 120_000);

  it('refuses a missing reason, a stale status and an unknown proposal; saves a version with each change; push works from the new status', async () => {
    await createProposal('reasons');
    expect((await call<{ error: string }>('mitglied', LifecyclePath.transition, { groupId: G, proposalId: 'reasons', from: 'entwurf', to: 'in-abstimmung' })).status).toBe(200);
    const noReason = await call<{ error: string }>('mitglied', LifecyclePath.transition, { groupId: G, proposalId: 'reasons', from: 'in-abstimmung', to: 'entwurf', reason: ' ' });
    expect([noReason.status, noReason.json.error]).toEqual([422, 'reason-required']);
    const stale = await call<{ error: string }>('leitung', LifecyclePath.transition, { groupId: G, proposalId: 'reasons', from: 'entwurf', to: 'in-abstimmung' });
    expect([stale.status, stale.json.error]).toEqual([409, 'conflict']);
    const unknown = await call<{ error: string }>('root', LifecyclePath.transition, { groupId: G, proposalId: 'gibt-es-nicht', from: 'entwurf', to: 'in-abstimmung' });
    expect(unknown.status).toBe(404);
    expect((await call('leitung', LifecyclePath.transition, { groupId: G, proposalId: 'reasons', from: 'in-abstimmung', to: 'ag-beschlossen' })).status).toBe(200);
    const list = await call<VersionList>('mitglied', LifecyclePath.versions, undefined, { groupId: G, proposalId: 'reasons' });
    expect(list.json.versions.map((v) => [v.kind, v.status, v.by])).toEqual([
      ['status', 'in-abstimmung', 'mitglied'],
      ['status', 'ag-beschlossen', 'leitung'],
    ]);
    const doc = await serverDoc(`group/${G}/proposal/reasons`);
    expect(doc.getMap('meta').get('status')).toBe('final');
    expect(pushProposalRecommendation({ proposalDoc: doc, reportDoc: new Y.Doc(), groupId: G, proposalId: 'reasons', by: 'Stab', at: 'now' }).ok).toBe(true);
    const index = await serverDoc(`group/${G}/index`);
    expect(index.getMap('proposals').get('reasons')).toMatchObject({ status: 'final', lifecycle: 'ag-beschlossen' });
  });
});

describe('forged writes over a stock y-websocket client', () => {
  it('closes a member who writes or deletes the status with 4403 and keeps the server’s status', async () => {
    await createProposal('forge');
    await reach('forge', 'in-abstimmung');
    const forger = client('mitglied', `group/${G}/proposal/forge`);
    await forger.synced;
    await waitFor(() => forger.doc.getMap(LIFECYCLE_MAP).get('status') === 'in-abstimmung', 'status arrives');
    const closed = closedWith(forger);
    forger.doc.getMap(LIFECYCLE_MAP).set('status', 'umgesetzt');
    expect((await closed).code).toBe(CloseCode.Forbidden);
    expect(await statusOf('forge')).toBe('in-abstimmung');

    const deleter = client('leitung', `group/${G}/proposal/forge`);
    await deleter.synced;
    await waitFor(() => deleter.doc.getMap(LIFECYCLE_MAP).has('history'), 'history arrives');
    const deleterClosed = closedWith(deleter);
    deleter.doc.getMap(LIFECYCLE_MAP).delete('history');
    expect((await deleterClosed).code).toBe(CloseCode.Forbidden);
    expect(readLifecycle(await serverDoc(`group/${G}/proposal/forge`)).history.length).toBeGreaterThan(0);

    const nested = client('leitung', `group/${G}/proposal/forge`);
    await nested.synced;
    const nestedClosed = closedWith(nested);
    nested.doc.getMap(LIFECYCLE_MAP).set('ratings', new Y.Array());
    expect((await nestedClosed).code).toBe(CloseCode.Forbidden);
  });

  it('refuses an empty title, but lets edits through from a client that saw several server changes and reconnects', async () => {
    await createProposal('title');
    const writer = client('mitglied', `group/${G}/proposal/title`);
    await writer.synced;
    await reach('title', 'ag-beschlossen');
    await reach('title', 'entwurf');
    await waitFor(() => writer.doc.getMap(LIFECYCLE_MAP).get('status') === 'entwurf', 'status arrives');
    writer.provider.disconnect();
    writer.doc.getXmlFragment(Fragment.proposalBody).insert(0, [new Y.XmlElement('paragraph')]);
    writer.provider.connect();
    await settle(`group/${G}/proposal/title`, (doc) => doc.getXmlFragment(Fragment.proposalBody).length === 2);
    expect(writer.provider.wsconnected).toBe(true);
    const closed = closedWith(writer);
    setProposalTitle(writer.doc, '   ');
    expect((await closed).code).toBe(CloseCode.Forbidden);
    expect((await serverDoc(`group/${G}/proposal/title`)).getMap('meta').get('title')).toBe('Vorschlag title');
  });

  it('cannot open the server’s private records (versions, ratings) as documents', async () => {
    const c = client('root', `private/ratings/${G}/forge`);
    expect((await closedWith(c)).code).toBe(CloseCode.UnknownDocument);
  });
});

describe('"geändert seit Beschluss"', () => {
  it('marks a decided recommendation edited afterwards, and a new decision settles the mark', async () => {
    await createProposal('changed');
    await reach('changed', 'ag-beschlossen');
    const editor = client('mitglied', `group/${G}/proposal/changed`);
    await editor.synced;
    (editor.doc.getXmlFragment(Fragment.proposalRecommendation).get(0) as Y.XmlElement).insert(0, [new Y.XmlText('Neu: ')]);
    await settle(`group/${G}/proposal/changed`, (doc) => readLifecycle(doc).changedSinceDecision !== null);
    expect(readLifecycle(await serverDoc(`group/${G}/proposal/changed`)).changedSinceDecision?.status).toBe('ag-beschlossen');
    await reach('changed', 'in-abstimmung');
    await reach('changed', 'ag-beschlossen');
    expect(readLifecycle(await serverDoc(`group/${G}/proposal/changed`)).changedSinceDecision).toBeNull();
  });
});

describe('Steuerungsgruppe ratings', () => {
  it('keeps unpublished ratings from the working group, publishes a copy into the proposal, keeps every revision', async () => {
    await createProposal('rated');
    await reach('rated', 'steuerungsgruppe');
    const scores = { reichweite: 4, kostenwirkung: 3, dringlichkeit: 4, umsetzbarkeit: 3, evidenz: 2 };
    const first = await call<Rating>('steuer', LifecyclePath.rate, {
      groupId: G, proposalId: 'rated', rating: { year: 2026, scores, justification: 'Breite Wirkung', meetingDate: '2026-03-12' },
    });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ revision: 1, category: 'hoch', publishedAt: null });
    for (const login of ['mitglied', 'leitung', 'mod', 'fremd']) {
      expect((await call(login, LifecyclePath.ratings, undefined, { groupId: G, proposalId: 'rated' })).status, login).toBe(403);
    }
    expect((await call('mitglied', LifecyclePath.rate, { groupId: G, proposalId: 'rated', rating: { year: 2026, scores, justification: 'x', meetingDate: '2026-03-12' } })).status).toBe(403);
    expect((await call('stab', LifecyclePath.publishRating, { groupId: G, proposalId: 'rated', ratingId: first.json.id })).status).toBe(403);
    const reader = client('mitglied', `group/${G}/proposal/rated`);
    await reader.synced;
    expect(JSON.stringify(Y.encodeStateAsUpdate(reader.doc))).not.toContain('Breite Wirkung');
    expect(publishedRatingOf(reader.doc)).toBeNull();

    const bad = await call<{ error: string }>('steuer', LifecyclePath.rate, { groupId: G, proposalId: 'rated', rating: { year: 2026, scores: { reichweite: 1 }, justification: 'x', meetingDate: '2026-03-12' } });
    expect([bad.status, bad.json.error]).toEqual([422, 'invalid-rating']);
    const second = await call<Rating>('steuer', LifecyclePath.rate, {
      groupId: G, proposalId: 'rated', rating: { year: 2026, scores: { ...scores, reichweite: 2, dringlichkeit: 1 }, justification: 'Nach Sitzung neu', meetingDate: '2026-04-02' },
    });
    expect(second.json).toMatchObject({ revision: 2, category: 'relevant' });
    expect((await call('steuer', LifecyclePath.publishRating, { groupId: G, proposalId: 'rated', ratingId: second.json.id })).status).toBe(200);
    await waitFor(() => publishedRatingOf(reader.doc)?.id === second.json.id, 'published rating reaches the member');
    expect(JSON.stringify(reader.doc.getMap(LIFECYCLE_MAP).toJSON())).not.toContain('Breite Wirkung');
    const all = await call<RatingList>('stab', LifecyclePath.ratings, undefined, { groupId: G, proposalId: 'rated' });
    expect(all.json.ratings.map((r) => [r.revision, r.publishedAt !== null])).toEqual([[1, false], [2, true]]);
  });

  it('lets only the Stabsstelle set a year’s criteria, and rates with them', async () => {
    const config = { year: 2027, criteria: [{ id: 'wirkung', label: 'Wirkung', weight: 1 }], highThreshold: 3, relevantThreshold: 1 };
    expect((await call('steuer', LifecyclePath.setRatingConfig, config)).status).toBe(403);
    expect((await call('stab', LifecyclePath.setRatingConfig, config)).status).toBe(200);
    expect((await call<{ criteria: unknown[] }>('mitglied', LifecyclePath.ratingConfig, undefined, { year: '2027' })).json.criteria).toHaveLength(1);
    const rated = await call<Rating>('steuer', LifecyclePath.rate, { groupId: G, proposalId: 'rated', rating: { year: 2027, scores: { wirkung: 2 }, justification: 'x', meetingDate: '2027-01-10' } });
    expect(rated.json).toMatchObject({ category: 'relevant', score: 2 });
  });
});

describe('comments', () => {
  it('writes comments under the caller’s account only, lets only the author edit, resolves and reopens, and refuses forged comment writes', async () => {
    await createProposal('talk');
    const proposal = client('mitglied', `group/${G}/proposal/talk`);
    await proposal.synced;
    const text = (proposal.doc.getXmlFragment(Fragment.proposalBody).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const anchor = {
      fragment: 'body',
      start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 0)) as Record<string, unknown>,
      end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, 4)) as Record<string, unknown>,
      quote: 'Mehr',
    };
    const opened = await call<CommentThread>('mod', CommentPath.add, { groupId: G, proposalId: 'talk', anchor, text: 'Bitte belegen, @Lea Leitung und @mitglied' });
    expect(opened.status).toBe(200);
    expect(opened.json.comments[0]).toMatchObject({ author: 'mod', authorName: 'Moritz Moderation', mentions: ['leitung', 'mitglied'] });
    expect((await call('fremd', CommentPath.add, { groupId: G, proposalId: 'talk', text: 'x' })).status).toBe(403);
    const reply = await call<CommentThread>('mitglied', CommentPath.add, { groupId: G, proposalId: 'talk', threadId: opened.json.id, text: 'Mache ich' });
    expect(reply.json.comments.map((c) => c.author)).toEqual(['mod', 'mitglied']);
    const modComment = opened.json.comments[0]?.id as string;
    expect((await call('mitglied', CommentPath.edit, { groupId: G, proposalId: 'talk', threadId: opened.json.id, commentId: modComment, text: 'gefälscht' })).status).toBe(403);
    expect((await call('mod', CommentPath.edit, { groupId: G, proposalId: 'talk', threadId: opened.json.id, commentId: modComment, text: 'Bitte mit Quelle belegen, @Lea Leitung' })).status).toBe(200);

    const reader = client('mitglied', `group/${G}/proposal/talk/comments`);
    await reader.synced;
    await waitFor(() => listThreads(reader.doc)[0]?.comments.length === 2, 'thread reaches the reader');
    expect(resolveAnchor(proposal.doc, listThreads(reader.doc)[0]?.anchor ?? null)).toEqual({ start: 0, end: 4 });
    text.insert(0, 'Viel ');
    expect(resolveAnchor(proposal.doc, listThreads(reader.doc)[0]?.anchor ?? null)).toEqual({ start: 5, end: 9 });
    text.delete(0, text.length);
    expect(resolveAnchor(proposal.doc, listThreads(reader.doc)[0]?.anchor ?? null)).toBe('deleted');

    // Forged: a member writes a comment under someone else's name straight into the document.
    reader.doc.getMap(THREADS_MAP).set('t-forged', { id: 't-forged', anchor: null, comments: [{ id: 'c', author: 'leitung', authorName: 'Lea', at: 'x', text: 'gefälscht', mentions: [], editedAt: null }], resolvedAt: null, resolvedBy: null });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stored = await serverDoc(`group/${G}/proposal/talk/comments`);
    expect(stored.getMap(THREADS_MAP).has('t-forged')).toBe(false);

    const items = await call<OpenItems>('leitung', OverviewPath.openItems);
    expect(items.json.mentions.map((m) => m.commentId)).toEqual([modComment]);
    expect(items.json.commentsOnMine.some((c) => c.text === 'Mache ich')).toBe(true);
    expect((await call('mitglied', CommentPath.resolve, { groupId: G, proposalId: 'talk', threadId: opened.json.id, resolved: true })).status).toBe(200);
    expect((await call<OpenItems>('leitung', OverviewPath.openItems)).json.mentions).toEqual([]);
    expect((await call<CommentThread>('leitung', CommentPath.resolve, { groupId: G, proposalId: 'talk', threadId: opened.json.id, resolved: false })).json.resolvedAt).toBeNull();
  });
});

describe('managing, search, open items, implementation', () => {
  it('deletes to the recycle bin and restores (leads and admin only), moves to another group keeping the link', async () => {
    await createProposal('bin');
    expect((await call('mitglied', ManagePath.delete, { groupId: G, proposalId: 'bin' })).status).toBe(403);
    expect((await call('leitung', ManagePath.delete, { groupId: G, proposalId: 'bin' })).status).toBe(200);
    let index = await serverDoc(`group/${G}/index`);
    expect(listProposals(index).some((p) => p.id === 'bin')).toBe(false);
    expect(listDeletedProposals(index).map((p) => p.id)).toEqual(['bin']);
    expect((await call('root', LifecyclePath.versions, undefined, { groupId: G, proposalId: 'bin' })).status).toBe(404);
    expect((await call('leitung', ManagePath.restore, { groupId: G, proposalId: 'bin' })).status).toBe(200);
    index = await serverDoc(`group/${G}/index`);
    expect(listProposals(index).some((p) => p.id === 'bin')).toBe(true);

    await createProposal('umzug');
    await call('leitung', LifecyclePath.saveVersion, { groupId: G, proposalId: 'umzug', name: 'Vor dem Umzug' });
    expect((await call('leitung', ManagePath.move, { groupId: G, proposalId: 'umzug', toGroupId: 'armut' })).status).toBe(403);
    const moved = await call<{ groupId: string }>('root', ManagePath.move, { groupId: G, proposalId: 'umzug', toGroupId: 'armut' });
    expect(moved.status).toBe(200);
    expect((await serverDoc(`group/${G}/index`)).getMap('proposals').get('umzug')).toMatchObject({ movedTo: 'armut' });
    expect((await serverDoc('group/armut/proposal/umzug')).getMap('meta').get('title')).toBe('Vorschlag umzug');
    expect((await call<VersionList>('fremd', LifecyclePath.versions, undefined, { groupId: 'armut', proposalId: 'umzug' })).json.versions.map((v) => v.name)).toEqual(['Vor dem Umzug']);
  });

  it('refuses index writes that undo a deletion, remove an entry, set the status or empty a title (4403)', async () => {
    await createProposal('gesperrt');
    expect((await call('leitung', ManagePath.delete, { groupId: G, proposalId: 'gesperrt' })).status).toBe(200);
    const forge = async (change: (proposals: Y.Map<unknown>) => void): Promise<number> => {
      const index = client('leitung', `group/${G}/index`);
      await index.synced;
      await waitFor(() => index.doc.getMap('proposals').has('gesperrt'), 'index arrives');
      const closed = closedWith(index);
      change(index.doc.getMap('proposals'));
      return (await closed).code;
    };
    const entry = (): Record<string, unknown> => ({ id: 'gesperrt', groupId: G, title: 'Vorschlag gesperrt', status: 'draft', createdAt: '2026-01-01', createdBy: 'Lea Leitung', updatedAt: '2026-01-01' });
    expect(await forge((map) => map.set('gesperrt', entry()))).toBe(CloseCode.Forbidden); // deletedAt dropped
    expect(await forge((map) => map.delete('gesperrt'))).toBe(CloseCode.Forbidden);
    expect(await forge((map) => map.set('neu', { ...entry(), id: 'neu', lifecycle: 'umgesetzt' }))).toBe(CloseCode.Forbidden);
    expect(await forge((map) => map.set('leer', { ...entry(), id: 'leer', title: ' ' }))).toBe(CloseCode.Forbidden);
    const index = await serverDoc(`group/${G}/index`);
    expect(listDeletedProposals(index).map((p) => p.id)).toContain('gesperrt');
    expect(index.getMap('proposals').has('neu') || index.getMap('proposals').has('leer')).toBe(false);
  });

  it('searches title and text across the groups one may read, with filters', async () => {
    await createProposal('suche', 'Quartiersmanagement Elmshorn');
    const found = await call<{ results: SearchHit[] }>('mitglied', OverviewPath.search, undefined, { q: 'quartiersmanagement' });
    expect(found.json.results.map((r) => r.proposalId)).toEqual(['suche']);
    expect(found.json.results[0]?.snippet).toContain('Quartiersmanagement Elmshorn');
    expect((await call<{ results: SearchHit[] }>('fremd', OverviewPath.search, undefined, { q: 'quartiersmanagement' })).json.results).toEqual([]);
    expect((await call<{ results: SearchHit[] }>('steuer', OverviewPath.search, undefined, { q: 'quartiersmanagement' })).json.results).toHaveLength(1);
    expect((await call<{ results: SearchHit[] }>('mitglied', OverviewPath.search, undefined, { q: 'quartiersmanagement', status: 'umgesetzt' })).json.results).toEqual([]);
    const rated = await call<{ results: SearchHit[] }>('mitglied', OverviewPath.search, undefined, { rating: 'relevant' });
    expect(rated.json.results.map((r) => r.proposalId)).toEqual(['rated']);
  });

  it('lists proposals waiting for my group’s decision, and tracks implementation after the Kreistag', async () => {
    await createProposal('warten');
    await reach('warten', 'in-abstimmung');
    expect((await call<OpenItems>('mitglied', OverviewPath.openItems)).json.waitingForGroup.map((p) => p.proposalId)).toContain('warten');
    expect((await call<OpenItems>('fremd', OverviewPath.openItems)).json.waitingForGroup).toEqual([]);
    const early = await call<{ error: string }>('leitung', LifecyclePath.implementation, { groupId: G, proposalId: 'warten', responsible: 'Fachdienst', state: 'x', percent: 0 });
    expect(early.status).toBe(409);
    await reach('warten', 'in-umsetzung');
    expect((await call('mitglied', LifecyclePath.implementation, { groupId: G, proposalId: 'warten', responsible: 'Fachdienst Soziales', state: 'begonnen', percent: 10 })).status).toBe(403);
    expect((await call('leitung', LifecyclePath.implementation, { groupId: G, proposalId: 'warten', responsible: 'Fachdienst Soziales', state: 'begonnen', percent: 40, note: 'Träger gefunden' })).status).toBe(200);
    const lifecycle = readLifecycle(await serverDoc(`group/${G}/proposal/warten`));
    expect(lifecycle.implementation).toMatchObject({ responsible: 'Fachdienst Soziales', percent: 40, notes: [{ text: 'Träger gefunden', percent: 40 }] });
  });
});

describe('versions', () => {
  it('saves by hand, shows an old version as ProseMirror JSON, and restores it as a new change without losing later work', async () => {
    await createProposal('versions', 'Erster Stand');
    expect((await call('mod', LifecyclePath.saveVersion, { groupId: G, proposalId: 'versions', name: 'x' })).status).toBe(403);
    const saved = await call<VersionInfo>('mitglied', LifecyclePath.saveVersion, { groupId: G, proposalId: 'versions', name: 'Stand nach der Sitzung am 12.3.' });
    expect(saved.json).toMatchObject({ number: 1, kind: 'manual', name: 'Stand nach der Sitzung am 12.3.' });
    const editor = client('mitglied', `group/${G}/proposal/versions`);
    await editor.synced;
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Später ergänzt')]);
    editor.doc.getXmlFragment(Fragment.proposalBody).push([paragraph]);
    await settle(`group/${G}/proposal/versions`, (doc) => doc.getXmlFragment(Fragment.proposalBody).length === 2);

    const old = await call<VersionContent>('mod', LifecyclePath.version, undefined, { groupId: G, proposalId: 'versions', versionId: saved.json.id });
    expect(old.status).toBe(200);
    expect(JSON.stringify(old.json.body)).toContain('Erster Stand');
    expect(JSON.stringify(old.json.body)).not.toContain('Später ergänzt');
    expect(old.json.body).toMatchObject({ type: 'doc', content: [{ type: 'paragraph' }] });
    expect((await call('fremd', LifecyclePath.version, undefined, { groupId: G, proposalId: 'versions', versionId: saved.json.id })).status).toBe(403);

    expect((await call('mod', LifecyclePath.restoreVersion, { groupId: G, proposalId: 'versions', versionId: saved.json.id })).status).toBe(403);
    const restored = await call<{ before: VersionInfo; restored: VersionInfo }>('mitglied', LifecyclePath.restoreVersion, { groupId: G, proposalId: 'versions', versionId: saved.json.id });
    expect(restored.status).toBe(200);
    await waitFor(() => editor.doc.getXmlFragment(Fragment.proposalBody).length === 1, 'restore reaches the editor');
    expect(editor.doc.getXmlFragment(Fragment.proposalBody).toJSON()).toContain('Erster Stand');
    const before = await call<VersionContent>('mitglied', LifecyclePath.version, undefined, { groupId: G, proposalId: 'versions', versionId: restored.json.before.id });
    expect(JSON.stringify(before.json.body)).toContain('Später ergänzt');
    const list = await call<VersionList>('mitglied', LifecyclePath.versions, undefined, { groupId: G, proposalId: 'versions' });
    expect(list.json.versions.map((v) => v.kind)).toEqual(['manual', 'before-restore', 'restore']);
  });

  it('keep every version through compaction of the proposal, and through backup and restore', async () => {
    await createProposal('durable', 'Anfang');
    const editor = client('leitung', `group/${G}/proposal/durable`);
    await editor.synced;
    const body = editor.doc.getXmlFragment(Fragment.proposalBody);
    const ids: string[] = [];
    for (let round = 0; round < 12; round++) {
      for (let i = 0; i < 10; i++) {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText(`Runde ${round} Absatz ${i}`)]);
        body.push([p]);
        if (i % 3 === 0 && body.length > 3) {
          body.delete(1, 1);
        }
      }
      await settle(`group/${G}/proposal/durable`, (doc) => doc.getXmlFragment(Fragment.proposalBody).toJSON() === body.toJSON());
      const saved = await call<VersionInfo>('leitung', LifecyclePath.saveVersion, { groupId: G, proposalId: 'durable', name: `Runde ${round}` });
      ids.push(saved.json.id);
    }
    const expected = await Promise.all(ids.map(async (id) => (await call<VersionContent>('leitung', LifecyclePath.version, undefined, { groupId: G, proposalId: 'durable', versionId: id })).json));
    expect(JSON.stringify(expected[0]?.body)).toContain('Runde 0 Absatz 9');
    expect(JSON.stringify(expected[0]?.body)).not.toContain('Runde 1 ');
    expect(JSON.stringify(expected[11]?.body)).toContain('Runde 11 Absatz 9');
    // The proposal's log was compacted (compactAfterUpdates: 20) meanwhile; versions read the same.
    expect(fixture.logs.some((line) => line.includes('document compacted') && line.includes('proposal/durable'))).toBe(true);
    editor.destroy();
    const file = `${fixture.dir}-backup.sqlite`;
    cleanups.push(() => rmSync(file, { force: true }));
    const backup = await runAdmin(fixture.dir, ['backup', file]);
    expect(backup.code, backup.stderr).toBe(0);
    await fixture.close();
    // Restore into a new data directory (another machine: new token key) and serve it.
    const { dir, remove } = tempDir('fokuswerk-lifecycle-restore-');
    const restore = await runAdmin(dir, ['restore', file]);
    expect(restore.code, restore.stderr).toBe(0);
    const { logger, lines } = memoryLogger();
    const server = createSyncServer({ dataDir: dir, logger, auth: true });
    const { url } = await server.listen(0);
    const auth = server.auth as NonNullable<typeof server.auth>;
    fixture = {
      server,
      url,
      httpUrl: url.replace(/^ws/, 'http'),
      dir,
      logs: lines,
      token: (login) => auth.service.issueToken(auth.store.requireAccount(login)).token,
      close: async () => {
        await server.close();
        remove();
      },
    };
    const list = await call<VersionList>('leitung', LifecyclePath.versions, undefined, { groupId: G, proposalId: 'durable' });
    expect(list.json.versions.map((v) => v.id)).toEqual(ids);
    for (const [i, id] of ids.entries()) {
      const content = await call<VersionContent>('leitung', LifecyclePath.version, undefined, { groupId: G, proposalId: 'durable', versionId: id });
      expect(content.json.body, `version ${i}`).toEqual(expected[i]?.body);
    }
  }, 60_000);
});
