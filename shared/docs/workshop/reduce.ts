import type { ClusterAction, ModeratorAction, ParticipantAction, RuleViolation, WorkshopAction } from './actions';
import { AgendaItem, type LogEntry, type LogKind, type Settings } from './model';
import { currentItemId, stepPhase, type PhaseStep } from './phase';
import type { SessionState, Vote } from './state';

/**
 * The session's rules as one pure function: may this actor do this action now, and what is the
 * session afterwards. The server runs it for every request (then stores and publishes the result);
 * unit tests run it directly. Nothing here trusts the client beyond the parsed action.
 */

/** Who acts: a participant, the moderator (who may also take part), identified by the server. */
export interface Actor {
  /** Stable id for the audit log: the participant id, or the moderator's key id. */
  id: string;
  name: string;
  moderator: boolean;
  /** The actor's participant id in this session, null for a moderator who does not take part. */
  participantId: string | null;
}

/** What the server supplies: its clock, fresh ids and randomness (seeded in tests). */
export interface ReduceContext {
  now: number;
  newId: () => string;
  random: () => number;
}

export type ReduceResult =
  | { ok: true; state: SessionState; id?: string }
  | { ok: false; violation: RuleViolation; detail?: string };

const MODERATOR_TYPES = new Set<string>([
  'session.update', 'agenda.set', 'phase.next', 'phase.back', 'phase.goto', 'phase.pause', 'phase.resume', 'timer.extend',
  'session.close', 'cards.reveal', 'vote.open', 'vote.settings', 'vote.close', 'blitzlicht.show', 'proxy.add', 'parking.add',
  'parking.set-status', 'measure.add', 'measure.update', 'measure.remove', 'decision.add', 'decision.remove',
]);
const CLUSTER_TYPES = new Set<string>(['cluster.create', 'cluster.rename', 'cluster.assign', 'cluster.merge', 'cluster.split']);

class Refused extends Error {
  constructor(readonly violation: RuleViolation, readonly detail?: string) {
    super(violation);
  }
}

const refuse = (violation: RuleViolation, detail?: string): never => {
  throw new Refused(violation, detail);
};

/** Applies `action` by `actor` to `state` (which is not changed); see ReduceResult. */
export function reduce(state: SessionState, actor: Actor, action: WorkshopAction, ctx: ReduceContext): ReduceResult {
  if (state.imported) {
    return { ok: false, violation: 'session-imported' };
  }
  const next = JSON.parse(JSON.stringify(state)) as SessionState;
  try {
    let id: string | undefined;
    if (MODERATOR_TYPES.has(action.type)) {
      if (!actor.moderator) {
        refuse('not-moderator');
      }
      id = moderate(next, actor, action as ModeratorAction, ctx);
    } else if (CLUSTER_TYPES.has(action.type)) {
      if (!actor.moderator && (next.settings.clustering !== 'everyone' || actor.participantId === null)) {
        refuse(actor.moderator ? 'not-participant' : 'not-moderator');
      }
      requireOpen(next);
      id = cluster(next, action as ClusterAction, ctx);
    } else {
      id = participate(next, actor, action as ParticipantAction, ctx);
    }
    return id === undefined ? { ok: true, state: next } : { ok: true, state: next, id };
  } catch (error: unknown) {
    if (error instanceof Refused) {
      return error.detail === undefined ? { ok: false, violation: error.violation } : { ok: false, violation: error.violation, detail: error.detail };
    }
    throw error;
  }
}

/** Appends an entry to the public log. */
export function appendLog(state: SessionState, actor: Actor, kind: LogKind, at: number, detail: LogEntry['detail'] = {}): void {
  const last = state.log[state.log.length - 1];
  state.log.push({ seq: (last?.seq ?? 0) + 1, at, actorId: actor.id, actorName: actor.name, kind, detail });
}

function requireOpen(state: SessionState): void {
  if (state.phase.status === 'closed') {
    refuse('session-closed');
  }
}

