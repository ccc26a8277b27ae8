import { z } from 'zod';
import { AgendaInput, AgendaItem, DEFAULT_SETTINGS, IsoDate, Settings, type ParkingItem } from './model';
import { PublicWorkshop } from './public-view';
import type { SessionState } from './state';

/** Creating a session (`POST /workshop/sessions`). */
export const CreateSessionRequest = z.object({
  groupId: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  title: z.string().trim().min(1).max(200),
  date: IsoDate,
  place: z.string().trim().max(200).default(''),
  settings: Settings.partial().default({}),
  /** Empty agenda, or a template (an earlier session's agenda, see GET /workshop/sessions). */
  agenda: z.array(AgendaInput).max(50).default([]),
  /** The creator's name as participant (without accounts; with accounts the account's name is used). */
  moderatorName: z.string().trim().min(1).max(100).optional(),
});
export type CreateSessionRequest = z.input<typeof CreateSessionRequest>;

/** A new session's state: not started, the group's open Themenspeicher entries carried over. */
export function createSessionState(
  input: z.output<typeof CreateSessionRequest>,
  ids: { sessionId: string; joinCode: string; newId: () => string },
  carriedOver: readonly ParkingItem[],
  now: number,
): SessionState {
  const state: SessionState = {
    id: ids.sessionId,
    groupId: input.groupId,
    title: input.title,
    date: input.date,
    place: input.place,
    joinCode: ids.joinCode,
    settings: { ...DEFAULT_SETTINGS, ...Object.fromEntries(Object.entries(input.settings).filter(([, v]) => v !== undefined)) },
    agenda: input.agenda.map((item) => AgendaItem.parse({ ...item, id: ids.newId(), prompt: item.prompt ?? '' })),
    phase: { status: 'not-started' },
    timer: { state: 'idle' },
    itemRemainingMs: {},
    participants: {},
    cards: {},
    clusters: {},
    votes: {},
    blitzlicht: {},
    parking: {},
    measures: {},
    decisions: {},
    log: [],
    nextOrder: 1,
    createdAt: now,
    closedAt: null,
    imported: false,
    revision: 0,
  };
  for (const entry of carriedOver) {
    const id = ids.newId();
    state.parking[id] = { id, text: entry.text, source: 'earlier-session', fromSessionId: entry.fromSessionId, status: 'open' };
  }
  return state;
}

/**
 * A session handed from one server to another (the offline room's laptop → the central server):
 * its public view, nothing more — so a bundle holds no card author and no one's dots. Keyed by the
 * session's id; importing the same bundle twice changes nothing.
 */
export const SessionBundle = z.object({
  format: z.literal('fokuswerk-workshop-session'),
  version: z.literal(1),
  exportedAt: z.number(),
  workshop: PublicWorkshop,
});
export type SessionBundle = z.infer<typeof SessionBundle>;

/** The bundle of a session's public view. */
export function toBundle(view: PublicWorkshop, now: number): SessionBundle {
  return { format: 'fokuswerk-workshop-session', version: 1, exportedAt: now, workshop: view };
}

/** The (read-only) state of an imported session, rebuilt from a bundle. */
export function stateFromBundle(bundle: SessionBundle): SessionState {
  const view = bundle.workshop;
  const state: SessionState = {
    id: view.session.id,
    groupId: view.session.groupId,
    title: view.session.title,
    date: view.session.date,
    place: view.session.place,
    joinCode: view.session.joinCode,
    settings: view.session.settings,
    agenda: view.agenda,
    phase: view.session.phase,
    timer: { state: 'idle' },
    itemRemainingMs: {},
    participants: Object.fromEntries(view.participants.map((p) => [p.id, { ...p, joinedAt: view.session.createdAt }])),
    cards: Object.fromEntries(
      view.cards.map((card) => [
        card.id,
        { id: card.id, itemId: card.itemId, authorId: '', text: card.text, createdAt: view.session.createdAt, revealedOrder: card.order, clusterId: card.clusterId },
      ]),
    ),
    clusters: Object.fromEntries(view.clusters.map((found) => [found.id, found])),
    votes: Object.fromEntries(
      view.items.flatMap((item) =>
        item.vote === null
          ? []
          : [[item.itemId, { status: item.vote.status, budget: item.vote.budget, maxPerCluster: item.vote.maxPerCluster, dots: {}, results: item.vote.results, voters: item.vote.voters }]],
      ),
    ),
    blitzlicht: Object.fromEntries(
      view.items.flatMap((item) =>
        item.blitzlicht === null
          ? []
          : [[item.itemId, { shown: item.blitzlicht.shown, answers: Object.fromEntries((item.blitzlicht.answers ?? []).map((text, i) => [`a${i}`, { text, at: 0 }])) }]],
      ),
    ),
    parking: Object.fromEntries(view.parking.map((entry) => [entry.id, entry])),
    measures: Object.fromEntries(view.measures.map((measure) => [measure.id, measure])),
    decisions: Object.fromEntries(view.decisions.map((decision) => [decision.id, decision])),
    log: view.log,
    nextOrder: Math.max(0, ...view.cards.map((card) => card.order), ...view.clusters.map((found) => found.order)) + 1,
    createdAt: view.session.createdAt,
    closedAt: view.session.closedAt,
    imported: true,
    revision: view.revision,
  };
  return state;
}
