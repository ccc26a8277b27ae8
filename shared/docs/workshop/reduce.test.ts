import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seededRandom } from '../../seeded-random';
import type { WorkshopAction } from './actions';
import { draftFromCluster, draftFromMeasure } from './proposal-draft';
import { generateProtocol } from './protocol';
import { readPublicWorkshop, writePublicWorkshop } from './public-doc';
import { myView, publicView } from './public-view';
import { reduce, type Actor, type ReduceContext } from './reduce';
import { createSessionState, stateFromBundle, toBundle, CreateSessionRequest } from './session';
import type { SessionState } from './state';

let counter = 0;
const ctx = (now = 1_000): ReduceContext => ({ now, newId: () => `id${++counter}`, random: seededRandom(7) });
const mod: Actor = { id: 'pm', name: 'Mona Moderation', moderator: true, participantId: 'pm' };
const anna: Actor = { id: 'pa', name: 'Anna', moderator: false, participantId: 'pa' };
const ben: Actor = { id: 'pb', name: 'Ben', moderator: false, participantId: 'pb' };

function session(): SessionState {
  const input = CreateSessionRequest.parse({
    groupId: 'wohnen',
    title: 'Fokusgruppe Wohnen',
    date: '2026-03-12',
    place: 'Kreishaus Elmshorn',
    settings: { cardsPerPerson: 2, dotBudget: 3, maxDotsPerCluster: 2 },
    agenda: [
      { title: 'Was fehlt?', method: 'kartenabfrage', minutes: 10, prompt: 'Was fehlt im Kreis?' },
      { title: 'Ordnen', method: 'clustering', minutes: 10 },
      { title: 'Gewichten', method: 'punktabfrage', minutes: 5 },
      { title: 'Wie geht es euch?', method: 'blitzlicht', minutes: 5 },
      { title: 'Maßnahmen', method: 'massnahmenplan', minutes: 15 },
    ],
  });
  const state = createSessionState(input, { sessionId: 's1', joinCode: 'ABC234', newId: () => `item${++counter}` }, [], 0);
  for (const actor of [mod, anna, ben]) {
    state.participants[actor.id] = { id: actor.id, name: actor.name, kind: actor.moderator ? 'moderator' : 'member', joinedAt: 0 };
  }
  return state;
}

function apply(state: SessionState, actor: Actor, action: WorkshopAction, now = 1_000): { state: SessionState; id?: string } {
  const result = reduce(state, actor, action, ctx(now));
  if (!result.ok) {
    throw new Error(`${action.type} refused: ${result.violation}`);
  }
  return result;
}

function refused(state: SessionState, actor: Actor, action: WorkshopAction): string {
  const result = reduce(state, actor, action, ctx());
  return result.ok ? 'ok' : result.violation;
}

/** Runs a session to the closed vote: cards by Anna and Ben, two clusters, dots. */
function throughVote(): { state: SessionState; clusters: [string, string] } {
  let s = session();
  s = apply(s, mod, { type: 'phase.next' }).state;
  s = apply(s, anna, { type: 'card.add', text: 'Mehr Sozialwohnungen' }).state;
  s = apply(s, anna, { type: 'card.add', text: 'Wohnberatung' }).state;
  s = apply(s, ben, { type: 'card.add', text: 'Bezahlbare Mieten' }).state;
  s = apply(s, mod, { type: 'cards.reveal' }).state;
  const cards = publicView(s).cards;
  s = apply(s, mod, { type: 'phase.next' }).state;
  const first = apply(s, mod, { type: 'cluster.create', name: 'Bezahlbarkeit', cardIds: [cards[0]?.id ?? '', cards[1]?.id ?? ''] });
  const second = apply(first.state, mod, { type: 'cluster.create', name: 'Beratung', cardIds: [cards[2]?.id ?? ''] });
  s = apply(second.state, mod, { type: 'phase.next' }).state;
  s = apply(s, mod, { type: 'vote.open' }).state;
  return { state: s, clusters: [first.id ?? '', second.id ?? ''] };
}