/** The current item if it uses `method`; refuses otherwise. */
function currentItem(state: SessionState, method: AgendaItem['method']): AgendaItem {
  const id = currentItemId(state.phase);
  const item = state.agenda.find((candidate) => candidate.id === id);
  if (item === undefined || item.method !== method) {
    return refuse(state.phase.status === 'closed' ? 'session-closed' : 'wrong-phase', method);
  }
  return item;
}

function voteOf(state: SessionState, itemId: string): Vote {
  const existing = state.votes[itemId];
  if (existing !== undefined) {
    return existing;
  }
  const vote: Vote = {
    status: 'pending',
    budget: state.settings.dotBudget,
    maxPerCluster: state.settings.maxDotsPerCluster,
    dots: {},
    results: null,
    voters: 0,
  };
  state.votes[itemId] = vote;
  return vote;
}

function moderate(state: SessionState, actor: Actor, action: ModeratorAction, ctx: ReduceContext): string | undefined {
  const { now } = ctx;
  const phaseStep = (step: PhaseStep, kind: LogKind): void => {
    const stepped = stepPhase(state, step, now);
    if (stepped === null) {
      refuse('wrong-phase');
      return;
    }
    const before = currentItemId(state.phase);
    Object.assign(state, { phase: stepped.phase, timer: stepped.timer, itemRemainingMs: stepped.itemRemainingMs });
    if (stepped.phase.status === 'closed') {
      state.closedAt = now;
    } else {
      state.closedAt = null;
    }
    appendLog(state, actor, kind, now, {
      from: before,
      to: currentItemId(stepped.phase),
      status: stepped.phase.status,
      ...(step.type === 'extend' ? { seconds: step.seconds } : {}),
    });
  };
  switch (action.type) {
    case 'session.update': {
      requireOpen(state);
      const changed: LogEntry['detail'] = {};
      if (action.title !== undefined) {
        state.title = action.title;
        changed.title = action.title;
      }
      if (action.date !== undefined) {
        state.date = action.date;
        changed.date = action.date;
      }
      if (action.place !== undefined) {
        state.place = action.place;
        changed.place = action.place;
      }
      if (action.settings !== undefined) {
        const settings: Settings = { ...state.settings, ...definedOnly(action.settings) };
        state.settings = settings;
        for (const [key, value] of Object.entries(definedOnly(action.settings))) {
          changed[key] = typeof value === 'boolean' ? String(value) : value;
        }
      }
      appendLog(state, actor, 'session-updated', now, changed);
      return undefined;
    }
    case 'agenda.set': {
      requireOpen(state);
      const known = new Set(state.agenda.map((item) => item.id));
      const agenda = action.items.map((input) =>
        AgendaItem.parse({ ...input, id: input.id !== undefined && known.has(input.id) ? input.id : ctx.newId(), prompt: input.prompt ?? '' }),
      );
      const current = currentItemId(state.phase);
      if (current !== null && !agenda.some((item) => item.id === current)) {
        refuse('wrong-phase', 'the current item cannot be removed');
      }
      state.agenda = agenda;
      appendLog(state, actor, 'agenda-changed', now, { items: agenda.length });
      return undefined;
    }
    case 'phase.next':
      phaseStep({ type: 'next' }, 'phase-started');
      return undefined;
    case 'phase.goto':
      phaseStep({ type: 'goto', itemId: action.itemId }, 'phase-started');
      return undefined;
    case 'phase.back':
      phaseStep({ type: 'back' }, 'phase-back');
      return undefined;
    case 'phase.pause':
      phaseStep({ type: 'pause' }, 'phase-paused');
      return undefined;
    case 'phase.resume':
      phaseStep({ type: 'resume' }, 'phase-resumed');
      return undefined;
    case 'timer.extend':
      phaseStep({ type: 'extend', seconds: action.seconds }, 'timer-extended');
      return undefined;
    case 'session.close':
      phaseStep({ type: 'close' }, 'session-closed');
      return undefined;
    case 'cards.reveal': {
      const item = currentItem(state, 'kartenabfrage');
      const hidden = Object.values(state.cards).filter((card) => card.itemId === item.id && card.revealedOrder === null);
      shuffle(hidden, ctx.random);
      for (const card of hidden) {
        card.revealedOrder = state.nextOrder++;
      }
      appendLog(state, actor, 'cards-revealed', now, { itemId: item.id, cards: hidden.length });
      return undefined;
    }
    case 'vote.open': {
      const item = currentItem(state, 'punktabfrage');
      const vote = voteOf(state, item.id);
      if (vote.status !== 'pending') {
        refuse(vote.status === 'open' ? 'wrong-phase' : 'vote-closed');
      }
      vote.status = 'open';
      vote.budget = action.budget ?? vote.budget;
      vote.maxPerCluster = action.maxPerCluster ?? vote.maxPerCluster;
      appendLog(state, actor, 'vote-opened', now, { itemId: item.id, budget: vote.budget, maxPerCluster: vote.maxPerCluster });
      return undefined;
    }
    case 'vote.settings': {
      const item = currentItem(state, 'punktabfrage');
      const vote = voteOf(state, item.id);
      if (vote.status === 'closed') {
        refuse('vote-closed');
      }
      vote.budget = action.budget ?? vote.budget;
      vote.maxPerCluster = action.maxPerCluster ?? vote.maxPerCluster;
      appendLog(state, actor, 'vote-changed', now, { itemId: item.id, budget: vote.budget, maxPerCluster: vote.maxPerCluster });
      return undefined;
    }
    case 'vote.close': {
      const item = currentItem(state, 'punktabfrage');
      const vote = voteOf(state, item.id);
      if (vote.status !== 'open') {
        refuse(vote.status === 'closed' ? 'vote-closed' : 'vote-not-open');
      }
      vote.status = 'closed';
      vote.results = tally(state, vote);
      vote.voters = Object.values(vote.dots).filter((byCluster) => Object.values(byCluster).some((n) => n > 0)).length;
      appendLog(state, actor, 'vote-closed', now, { itemId: item.id, voters: vote.voters });
      return undefined;
    }
    case 'blitzlicht.show': {
      const item = currentItem(state, 'blitzlicht');
      const round = (state.blitzlicht[item.id] ??= { shown: false, answers: {} });
      if (round.shown) {
        refuse('already-shown');
      }
      round.shown = true;
      appendLog(state, actor, 'blitzlicht-shown', now, { itemId: item.id, answers: Object.keys(round.answers).length });
      return undefined;
    }
    case 'proxy.add': {
      requireOpen(state);
      const id = ctx.newId();
      state.participants[id] = { id, name: action.name, kind: 'proxy', joinedAt: now };
      appendLog(state, actor, 'proxy-added', now, { participantId: id, name: action.name });
      return id;
    }
    case 'parking.add': {
      const sources = [action.text, action.cardId, action.clusterId].filter((value) => value !== undefined);
      if (sources.length !== 1) {
        refuse('invalid', 'exactly one of text, cardId, clusterId');
      }
      const id = ctx.newId();
      let text: string;
      let source: 'text' | 'card' | 'cluster';
      if (action.cardId !== undefined) {
        const card = state.cards[action.cardId];
        if (card === undefined || card.revealedOrder === null) {
          return refuse('not-found');
        }
        text = card.text;
        source = 'card';
      } else if (action.clusterId !== undefined) {
        const found = state.clusters[action.clusterId];
        if (found === undefined) {
          return refuse('not-found');
        }
        text = found.name;
        source = 'cluster';
      } else {
        text = action.text ?? '';
        source = 'text';
      }
      state.parking[id] = { id, text, source, fromSessionId: state.id, status: 'open' };
      return id;
    }
    case 'parking.set-status': {
      const entry = state.parking[action.id] ?? refuse('not-found');
      entry.status = action.status;
      return undefined;
    }
    case 'measure.add': {
      requirePresent(state, action.whoId);
      if (action.clusterId !== null && state.clusters[action.clusterId] === undefined) {
        refuse('not-found', 'cluster');
      }
      const id = ctx.newId();
      state.measures[id] = {
        id,
        what: action.what,
        whoId: action.whoId,
        withWhom: action.withWhom,
        due: action.due,
        status: action.status,
        clusterId: action.clusterId,
      };
      return id;
    }
    case 'measure.update': {
      const measure = state.measures[action.id] ?? refuse('not-found');
      if (action.whoId !== undefined) {
        requirePresent(state, action.whoId);
        measure.whoId = action.whoId;
      }
      if (action.what !== undefined) {
        measure.what = action.what;
      }
      if (action.withWhom !== undefined) {
        measure.withWhom = action.withWhom;
      }
      if (action.due !== undefined) {
        measure.due = action.due;
      }
      if (action.status !== undefined) {
        measure.status = action.status;
      }
      return undefined;
    }
    case 'measure.remove':
      if (state.measures[action.id] === undefined) {
        refuse('not-found');
      }
      delete state.measures[action.id];
      return undefined;
    case 'decision.add': {
      if (action.itemId !== null && !state.agenda.some((item) => item.id === action.itemId)) {
        refuse('not-found', 'item');
      }
      const id = ctx.newId();
      state.decisions[id] = { id, itemId: action.itemId ?? currentItemId(state.phase), text: action.text };
      return id;
    }
    case 'decision.remove':
      if (state.decisions[action.id] === undefined) {
        refuse('not-found');
      }
      delete state.decisions[action.id];
      return undefined;
  }
}

