import { z } from 'zod';
import {
  AgendaItem,
  Decision,
  Id,
  LogEntry,
  Measure,
  ParkingItem,
  ParticipantKind,
  Phase,
  Settings,
  Timer,
  VoteResult,
} from './model';
import { currentItemId } from './phase';
import type { SessionState } from './state';

/**
 * What everyone in a session may see now — the content of the session's public document
 * (`workshop/<sessionId>`, written only by the server). This function is the one place that decides
 * visibility: no card author, no hidden card's text, no dot of anyone before the vote closed, no
 * Blitzlicht answer before it is shown, and never who gave which dots or answer.
 */

export const SessionInfo = z.object({
  id: Id,
  groupId: z.string(),
  title: z.string(),
  date: z.string(),
  place: z.string(),
  /** Short code to join (shown on the projector with the link and QR code). */
  joinCode: z.string(),
  settings: Settings,
  phase: Phase,
  createdAt: z.number(),
  closedAt: z.number().nullable(),
  imported: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** A card everyone may read: revealed, without its author. */
export const PublicCard = z.object({ id: Id, itemId: Id, text: z.string(), clusterId: Id.nullable(), order: z.number() });
export type PublicCard = z.infer<typeof PublicCard>;

export const PublicCluster = z.object({ id: Id, name: z.string(), order: z.number() });
export type PublicCluster = z.infer<typeof PublicCluster>;

export const PublicParticipant = z.object({ id: Id, name: z.string(), kind: ParticipantKind });
export type PublicParticipant = z.infer<typeof PublicParticipant>;

/** What an agenda item's methods show: card counts, the vote, the Blitzlicht. */
export const ItemState = z.object({
  itemId: Id,
  /** Kartenabfrage: cards written so far and how many of them are still hidden. */
  cards: z.object({ total: z.number().int(), hidden: z.number().int() }),
  /** Punktabfrage: null before the vote was opened. While open only totals; results once closed. */
  vote: z
    .object({
      status: z.enum(['pending', 'open', 'closed']),
      budget: z.number().int(),
      maxPerCluster: z.number().int(),
      /** Dots cast so far, all clusters together (says nothing about the distribution). */
      dotsCast: z.number().int(),
      /** People with at least one dot. */
      voters: z.number().int(),
      results: z.array(VoteResult).nullable(),
    })
    .nullable(),
  /** Blitzlicht: null before the first answer; answers (no names, sorted) once shown. */
  blitzlicht: z.object({ answered: z.number().int(), shown: z.boolean(), answers: z.array(z.string()).nullable() }).nullable(),
});
export type ItemState = z.infer<typeof ItemState>;

/** The public document's content, as read by readPublicWorkshop (public-doc.ts). */
export const PublicWorkshop = z.object({
  /** Grows with every change the server makes; an action's answer names the revision that shows it. */
  revision: z.number().int(),
  session: SessionInfo,
  timer: Timer,
  agenda: z.array(AgendaItem),
  items: z.array(ItemState),
  cards: z.array(PublicCard),
  clusters: z.array(PublicCluster),
  participants: z.array(PublicParticipant),
  parking: z.array(ParkingItem),
  measures: z.array(Measure),
  decisions: z.array(Decision),
  log: z.array(LogEntry),
});
export type PublicWorkshop = z.infer<typeof PublicWorkshop>;

/** The public view of `state`. */
export function publicView(state: SessionState): PublicWorkshop {
  const items: ItemState[] = state.agenda.map((item) => {
    const cards = Object.values(state.cards).filter((card) => card.itemId === item.id);
    const vote = state.votes[item.id];
    const round = state.blitzlicht[item.id];
    return {
      itemId: item.id,
      cards: { total: cards.length, hidden: cards.filter((card) => card.revealedOrder === null).length },
      vote:
        vote === undefined
          ? null
          : {
              status: vote.status,
              budget: vote.budget,
              maxPerCluster: vote.maxPerCluster,
              dotsCast:
                vote.status === 'closed' && Object.keys(vote.dots).length === 0
                  ? (vote.results ?? []).reduce((sum, result) => sum + result.dots, 0)
                  : Object.values(vote.dots).reduce((sum, byCluster) => sum + Object.values(byCluster).reduce((s, n) => s + n, 0), 0),
              voters:
                vote.status === 'closed'
                  ? vote.voters
                  : Object.values(vote.dots).filter((byCluster) => Object.values(byCluster).some((n) => n > 0)).length,
              results: vote.status === 'closed' ? vote.results : null,
            },
      blitzlicht:
        round === undefined
          ? null
          : {
              answered: Object.keys(round.answers).length,
              shown: round.shown,
              // Sorted, so the order says nothing about who answered when.
              answers: round.shown ? Object.values(round.answers).map((answer) => answer.text).sort((a, b) => a.localeCompare(b, 'de')) : null,
            },
    };
  });
  return {
    revision: state.revision,
    session: {
      id: state.id,
      groupId: state.groupId,
      title: state.title,
      date: state.date,
      place: state.place,
      joinCode: state.joinCode,
      settings: state.settings,
      phase: state.phase,
      createdAt: state.createdAt,
      closedAt: state.closedAt,
      imported: state.imported,
    },
    timer: state.timer,
    agenda: state.agenda,
    items,
    cards: Object.values(state.cards)
      .filter((card) => card.revealedOrder !== null)
      .map((card) => ({ id: card.id, itemId: card.itemId, text: card.text, clusterId: card.clusterId, order: card.revealedOrder ?? 0 }))
      .sort((a, b) => a.order - b.order),
    clusters: Object.values(state.clusters).sort((a, b) => a.order - b.order),
    participants: Object.values(state.participants)
      .map(({ id, name, kind }) => ({ id, name, kind }))
      .sort((a, b) => a.name.localeCompare(b.name, 'de')),
    parking: Object.values(state.parking),
    measures: Object.values(state.measures),
    decisions: Object.values(state.decisions),
    log: state.log,
  };
}

/** What one person may see about themselves (`GET /workshop/sessions/<id>/me`). */
export const MyState = z.object({
  sessionId: Id,
  /** null for a moderator who does not take part. */
  participant: PublicParticipant.nullable(),
  moderator: z.boolean(),
  /** The person's own cards, hidden ones included (only they see those). */
  ownCards: z.array(z.object({ id: Id, itemId: Id, text: z.string(), revealed: z.boolean(), clusterId: Id.nullable() })),
  /** The current item's vote from this person's side; null outside a Punktabfrage. */
  dots: z
    .object({
      itemId: Id,
      status: z.enum(['pending', 'open', 'closed']),
      budget: z.number().int(),
      maxPerCluster: z.number().int(),
      used: z.number().int(),
      remaining: z.number().int(),
      byCluster: z.record(z.string(), z.number().int()),
    })
    .nullable(),
  /** The current item's Blitzlicht answer of this person; null outside a Blitzlicht. */
  blitzlicht: z.object({ itemId: Id, answer: z.string().nullable() }).nullable(),
  /** Cards this person may still write in the current Kartenabfrage; null outside one. */
  cardsLeft: z.number().int().nullable(),
  /** People the moderator acts for (moderators only; empty otherwise). */
  proxies: z.array(PublicParticipant),
});
export type MyState = z.infer<typeof MyState>;

/** The view of `participantId` (or of a moderator without one); see MyState. */
export function myView(state: SessionState, participantId: string | null, moderator: boolean): MyState {
  const participant = participantId === null ? undefined : state.participants[participantId];
  const current = currentItemId(state.phase);
  const item = state.agenda.find((candidate) => candidate.id === current);
  const ownCards = participant === undefined ? [] : Object.values(state.cards).filter((card) => card.authorId === participant.id);
  let dots: MyState['dots'] = null;
  if (item?.method === 'punktabfrage') {
    const vote = state.votes[item.id];
    const mine = (participant === undefined ? undefined : vote?.dots[participant.id]) ?? {};
    const used = Object.values(mine).reduce((sum, n) => sum + n, 0);
    const budget = vote?.budget ?? state.settings.dotBudget;
    dots = {
      itemId: item.id,
      status: vote?.status ?? 'pending',
      budget,
      maxPerCluster: vote?.maxPerCluster ?? state.settings.maxDotsPerCluster,
      used,
      remaining: Math.max(0, budget - used),
      byCluster: Object.fromEntries(Object.entries(mine).filter(([, n]) => n > 0)),
    };
  }
  return {
    sessionId: state.id,
    participant: participant === undefined ? null : { id: participant.id, name: participant.name, kind: participant.kind },
    moderator,
    ownCards: ownCards.map((card) => ({
      id: card.id,
      itemId: card.itemId,
      text: card.text,
      revealed: card.revealedOrder !== null,
      clusterId: card.clusterId,
    })),
    dots,
    blitzlicht:
      item?.method === 'blitzlicht'
        ? { itemId: item.id, answer: participant === undefined ? null : (state.blitzlicht[item.id]?.answers[participant.id]?.text ?? null) }
        : null,
    cardsLeft:
      item?.method === 'kartenabfrage'
        ? Math.max(0, state.settings.cardsPerPerson - ownCards.filter((card) => card.itemId === item.id).length)
        : null,
    proxies: moderator
      ? Object.values(state.participants)
          .filter((p) => p.kind === 'proxy')
          .map(({ id, name, kind }) => ({ id, name, kind }))
      : [],
  };
}

/** The agenda item of the session that is current, or null. */
export function currentItem(view: PublicWorkshop): AgendaItem | null {
  const id = currentItemId(view.session.phase);
  return view.agenda.find((item) => item.id === id) ?? null;
}