describe('reduce: the session rules', () => {
  it('lets only the moderator change phases, timers, settings and reveal', () => {
    const s = apply(session(), mod, { type: 'phase.next' }).state;
    for (const action of [
      { type: 'phase.next' },
      { type: 'phase.back' },
      { type: 'phase.pause' },
      { type: 'timer.extend', seconds: 60 },
      { type: 'session.update', settings: { dotBudget: 50 } },
      { type: 'cards.reveal' },
      { type: 'session.close' },
    ] as WorkshopAction[]) {
      expect(refused(s, anna, action), action.type).toBe('not-moderator');
    }
  });

  it('keeps cards anonymous and hidden until revealed, and enforces the card limit', () => {
    let s = apply(session(), mod, { type: 'phase.next' }).state;
    s = apply(s, anna, { type: 'card.add', text: 'Geheim A' }).state;
    s = apply(s, anna, { type: 'card.add', text: 'Geheim B' }).state;
    expect(refused(s, anna, { type: 'card.add', text: 'Dritte' })).toBe('card-limit');
    const hidden = JSON.stringify(publicView(s));
    expect(hidden).not.toContain('Geheim');
    expect(publicView(s).items[0]?.cards).toEqual({ total: 2, hidden: 2 });
    expect(myView(s, 'pa', false).ownCards.map((card) => card.text)).toEqual(['Geheim A', 'Geheim B']);
    expect(myView(s, 'pb', false).ownCards).toEqual([]);
    expect(myView(s, 'pm', true).ownCards).toEqual([]);
    s = apply(s, mod, { type: 'cards.reveal' }).state;
    const shown = JSON.stringify(publicView(s));
    expect(shown).toContain('Geheim A');
    expect(JSON.stringify(publicView(s).cards)).not.toContain('pa'); // neither the author's id …
    expect(shown).not.toContain('authorId');
    expect(refused(s, anna, { type: 'card.withdraw', cardId: publicView(s).cards[0]?.id ?? '' })).toBe('card-revealed');
  });

  it('enforces budget and per-cluster maximum, allows retracting, keeps results hidden until the vote closes', () => {
    const voted = throughVote();
    const clusters = voted.clusters;
    let s = voted.state;
    const [a, b] = clusters;
    s = apply(s, anna, { type: 'dot.cast', clusterId: a }).state;
    s = apply(s, anna, { type: 'dot.cast', clusterId: a }).state;
    expect(refused(s, anna, { type: 'dot.cast', clusterId: a })).toBe('cluster-max-reached');
    s = apply(s, anna, { type: 'dot.cast', clusterId: b }).state;
    expect(refused(s, anna, { type: 'dot.cast', clusterId: b })).toBe('budget-exhausted');
    s = apply(s, anna, { type: 'dot.retract', clusterId: b }).state;
    expect(refused(s, ben, { type: 'dot.retract', clusterId: b })).toBe('no-dots-to-retract');
    expect(myView(s, 'pa', false).dots).toMatchObject({ used: 2, remaining: 1, byCluster: { [a]: 2 } });
    const open = publicView(s).items[2]?.vote;
    expect(open).toMatchObject({ status: 'open', dotsCast: 2, voters: 1, results: null });
    // the moderator raises the budget while the vote runs
    s = apply(s, mod, { type: 'vote.settings', budget: 4 }).state;
    expect(myView(s, 'pa', false).dots?.remaining).toBe(2);
    s = apply(s, mod, { type: 'vote.close' }).state;
    expect(refused(s, ben, { type: 'dot.cast', clusterId: a })).toBe('vote-closed');
    expect(publicView(s).items[2]?.vote?.results).toEqual([
      { clusterId: a, name: 'Bezahlbarkeit', dots: 2, proxyDots: 0 },
      { clusterId: b, name: 'Beratung', dots: 0, proxyDots: 0 },
    ]);
  });

  it('lets the moderator vote for a person without a device, counted as such, but nobody else act for others', () => {
    const voted = throughVote();
    const clusters = voted.clusters;
    let s = voted.state;
    const proxy = apply(s, mod, { type: 'proxy.add', name: 'Frau K. (ohne Gerät)' });
    s = proxy.state;
    expect(refused(s, anna, { type: 'dot.cast', clusterId: clusters[0], as: proxy.id })).toBe('not-moderator');
    expect(refused(s, mod, { type: 'dot.cast', clusterId: clusters[0], as: 'pa' })).toBe('not-allowed-for-proxy');
    s = apply(s, mod, { type: 'dot.cast', clusterId: clusters[1], as: proxy.id }).state;
    s = apply(s, mod, { type: 'vote.close' }).state;
    expect(publicView(s).items[2]?.vote?.results?.find((r) => r.clusterId === clusters[1])).toMatchObject({ dots: 1, proxyDots: 1 });
  });

  it('freezes clusters while a vote is open and lets everyone cluster only when the setting says so', () => {
    const { state: s, clusters } = throughVote();
    expect(refused(s, mod, { type: 'cluster.merge', sourceId: clusters[1], targetId: clusters[0] })).toBe('wrong-phase');
    let t = session();
    t = apply(t, mod, { type: 'phase.next' }).state;
    t = apply(t, anna, { type: 'card.add', text: 'x' }).state;
    t = apply(t, mod, { type: 'cards.reveal' }).state;
    expect(refused(t, anna, { type: 'cluster.create', name: 'K', cardIds: [] })).toBe('not-moderator');
    t = apply(t, mod, { type: 'session.update', settings: { clustering: 'everyone' } }).state;
    const made = apply(t, anna, { type: 'cluster.create', name: 'K', cardIds: [publicView(t).cards[0]?.id ?? ''] });
    const split = apply(made.state, anna, { type: 'cluster.split', clusterId: made.id ?? '', cardIds: [publicView(t).cards[0]?.id ?? ''], name: 'L' });
    const merged = apply(split.state, ben, { type: 'cluster.merge', sourceId: split.id ?? '', targetId: made.id ?? '' }).state;
    expect(publicView(merged).clusters.map((c) => c.name)).toEqual(['K']);
    expect(publicView(merged).cards[0]?.clusterId).toBe(made.id);
  });

  it('takes one Blitzlicht answer per person, shows them without names, and records moderator actions in the log', () => {
    let s = session();
    const blitz = s.agenda[3]?.id ?? '';
    s = apply(s, mod, { type: 'phase.goto', itemId: blitz }, 5_000).state;
    s = apply(s, anna, { type: 'blitzlicht.answer', text: 'gut' }).state;
    s = apply(s, anna, { type: 'blitzlicht.answer', text: 'sehr gut' }).state;
    s = apply(s, ben, { type: 'blitzlicht.answer', text: 'müde' }).state;
    expect(publicView(s).items[3]?.blitzlicht).toEqual({ answered: 2, shown: false, answers: null });
    s = apply(s, mod, { type: 'blitzlicht.show' }, 6_000).state;
    expect(publicView(s).items[3]?.blitzlicht?.answers).toEqual(['müde', 'sehr gut']);
    expect(refused(s, ben, { type: 'blitzlicht.answer', text: 'doch anders' })).toBe('already-shown');
    s = apply(s, mod, { type: 'session.close' }, 7_000).state;
    expect(s.log.map((entry) => [entry.kind, entry.actorName, entry.at])).toEqual([
      ['phase-started', 'Mona Moderation', 5_000],
      ['blitzlicht-shown', 'Mona Moderation', 6_000],
      ['session-closed', 'Mona Moderation', 7_000],
    ]);
    expect(refused(s, anna, { type: 'blitzlicht.answer', text: 'x' })).toBe('session-closed');
  });

  it('takes only people present as “Wer” of a measure', () => {
    const s = session();
    expect(refused(s, mod, { type: 'measure.add', what: 'Bedarf erheben', whoId: 'nobody', withWhom: '', due: null, status: 'open', clusterId: null })).toBe(
      'not-present',
    );
    const added = apply(s, mod, { type: 'measure.add', what: 'Bedarf erheben', whoId: 'pb', withWhom: 'Sozialamt', due: '2026-06-30', status: 'open', clusterId: null });
    expect(publicView(added.state).measures).toEqual([
      { id: added.id, what: 'Bedarf erheben', whoId: 'pb', withWhom: 'Sozialamt', due: '2026-06-30', status: 'open', clusterId: null },
    ]);
  });
});

