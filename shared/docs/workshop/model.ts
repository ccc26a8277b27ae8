import { z } from 'zod';

/**
 * The workshop mode's domain model: a session of a working group with an agenda of time-boxed
 * items, each run with one moderation method. Values here are what the server stores and what it
 * publishes; who may see what is decided in public-view.ts, who may do what in reduce.ts.
 */

/** The moderation methods (Metaplan) an agenda item can use. */
export const Method = z.enum(['kartenabfrage', 'clustering', 'punktabfrage', 'blitzlicht', 'diskussion', 'massnahmenplan']);
export type Method = z.infer<typeof Method>;

/** Ids the server generates (lowercase letters and digits, usable in document names). */
export const Id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);

/** A calendar date, `YYYY-MM-DD`. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const Text = (max: number) => z.string().trim().min(1).max(max);

/** How a session runs; the moderator can change every value while it runs. */
export const Settings = z.object({
  /** People without an account may join with a name only (accounts mode; without accounts everyone joins by name). */
  guestsAllowed: z.boolean(),
  /** Who may form, name, merge and split clusters. */
  clustering: z.enum(['moderator', 'everyone']),
  /** Cards one person may write per Kartenabfrage item. */
  cardsPerPerson: z.number().int().min(1).max(50),
  /** Default dots per person for a Punktabfrage (changeable per vote, also while it runs). */
  dotBudget: z.number().int().min(0).max(50),
  /** Default maximum of one person's dots on one cluster. */
  maxDotsPerCluster: z.number().int().min(1).max(50),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  guestsAllowed: false,
  clustering: 'moderator',
  cardsPerPerson: 5,
  dotBudget: 5,
  maxDotsPerCluster: 3,
};

/** An agenda item as the moderator enters it; `id` keeps an existing item (its cards, votes …). */
export const AgendaInput = z.object({
  id: Id.optional(),
  title: Text(200),
  method: Method,
  /** Time box in minutes. */
  minutes: z.number().int().min(1).max(480),
  /** The question on the cards or the Blitzlicht, shown to everyone. */
  prompt: z.string().trim().max(500).default(''),
});
export type AgendaInput = z.input<typeof AgendaInput>;

/** An agenda item with its stable id. */
export const AgendaItem = AgendaInput.extend({ id: Id, prompt: z.string() });
export type AgendaItem = z.infer<typeof AgendaItem>;

/** Where a session stands: before the start, in an item (timer running or paused), or closed. */
export const Phase = z.discriminatedUnion('status', [
  z.object({ status: z.literal('not-started') }),
  z.object({ status: z.literal('running'), itemId: Id }),
  z.object({ status: z.literal('paused'), itemId: Id }),
  z.object({ status: z.literal('closed') }),
]);
export type Phase = z.infer<typeof Phase>;

/**
 * The timer in server time (ms since the epoch). Clients take their offset from
 * `GET /workshop/time` and show `endsAt - (Date.now() + offset)` while running.
 */
export const Timer = z.discriminatedUnion('state', [
  z.object({ state: z.literal('idle') }),
  z.object({ state: z.literal('running'), endsAt: z.number(), durationMs: z.number() }),
  z.object({ state: z.literal('paused'), remainingMs: z.number(), durationMs: z.number() }),
]);
export type Timer = z.infer<typeof Timer>;

/** How someone takes part: signed-in member, guest by name, a person without a device the moderator acts for, or the moderator. */
export const ParticipantKind = z.enum(['member', 'guest', 'proxy', 'moderator']);
export type ParticipantKind = z.infer<typeof ParticipantKind>;

export const MeasureStatus = z.enum(['open', 'in-progress', 'done']);
export type MeasureStatus = z.infer<typeof MeasureStatus>;

/** A Maßnahme: Was / Wer (someone present) / mit wem / bis wann / Status. */
export const Measure = z.object({
  id: Id,
  what: z.string(),
  /** Participant id of the person responsible (only people present), or null. */
  whoId: Id.nullable(),
  withWhom: z.string(),
  due: IsoDate.nullable(),
  status: MeasureStatus,
  /** The cluster the measure came from, if any. */
  clusterId: Id.nullable(),
});
export type Measure = z.infer<typeof Measure>;

/** A Themenspeicher entry: a topic kept for later, offered again in the group's next session. */
export const ParkingItem = z.object({
  id: Id,
  text: z.string(),
  source: z.enum(['text', 'card', 'cluster', 'earlier-session']),
  /** The session the entry was first parked in (itself, or an earlier one of the group). */
  fromSessionId: Id,
  status: z.enum(['open', 'done']),
});
export type ParkingItem = z.infer<typeof ParkingItem>;

/** A decision noted for the protocol. */
export const Decision = z.object({ id: Id, itemId: Id.nullable(), text: z.string() });
export type Decision = z.infer<typeof Decision>;

/** Kinds of entries in the session's public log (moderator actions; never a participant's card or dot). */
export const LogKind = z.enum([
  'session-created',
  'session-updated',
  'agenda-changed',
  'phase-started',
  'phase-paused',
  'phase-resumed',
  'phase-back',
  'timer-extended',
  'cards-revealed',
  'vote-opened',
  'vote-changed',
  'vote-closed',
  'blitzlicht-shown',
  'proxy-added',
  'session-closed',
  'session-imported',
]);
export type LogKind = z.infer<typeof LogKind>;

/** One entry of the audit log: when, who (id and name at the time), what. */
export const LogEntry = z.object({
  seq: z.number().int(),
  at: z.number(),
  actorId: z.string(),
  actorName: z.string(),
  kind: LogKind,
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type LogEntry = z.infer<typeof LogEntry>;

/** A vote's outcome for one cluster; `proxyDots` were cast by the moderator for people without a device. */
export const VoteResult = z.object({ clusterId: Id, name: z.string(), dots: z.number().int(), proxyDots: z.number().int() });
export type VoteResult = z.infer<typeof VoteResult>;
