import { z } from 'zod';
import { AgendaInput, Id, IsoDate, MeasureStatus, Settings } from './model';

/**
 * Every change to a session is one of these actions, sent as JSON to
 * `POST /workshop/sessions/<id>/actions` with the session token (see api.ts). The server checks
 * who may do it and whether the session's state allows it (reduce.ts); a client cannot change a
 * session any other way (its document is read-only for clients).
 *
 * `as`: the moderator acts for a person without a device (a participant of kind 'proxy', see
 * `proxy.add`); recorded as such.
 */

const Text = (max: number) => z.string().trim().min(1).max(max);
const As = { as: Id.optional() };

/** Moderator only. */
export const ModeratorAction = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('session.update'),
    title: Text(200).optional(),
    date: IsoDate.optional(),
    place: z.string().trim().max(200).optional(),
    settings: Settings.partial().optional(),
  }),
  /** Replaces the agenda; items keep their id (and cards, votes …) when `id` is given. */
  z.object({ type: z.literal('agenda.set'), items: z.array(AgendaInput).max(50) }),
  /** Not started → first item; item k → item k+1 (the last item → closed is `session.close`). */
  z.object({ type: z.literal('phase.next') }),
  /** Item k → item k−1 (paused, with the time it had left); first item → not started; closed → last item (paused). */
  z.object({ type: z.literal('phase.back') }),
  /** Jumps to any item (running, fresh or remembered time). */
  z.object({ type: z.literal('phase.goto'), itemId: Id }),
  z.object({ type: z.literal('phase.pause') }),
  z.object({ type: z.literal('phase.resume') }),
  /** Adds (or with a negative value takes away) time on the current item's timer. */
  z.object({ type: z.literal('timer.extend'), seconds: z.number().int().min(-3600).max(3600) }),
  z.object({ type: z.literal('session.close') }),
  /** Reveals every hidden card of the current Kartenabfrage item, in random order. */
  z.object({ type: z.literal('cards.reveal') }),
  /** Opens the current Punktabfrage item's vote. */
  z.object({
    type: z.literal('vote.open'),
    budget: z.number().int().min(0).max(50).optional(),
    maxPerCluster: z.number().int().min(1).max(50).optional(),
  }),
  /** Changes budget or per-cluster maximum, also while the vote runs (dots already cast stay). */
  z.object({
    type: z.literal('vote.settings'),
    budget: z.number().int().min(0).max(50).optional(),
    maxPerCluster: z.number().int().min(1).max(50).optional(),
  }),
  /** Closes the current item's vote and publishes its results. */
  z.object({ type: z.literal('vote.close') }),
  /** Shows the current Blitzlicht item's answers (without names). */
  z.object({ type: z.literal('blitzlicht.show') }),
  /** Adds a person without a device; the moderator then acts for them with `as`. */
  z.object({ type: z.literal('proxy.add'), name: Text(100) }),
  /** Parks a text, a card or a cluster in the Themenspeicher (exactly one of them). */
  z.object({
    type: z.literal('parking.add'),
    text: Text(500).optional(),
    cardId: Id.optional(),
    clusterId: Id.optional(),
  }),
  z.object({ type: z.literal('parking.set-status'), id: Id, status: z.enum(['open', 'done']) }),
  z.object({
    type: z.literal('measure.add'),
    what: Text(500),
    whoId: Id.nullable().default(null),
    withWhom: z.string().trim().max(300).default(''),
    due: IsoDate.nullable().default(null),
    status: MeasureStatus.default('open'),
    clusterId: Id.nullable().default(null),
  }),
  z.object({
    type: z.literal('measure.update'),
    id: Id,
    what: Text(500).optional(),
    whoId: Id.nullable().optional(),
    withWhom: z.string().trim().max(300).optional(),
    due: IsoDate.nullable().optional(),
    status: MeasureStatus.optional(),
  }),
  z.object({ type: z.literal('measure.remove'), id: Id }),
  z.object({ type: z.literal('decision.add'), text: Text(1000), itemId: Id.nullable().default(null) }),
  z.object({ type: z.literal('decision.remove'), id: Id }),
]);
export type ModeratorAction = z.infer<typeof ModeratorAction>;

/** The moderator, or everyone when the session's setting `clustering` is 'everyone'. */
export const ClusterAction = z.discriminatedUnion('type', [
  /** A new cluster from revealed cards (may be empty). */
  z.object({ type: z.literal('cluster.create'), name: Text(200), cardIds: z.array(Id).max(500).default([]) }),
  z.object({ type: z.literal('cluster.rename'), clusterId: Id, name: Text(200) }),
  /** Moves a revealed card into a cluster, or out of every cluster with null. */
  z.object({ type: z.literal('cluster.assign'), cardId: Id, clusterId: Id.nullable() }),
  /** Moves every card of `sourceId` into `targetId` and removes `sourceId`. */
  z.object({ type: z.literal('cluster.merge'), sourceId: Id, targetId: Id }),
  /** Moves `cardIds` of `clusterId` into a new cluster named `name`. */
  z.object({ type: z.literal('cluster.split'), clusterId: Id, cardIds: z.array(Id).min(1).max(500), name: Text(200) }),
]);
export type ClusterAction = z.infer<typeof ClusterAction>;

/** Everyone taking part (and the moderator for a proxy with `as`). */
export const ParticipantAction = z.discriminatedUnion('type', [
  /** A card in the current Kartenabfrage item (up to the per-person limit), hidden until revealed. */
  z.object({ type: z.literal('card.add'), text: Text(280), ...As }),
  /** Takes back an own card that is still hidden. */
  z.object({ type: z.literal('card.withdraw'), cardId: Id, ...As }),
  /** One dot on a cluster in the current item's open vote. */
  z.object({ type: z.literal('dot.cast'), clusterId: Id, ...As }),
  /** Takes one own dot back from a cluster while the vote is open. */
  z.object({ type: z.literal('dot.retract'), clusterId: Id, ...As }),
  /** The one Blitzlicht answer of this person (replaces the earlier one until the answers are shown). */
  z.object({ type: z.literal('blitzlicht.answer'), text: Text(280), ...As }),
]);
export type ParticipantAction = z.infer<typeof ParticipantAction>;

/** Every action (the body of `POST /workshop/sessions/<id>/actions`). */
export const WorkshopAction = z.union([ModeratorAction, ClusterAction, ParticipantAction]);
export type WorkshopAction = z.infer<typeof WorkshopAction>;
export type WorkshopActionType = WorkshopAction['type'];

/**
 * What an action returns: the id of what it created, if anything, and the public document's
 * revision that shows the action (the view can drop its pending state once `revision` arrived).
 */
export const ActionResult = z.object({ ok: z.literal(true), id: z.string().optional(), revision: z.number().int() });
export type ActionResult = z.infer<typeof ActionResult>;

/** Why an action was refused (the `error` of the HTTP answer, with status 403 or 409). */
export const RuleViolation = z.enum([
  'not-moderator',
  'not-participant',
  'not-allowed-for-proxy',
  'session-closed',
  'session-imported',
  'wrong-phase',
  'not-found',
  'card-limit',
  'card-revealed',
  'vote-not-open',
  'vote-closed',
  'budget-exhausted',
  'cluster-max-reached',
  'no-dots-to-retract',
  'already-shown',
  'not-present',
  'invalid',
]);
export type RuleViolation = z.infer<typeof RuleViolation>;

/** Violations that mean "you may not" (403); all others mean "not now / not like this" (409). */
export const FORBIDDEN_VIOLATIONS: readonly RuleViolation[] = ['not-moderator', 'not-participant', 'not-allowed-for-proxy'];