describe('public document, bundle and protocol', () => {
  it('round-trips the public view through the Y.Doc and writes only what changed', () => {
    const { state } = throughVote();
    const doc = new Y.Doc();
    writePublicWorkshop(doc, publicView(state));
    expect(readPublicWorkshop(doc)).toEqual(publicView(state));
    let updates = 0;
    doc.on('update', () => updates++);
    writePublicWorkshop(doc, publicView(state));
    expect(updates).toBe(0);
  });

  it('builds the protocol from the public view: agenda, attendance, clusters with dots, measures, parking lot', () => {
    const voted = throughVote();
    const clusters = voted.clusters;
    let s = voted.state;
    s = apply(s, anna, { type: 'dot.cast', clusterId: clusters[1] }).state;
    s = apply(s, mod, { type: 'vote.close' }).state;
    s = apply(s, mod, { type: 'parking.add', clusterId: clusters[1] }).state;
    s = apply(s, mod, { type: 'decision.add', text: 'Wir schreiben einen Vorschlag', itemId: null }).state;
    s = apply(s, mod, { type: 'measure.add', what: 'Entwurf', whoId: 'pa', withWhom: 'Ben', due: '2026-04-01', status: 'open', clusterId: clusters[0] }).state;
    s = apply(s, mod, { type: 'session.close' }, 9_000).state;
    const protocol = generateProtocol(publicView(s));
    expect(protocol.attendance).toEqual({ count: 3, names: ['Anna', 'Ben', 'Mona Moderation'], proxies: 0 });
    expect(protocol.agenda.map((item) => item.method)).toEqual(['kartenabfrage', 'clustering', 'punktabfrage', 'blitzlicht', 'massnahmenplan']);
    expect(protocol.items[0]?.cards).toHaveLength(3);
    expect(protocol.items[2]?.vote?.results.map((r) => [r.name, r.dots])).toEqual([
      ['Beratung', 1],
      ['Bezahlbarkeit', 0],
    ]);
    expect(protocol.items[1]?.clusters.find((c) => c.name === 'Beratung')?.dots).toBe(1);
    expect(protocol.decisions).toEqual([{ text: 'Wir schreiben einen Vorschlag', itemTitle: 'Gewichten' }]);
    expect(protocol.measures[0]).toMatchObject({ what: 'Entwurf', who: 'Anna', cluster: 'Bezahlbarkeit', due: '2026-04-01' });
    expect(protocol.parkingLot).toEqual([{ text: 'Beratung', status: 'open', source: 'cluster' }]);
    expect(protocol.closedAt).toBe(9_000);
    expect(JSON.stringify(protocol)).not.toMatch(/"p[ab]"/);
  });

  it('rebuilds a read-only session from its bundle with the same public view', () => {
    let { state: s } = throughVote();
    s = apply(s, mod, { type: 'session.close' }).state;
    const bundle = toBundle(publicView(s), 10);
    const imported = stateFromBundle(bundle);
    expect(publicView(imported)).toEqual({ ...publicView(s), session: { ...publicView(s).session, imported: true } });
    expect(JSON.stringify(bundle)).not.toContain('authorId');
    expect(refused(imported, mod, { type: 'phase.back' })).toBe('session-imported');
  });
});