function requirePresent(state: SessionState, whoId: string | null): void {
  if (whoId !== null && state.participants[whoId] === undefined) {
    refuse('not-present');
  }
}

function cluster(state: SessionState, action: ClusterAction, ctx: ReduceContext): string | undefined {
  const revealedCard = (cardId: string) => {
    const card = state.cards[cardId];
    if (card === undefined || card.revealedOrder === null) {
      return refuse('not-found', `card ${cardId}`);
    }
    return card;
  };
  const existing = (clusterId: string) => state.clusters[clusterId] ?? refuse('not-found', `cluster ${clusterId}`);
  const lockedByVote = (): void => {
    if (Object.values(state.votes).some((vote) => vote.status === 'open')) {
      refuse('wrong-phase', 'clusters are fixed while a vote is open');
    }
  };
  switch (action.type) {
    case 'cluster.create': {
      lockedByVote();
      const cards = action.cardIds.map(revealedCard);
      const id = ctx.newId();
      state.clusters[id] = { id, name: action.name, order: state.nextOrder++ };
      for (const card of cards) {
        card.clusterId = id;
      }
      return id;
    }
    case 'cluster.rename':
      existing(action.clusterId).name = action.name;
      return undefined;
    case 'cluster.assign': {
      lockedByVote();
      const card = revealedCard(action.cardId);
      if (action.clusterId !== null) {
        existing(action.clusterId);
      }
      card.clusterId = action.clusterId;
      return undefined;
    }
    case 'cluster.merge': {
      lockedByVote();
      existing(action.sourceId);
      existing(action.targetId);
      if (action.sourceId === action.targetId) {
        refuse('invalid', 'a cluster cannot be merged into itself');
      }
      for (const card of Object.values(state.cards)) {
        if (card.clusterId === action.sourceId) {
          card.clusterId = action.targetId;
        }
      }
      delete state.clusters[action.sourceId];
      return undefined;
    }
    case 'cluster.split': {
      lockedByVote();
      existing(action.clusterId);
      const cards = action.cardIds.map(revealedCard);
      if (cards.some((card) => card.clusterId !== action.clusterId)) {
        refuse('invalid', 'every card must belong to the cluster that is split');
      }
      const id = ctx.newId();
      state.clusters[id] = { id, name: action.name, order: state.nextOrder++ };
      for (const card of cards) {
        card.clusterId = id;
      }
      return id;
    }
  }
}

