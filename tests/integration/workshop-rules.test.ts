import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkshopPath, type JoinResponse, type MyState, type SessionBundle } from '../../shared/docs/workshop/index.js';
import { CloseCode } from '../../shared/sync/protocol.js';
import { DATABASE_FILE } from '../../sync-server/database.js';
import { closedWith, connectClient, startServerProcess, tempDir, waitFor, type ServerProcess, type TestClient } from '../../sync-server/test-support.js';
import { docText, must, view, waitForView, workshopApi } from './workshop-support.js';

/**
 * The workshop rules, attacked through a real sync server process (no accounts: the demo and the
 * moderator's laptop in the offline room) with raw HTTP and y-websocket clients posing as
 * participants. Each participant is only what the server lets it be: a session token.
 */

let server: ServerProcess;
let api: ReturnType<typeof workshopApi>;
let removeDir: () => void;
let dataDir: string;
const clients: TestClient[] = [];

beforeAll(async () => {
  const { dir, remove } = tempDir('fokuswerk-workshop-');
  removeDir = remove;
  dataDir = dir;
  server = await startServerProcess(['--port', '0', '--data', dir]);
  api = workshopApi(server.url.replace(/^ws/, 'http'));
});
afterAll(async () => {
  for (const client of clients) {
    client.destroy();
  }
  await server.stop();
  removeDir();
});

function open(doc: string, token?: string): TestClient {
  const client = connectClient(server.url, doc, token === undefined ? {} : { token });
  clients.push(client);
  return client;
}

interface Room {
  mod: JoinResponse;
  people: JoinResponse[];
  projector: TestClient;
}

async function room(participants = 3, settings: Record<string, unknown> = {}): Promise<Room> {
  const created = await api.create({
    groupId: 'wohnen',
    title: 'Fokusgruppe Wohnen',
    date: '2026-03-12',
    place: 'Kreishaus Elmshorn',
    moderatorName: 'Mona Moderation',
    settings: { cardsPerPerson: 2, dotBudget: 3, maxDotsPerCluster: 2, ...settings },
    agenda: [
      { title: 'Was fehlt?', method: 'kartenabfrage', minutes: 10 },
      { title: 'Ordnen', method: 'clustering', minutes: 10 },
      { title: 'Gewichten', method: 'punktabfrage', minutes: 5 },
      { title: 'Blitzlicht', method: 'blitzlicht', minutes: 5 },
    ],
  });
  expect(created.status).toBe(201);
  const people: JoinResponse[] = [];
  for (let i = 0; i < participants; i++) {
    const joined = await api.join({ code: created.body.joinCode.toLowerCase(), name: `Person ${i}`, deviceId: `device-${created.body.sessionId}-${i}` });
    expect(joined.status).toBe(200);
    expect(joined.body.moderator).toBe(false);
    people.push(joined.body);
  }
  const projector = open(created.body.docName, created.body.token);
  await waitForView(projector, (v) => v.participants.length === participants + 1, 'projector sees everyone');
  return { mod: created.body, people, projector };
}

/** Runs the room to an open vote over two clusters made of the participants' cards. */
async function toOpenVote(r: Room): Promise<[string, string]> {
  const { mod, people } = r;
  await must(api, mod.sessionId, mod.token, { type: 'phase.next' });
  for (const [i, person] of people.entries()) {
    await must(api, mod.sessionId, person.token, { type: 'card.add', text: `Karte von Person ${i}` });
  }
  await must(api, mod.sessionId, mod.token, { type: 'cards.reveal' });
  await must(api, mod.sessionId, mod.token, { type: 'phase.next' });
  const cards = (await waitForView(r.projector, (v) => v.cards.length === people.length, 'cards revealed')).cards;
  const a = await must(api, mod.sessionId, mod.token, { type: 'cluster.create', name: 'A', cardIds: cards.slice(0, 1).map((c) => c.id) });
  const b = await must(api, mod.sessionId, mod.token, { type: 'cluster.create', name: 'B', cardIds: cards.slice(1).map((c) => c.id) });
  await must(api, mod.sessionId, mod.token, { type: 'phase.next' });
  await must(api, mod.sessionId, mod.token, { type: 'vote.open' });
  return [a ?? '', b ?? ''];
}