describe('proposal drafts from a session', () => {
  it('drafts from a cluster (cards, dots) and from a measure (Wer, mit wem, bis wann), linked to the session', () => {
    const voted = throughVote();
    let s = apply(voted.state, anna, { type: 'dot.cast', clusterId: voted.clusters[0] }).state;
    s = apply(s, mod, { type: 'vote.close' }).state;
    const measure = apply(s, mod, { type: 'measure.add', what: 'Bedarf erheben', whoId: 'pb', withWhom: 'Sozialamt', due: '2026-06-30', status: 'open', clusterId: null });
    const view = publicView(measure.state);
    const fromCluster = draftFromCluster(view, voted.clusters[0]);
    expect(fromCluster?.title).toBe('Bezahlbarkeit');
    expect(fromCluster?.paragraphs[0]).toBe('Aus der Sitzung „Fokusgruppe Wohnen“ vom 12.03.2026, Thema „Bezahlbarkeit“ (1 Punkt).');
    expect(fromCluster?.paragraphs.slice(1)).toHaveLength(3);
    expect(fromCluster?.source).toEqual({ sessionId: 's1', kind: 'cluster', id: voted.clusters[0], sessionTitle: 'Fokusgruppe Wohnen', date: '2026-03-12' });
    expect(draftFromMeasure(view, measure.id ?? '')?.paragraphs).toEqual([
      'Aus der Sitzung „Fokusgruppe Wohnen“ vom 12.03.2026, Maßnahme „Bedarf erheben“.',
      'Verantwortlich: Ben',
      'Mit: Sozialamt',
      'Bis: 30.06.2026',
    ]);
    expect(draftFromCluster(view, 'missing')).toBeNull();
  });
});