function participate(state: SessionState, actor: Actor, action: ParticipantAction, ctx: ReduceContext): string | undefined {
  requireOpen(state);
  let who = actor.participantId;
  if (action.as !== undefined) {
    if (!actor.moderator) {
      refuse('not-moderator');
    }
    if (state.participants[action.as]?.kind !== 'proxy') {
      refuse('not-allowed-for-proxy');
    }
    who = action.as;
  }
  if (who === null || state.participants[who] === undefined) {
    return refuse('not-participant');
  }
  switch (action.type) {
    case 'card.add': {
      const item = currentItem(state, 'kartenabfrage');
      const own = Object.values(state.cards).filter((card) => card.itemId === item.id && card.authorId === who).length;
      if (own >= state.settings.cardsPerPerson) {
        refuse('card-limit');
      }
      const id = ctx.newId();
      state.cards[id] = { id, itemId: item.id, authorId: who, text: action.text, createdAt: ctx.now, revealedOrder: null, clusterId: null };
      return id;
    }
    case 'card.withdraw': {
      const card = state.cards[action.cardId];
      if (card === undefined || card.authorId !== who) {
        return refuse('not-found');
      }
      if (card.revealedOrder !== null) {
        refuse('card-revealed');
      }
      delete state.cards[action.cardId];
      return undefined;
    }
    case 'dot.cast':
    case 'dot.retract': {
      const item = currentItem(state, 'punktabfrage');
      const vote = voteOf(state, item.id);
      if (vote.status !== 'open') {
        refuse(vote.status === 'closed' ? 'vote-closed' : 'vote-not-open');
      }
      if (state.clusters[action.clusterId] === undefined) {
        refuse('not-found', 'cluster');
      }
      const mine = (vote.dots[who] ??= {});
      const onCluster = mine[action.clusterId] ?? 0;
      if (action.type === 'dot.retract') {
        if (onCluster <= 0) {
          refuse('no-dots-to-retract');
        }
        mine[action.clusterId] = onCluster - 1;
        return undefined;
      }
      const used = Object.values(mine).reduce((sum, n) => sum + n, 0);
      if (used >= vote.budget) {
        refuse('budget-exhausted');
      }
      if (onCluster >= vote.maxPerCluster) {
        refuse('cluster-max-reached');
      }
      mine[action.clusterId] = onCluster + 1;
      return undefined;
    }
    case 'blitzlicht.answer': {
      const item = currentItem(state, 'blitzlicht');
      const round = (state.blitzlicht[item.id] ??= { shown: false, answers: {} });
      if (round.shown) {
        refuse('already-shown');
      }
      round.answers[who] = { text: action.text, at: ctx.now };
      return undefined;
    }
  }
}

/** Dots per cluster (and how many the moderator cast for people without a device), most first. */
function tally(state: SessionState, vote: Vote): NonNullable<Vote['results']> {
  const totals = new Map<string, { dots: number; proxyDots: number }>();
  for (const [participantId, byCluster] of Object.entries(vote.dots)) {
    const proxy = state.participants[participantId]?.kind === 'proxy';
    for (const [clusterId, n] of Object.entries(byCluster)) {
      const total = totals.get(clusterId) ?? { dots: 0, proxyDots: 0 };
      total.dots += n;
      total.proxyDots += proxy ? n : 0;
      totals.set(clusterId, total);
    }
  }
  return Object.values(state.clusters)
    .map((found) => ({ clusterId: found.id, name: found.name, ...(totals.get(found.id) ?? { dots: 0, proxyDots: 0 }) }))
    .sort((a, b) => b.dots - a.dots || a.name.localeCompare(b.name, 'de'));
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