describe('workshop rules against the real server', () => {
  it('tells the server time, runs the timer on it, and joins by code (any case), keeping a device’s participant across joins', async () => {
    const before = Date.now();
    const time = await api.request<{ now: number }>('GET', WorkshopPath.time);
    expect(time.body.now).toBeGreaterThanOrEqual(before - 1_000);
    const r = await room(1);
    await must(api, r.mod.sessionId, r.mod.token, { type: 'phase.next' });
    const serverNow = (await api.request<{ now: number }>('GET', WorkshopPath.time)).body.now;
    const running = await waitForView(r.projector, (v) => v.timer.state === 'running', 'timer runs');
    const endsAt = running.timer.state === 'running' ? running.timer.endsAt : 0;
    // 10 minutes from the server's clock when the item started (a client adds its own clock offset)
    expect(endsAt - serverNow).toBeGreaterThan(10 * 60_000 - 5_000);
    expect(endsAt - serverNow).toBeLessThanOrEqual(10 * 60_000);
    const again = await api.join({ code: r.mod.joinCode, name: 'Person 0', deviceId: `device-${r.mod.sessionId}-0` });
    expect(again.body.participantId).toBe(r.people[0]?.participantId);
    expect((await api.join({ code: 'ZZZZZZ', name: 'x' })).status).toBe(404);
  });

  it('never shows a card’s author, and hidden cards to nobody — in the document or at any endpoint', async () => {
    const r = await room(3);
    const { mod, people } = r;
    const spy = open(mod.docName, people[2]?.token);
    await must(api, mod.sessionId, mod.token, { type: 'phase.next' });
    await must(api, mod.sessionId, people[0]?.token ?? '', { type: 'card.add', text: 'GEHEIM-Anna-1' });
    await must(api, mod.sessionId, people[1]?.token ?? '', { type: 'card.add', text: 'GEHEIM-Ben-1' });
    await waitForView(spy, (v) => v.items[0]?.cards.total === 2, 'card count arrives');
    for (const text of [docText(spy.doc), docText(r.projector.doc)]) {
      expect(text).not.toContain('GEHEIM');
    }
    const others = (await api.me(mod.sessionId, people[2]?.token ?? '')).body as MyState;
    expect(JSON.stringify(others)).not.toContain('GEHEIM');
    const moderator = (await api.me(mod.sessionId, mod.token)).body as MyState;
    expect(JSON.stringify(moderator)).not.toContain('GEHEIM');
    const own = (await api.me(mod.sessionId, people[0]?.token ?? '')).body as MyState;
    expect(own.ownCards.map((card) => [card.text, card.revealed])).toEqual([['GEHEIM-Anna-1', false]]);
    expect((await api.request('GET', WorkshopPath.protocol(mod.sessionId), undefined, people[2]?.token)).status).toBe(403);
    expect((await api.request('GET', WorkshopPath.bundle(mod.sessionId), undefined, people[2]?.token)).status).toBe(403);
    // a participant cannot reveal
    expect((await api.act(mod.sessionId, people[2]?.token ?? '', { type: 'cards.reveal' })).status).toBe(403);
    await must(api, mod.sessionId, mod.token, { type: 'cards.reveal' });
    const shown = await waitForView(spy, (v) => v.cards.length === 2, 'revealed cards arrive');
    expect(shown.cards.map((card) => Object.keys(card).sort())).toEqual([
      ['clusterId', 'id', 'itemId', 'order', 'text'],
      ['clusterId', 'id', 'itemId', 'order', 'text'],
    ]);
    const authorIds = people.map((person) => person.participantId ?? '');
    const cardsText = JSON.stringify(spy.doc.getMap('workshop.cards').toJSON());
    for (const id of authorIds) {
      expect(cardsText).not.toContain(id);
    }
    // not even the moderator's export and protocol know who wrote what
    const bundle = (await api.request<SessionBundle>('GET', WorkshopPath.bundle(mod.sessionId), undefined, mod.token)).body;
    const protocol = await api.request('GET', WorkshopPath.protocol(mod.sessionId), undefined, mod.token);
    for (const text of [JSON.stringify(bundle.workshop.cards), JSON.stringify(protocol.body)]) {
      for (const id of authorIds) {
        expect(text).not.toContain(id);
      }
      expect(text).not.toContain('author');
    }
    // a card written after the reveal stays hidden until the next reveal
    await must(api, mod.sessionId, people[2]?.token ?? '', { type: 'card.add', text: 'GEHEIM-spaet' });
    await waitForView(spy, (v) => v.items[0]?.cards.hidden === 1, 'late card counted');
    expect(docText(spy.doc)).not.toContain('GEHEIM-spaet');
  });

  it('enforces the card limit, the dot budget and the per-cluster maximum, also against parallel requests', async () => {
    const r = await room(2);
    const { mod, people } = r;
    const token = people[0]?.token ?? '';
    await must(api, mod.sessionId, mod.token, { type: 'phase.next' });
    const cardAnswers = await Promise.all(Array.from({ length: 6 }, (_, i) => api.act(mod.sessionId, token, { type: 'card.add', text: `Karte ${i}` })));
    expect(cardAnswers.filter((a) => a.status === 200)).toHaveLength(2);
    expect(cardAnswers.filter((a) => a.status === 409).map((a) => a.body.error)).toEqual(Array(4).fill('card-limit'));
    await must(api, mod.sessionId, mod.token, { type: 'cards.reveal' });
    await must(api, mod.sessionId, people[1]?.token ?? '', { type: 'card.add', text: 'Karte B' });
    await must(api, mod.sessionId, mod.token, { type: 'cards.reveal' });
    const cards = (await waitForView(r.projector, (v) => v.cards.length === 3, 'cards')).cards;
    await must(api, mod.sessionId, mod.token, { type: 'phase.next' });
    const a = (await must(api, mod.sessionId, mod.token, { type: 'cluster.create', name: 'A', cardIds: [cards[0]?.id ?? ''] })) ?? '';
    const b = (await must(api, mod.sessionId, mod.token, { type: 'cluster.create', name: 'B', cardIds: [cards[1]?.id ?? ''] })) ?? '';
    const c = (await must(api, mod.sessionId, mod.token, { type: 'cluster.create', name: 'C', cardIds: [cards[2]?.id ?? ''] })) ?? '';
    await must(api, mod.sessionId, mod.token, { type: 'phase.next' });
    expect((await api.act(mod.sessionId, token, { type: 'dot.cast', clusterId: a })).body.error).toBe('vote-not-open');
    await must(api, mod.sessionId, mod.token, { type: 'vote.open' });
    // ten dots on one cluster at once: the maximum per cluster (2) holds
    const burst = await Promise.all(Array.from({ length: 10 }, () => api.act(mod.sessionId, token, { type: 'dot.cast', clusterId: a })));
    expect(burst.filter((x) => x.status === 200)).toHaveLength(2);
    expect(new Set(burst.filter((x) => x.status !== 200).map((x) => x.body.error))).toEqual(new Set(['cluster-max-reached']));
    // the budget (3) holds across clusters, in parallel too
    const spread = await Promise.all([b, b, c, c].map((clusterId) => api.act(mod.sessionId, token, { type: 'dot.cast', clusterId })));
    expect(spread.filter((x) => x.status === 200)).toHaveLength(1);
    expect(spread.filter((x) => x.status !== 200).every((x) => x.body.error === 'budget-exhausted')).toBe(true);
    const mine = (await api.me(mod.sessionId, token)).body as MyState;
    expect(mine.dots).toMatchObject({ used: 3, remaining: 0, budget: 3 });
    // a forged proxy vote, a vote on a cluster that does not exist, and retracting what one has not given
    expect((await api.act(mod.sessionId, token, { type: 'dot.cast', clusterId: b, as: people[1]?.participantId ?? '' })).status).toBe(403);
    expect((await api.act(mod.sessionId, people[1]?.token ?? '', { type: 'dot.cast', clusterId: 'nope0000' })).status).toBe(409);
    expect((await api.act(mod.sessionId, people[1]?.token ?? '', { type: 'dot.retract', clusterId: a })).body.error).toBe('no-dots-to-retract');
    // results stay hidden while the vote runs — totals only
    const running = await waitForView(r.projector, (v) => v.items[2]?.vote?.dotsCast === 3, 'dot total');
    expect(running.items[2]?.vote).toMatchObject({ status: 'open', results: null, voters: 1 });
    expect(docText(r.projector.doc)).not.toContain('proxyDots');
    // the moderator changes the budget while the vote runs; the participant may give more now
    await must(api, mod.sessionId, mod.token, { type: 'vote.settings', budget: 4 });
    await must(api, mod.sessionId, token, { type: 'dot.cast', clusterId: c });
    expect((await api.act(mod.sessionId, token, { type: 'dot.cast', clusterId: c })).body.error).toBe('budget-exhausted');
    await must(api, mod.sessionId, mod.token, { type: 'vote.close' });
    expect((await api.act(mod.sessionId, token, { type: 'dot.retract', clusterId: a })).body.error).toBe('vote-closed');
    expect((await api.act(mod.sessionId, people[1]?.token ?? '', { type: 'dot.cast', clusterId: a })).body.error).toBe('vote-closed');
    const closed = await waitForView(r.projector, (v) => v.items[2]?.vote?.status === 'closed', 'results');
    expect(closed.items[2]?.vote?.results?.map((result) => [result.name, result.dots])).toEqual([
      ['A', 2],
      ['B', 1],
      ['C', 1],
    ]);
  });

  it('lets only the moderator change phases, timers and settings; the document stays as the server wrote it', async () => {
    const r = await room(1);
    const { mod, people } = r;
    const token = people[0]?.token ?? '';
    for (const action of [
      { type: 'phase.next' },
      { type: 'phase.goto', itemId: view(r.projector).agenda[1]?.id ?? '' },
      { type: 'session.update', settings: { dotBudget: 50, guestsAllowed: true } },
      { type: 'agenda.set', items: [] },
      { type: 'session.close' },
      { type: 'proxy.add', name: 'Ghost' },
    ] as const) {
      const answer = await api.act(mod.sessionId, token, action);
      expect(answer.status, action.type).toBe(403);
      expect(answer.body.error, action.type).toBe('forbidden');
    }
    await must(api, mod.sessionId, mod.token, { type: 'phase.next' });
    for (const action of [{ type: 'phase.pause' }, { type: 'timer.extend', seconds: 600 }, { type: 'phase.back' }, { type: 'vote.settings', budget: 9 }] as const) {
      expect((await api.act(mod.sessionId, token, action)).status, action.type).toBe(403);
    }
    // the participant writes into the public document directly: the server drops it
    const writer = open(mod.docName, token);
    await writer.synced;
    writer.doc.getMap('workshop').set('session', { forged: true });
    writer.doc.getMap('workshop.cards').set('forged', { id: 'forged', itemId: 'x', text: 'FORGED', clusterId: null, order: 0 });
    await must(api, mod.sessionId, mod.token, { type: 'timer.extend', seconds: 60 });
    const after = await waitForView(r.projector, (v) => v.log.some((entry) => entry.kind === 'timer-extended'), 'moderator change arrives');
    expect(docText(r.projector.doc)).not.toContain('FORGED');
    expect(after.session.settings.dotBudget).toBe(3);
    expect(after.session.phase.status).toBe('running');
  });

  it('records phase changes, reveals and closes with time and who; reopening goes back to the last item', async () => {
    const r = await room(2);
    const [a] = await toOpenVote(r);
    await must(api, r.mod.sessionId, r.people[0]?.token ?? '', { type: 'dot.cast', clusterId: a });
    await must(api, r.mod.sessionId, r.mod.token, { type: 'vote.close' });
    await must(api, r.mod.sessionId, r.mod.token, { type: 'phase.back' });
    await must(api, r.mod.sessionId, r.mod.token, { type: 'session.close' });
    const closed = await waitForView(r.projector, (v) => v.session.phase.status === 'closed', 'closed');
    const kinds = closed.log.map((entry) => entry.kind);
    expect(kinds).toEqual([
      'session-created',
      'phase-started',
      'cards-revealed',
      'phase-started',
      'phase-started',
      'vote-opened',
      'vote-closed',
      'phase-back',
      'session-closed',
    ]);
    for (const entry of closed.log) {
      expect(entry.actorName).toBe('Mona Moderation');
      expect(entry.at).toBeGreaterThan(Date.now() - 60_000);
    }
    // nobody acts in a closed session, and its code no longer admits anyone
    expect((await api.act(r.mod.sessionId, r.people[0]?.token ?? '', { type: 'card.add', text: 'zu spät' })).body.error).toBe('session-closed');
    expect((await api.join({ code: r.mod.joinCode, name: 'Spät' })).status).toBe(404);
    // the protocol is everyone's now
    expect((await api.request('GET', WorkshopPath.protocol(r.mod.sessionId), undefined, r.people[1]?.token)).status).toBe(200);
  });

  it('records every action on the server with time and who, refused attempts included — in its own log, not the document', async () => {
    const r = await room(1);
    const person = r.people[0];
    await must(api, r.mod.sessionId, r.mod.token, { type: 'phase.next' });
    await must(api, r.mod.sessionId, person?.token ?? '', { type: 'card.add', text: 'Protokolliert' });
    expect((await api.act(r.mod.sessionId, person?.token ?? '', { type: 'phase.next' })).status).toBe(403);
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
    try {
      await waitFor(
        () => db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM workshop_events WHERE session_id = ?').get(r.mod.sessionId)?.n === 4,
        'the refused attempt written too',
      );
      const events = db
        .prepare<[string], { at: number; actor_id: string; type: string; outcome: string }>(
          'SELECT at, actor_id, type, outcome FROM workshop_events WHERE session_id = ? ORDER BY seq',
        )
        .all(r.mod.sessionId);
      expect(events.map((e) => [e.actor_id, e.type, e.outcome])).toEqual([
        [person?.participantId, 'join', 'ok'],
        [r.mod.participantId, 'phase.next', 'ok'],
        [person?.participantId, 'card.add', 'ok'],
        [person?.participantId, 'phase.next', 'not-moderator'],
      ]);
      expect(events.every((e) => e.at > Date.now() - 60_000)).toBe(true);
    } finally {
      db.close();
    }
  });

  it('limits how fast one device may act', async () => {
    const r = await room(1);
    await must(api, r.mod.sessionId, r.mod.token, { type: 'phase.next' });
    const flood = await Promise.all(Array.from({ length: 200 }, () => api.act(r.mod.sessionId, r.people[0]?.token ?? '', { type: 'card.withdraw', cardId: 'nothing0' })));
    expect(flood.filter((answer) => answer.status === 429).length).toBeGreaterThanOrEqual(50);
    // the moderator's own budget is untouched
    await must(api, r.mod.sessionId, r.mod.token, { type: 'phase.pause' });
  });

  it('keeps a participant’s dots when they reconnect on the same device', async () => {
    const r = await room(1);
    const [a, b] = await toOpenVote(r);
    const token = r.people[0]?.token ?? '';
    await must(api, r.mod.sessionId, token, { type: 'dot.cast', clusterId: a });
    await must(api, r.mod.sessionId, token, { type: 'dot.cast', clusterId: b });
    const rejoined = await api.join({ code: r.mod.joinCode, name: 'Person 0', deviceId: `device-${r.mod.sessionId}-0` });
    expect(rejoined.body.participantId).toBe(r.people[0]?.participantId);
    const mine = (await api.me(r.mod.sessionId, rejoined.body.token)).body as MyState;
    expect(mine.dots).toMatchObject({ used: 2, remaining: 1, byCluster: { [a]: 1, [b]: 1 } });
  });

  it('keeps a session’s token inside its session: other sessions’ routes and documents, and other documents, refuse it', async () => {
    const first = await room(1);
    const second = await room(1);
    const token = first.people[0]?.token ?? '';
    expect((await api.act(second.mod.sessionId, token, { type: 'card.add', text: 'fremd' })).status).toBe(403);
    expect((await api.me(second.mod.sessionId, token)).status).toBe(403);
    expect((await api.act(second.mod.sessionId, first.mod.token, { type: 'phase.next' })).status).toBe(403);
    expect((await api.request('GET', WorkshopPath.bundle(second.mod.sessionId), undefined, first.mod.token)).status).toBe(403);
    const elsewhere = open(second.mod.docName, token);
    expect((await closedWith(elsewhere)).code).toBe(CloseCode.Forbidden);
    const workspace = open('workspace', token);
    expect((await closedWith(workspace)).code).toBe(CloseCode.Forbidden);
    const anonymous = open(second.mod.docName);
    expect((await closedWith(anonymous)).code).toBe(CloseCode.Unauthorized);
    expect((await api.act(second.mod.sessionId, 'wst_' + 'x'.repeat(32), { type: 'card.add', text: 'x' })).status).toBe(401);
    await waitFor(() => true, 'done');
  });
});
