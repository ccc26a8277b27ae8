import { z } from 'zod';

/**
 * The statuses of a proposal's life, in the order of the regular path. German labels are the
 * renderer's job (i18n keys `lifecycle.status.<id>`); the ids are stable and stored in documents.
 */
export const LifecycleStatus = z.enum([
  'entwurf',
  'in-abstimmung',
  'ag-beschlossen',
  'steuerungsgruppe',
  'im-bericht',
  'kreistag-beschlossen',
  'kreistag-abgelehnt',
  'kreistag-kenntnis',
  'in-umsetzung',
  'umgesetzt',
  'nicht-umgesetzt',
  'zurueckgezogen',
  'zurueckgestellt',
]);
export type LifecycleStatus = z.infer<typeof LifecycleStatus>;

/** German names of the statuses (for logs, exports and the server's messages). */
export const STATUS_LABEL_DE: Readonly<Record<LifecycleStatus, string>> = {
  entwurf: 'Entwurf',
  'in-abstimmung': 'in Abstimmung in der AG',
  'ag-beschlossen': 'von der AG beschlossen',
  steuerungsgruppe: 'Einschätzung der Steuerungsgruppe',
  'im-bericht': 'im Fokusbericht',
  'kreistag-beschlossen': 'vom Kreistag beschlossen',
  'kreistag-abgelehnt': 'vom Kreistag abgelehnt',
  'kreistag-kenntnis': 'vom Kreistag zur Kenntnis genommen',
  'in-umsetzung': 'in Umsetzung',
  umgesetzt: 'umgesetzt',
  'nicht-umgesetzt': 'nicht umgesetzt',
  zurueckgezogen: 'zurückgezogen',
  zurueckgestellt: 'zurückgestellt',
};

/**
 * Statuses in which the working group's recommendation counts as decided: it may be pushed into the
 * report, and an edit of it afterwards marks it "geändert seit Beschluss".
 */
export const DECIDED_STATUSES: ReadonlySet<LifecycleStatus> = new Set<LifecycleStatus>([
  'ag-beschlossen',
  'steuerungsgruppe',
  'im-bericht',
  'kreistag-beschlossen',
  'kreistag-abgelehnt',
  'kreistag-kenntnis',
  'in-umsetzung',
  'umgesetzt',
  'nicht-umgesetzt',
]);

/** True if the recommendation counts as decided by the working group (see DECIDED_STATUSES). */
export function isDecided(status: LifecycleStatus): boolean {
  return DECIDED_STATUSES.has(status);
}

/** Statuses a proposal waits in for a decision of its working group ("Meine offenen Punkte"). */
export const WAITING_FOR_GROUP: ReadonlySet<LifecycleStatus> = new Set<LifecycleStatus>(['in-abstimmung']);

/**
 * Who takes part in a transition. `member` and `lead` are relative to the proposal's group (a lead
 * is also a member); `admin` may make every transition of the table, but no other.
 */
export type Actor = 'member' | 'lead' | 'steuerung' | 'stabsstelle';

/** What kind of step a transition is; `back`, `reject`, `withdraw` and `defer` need a reason. */
export type TransitionKind = 'forward' | 'back' | 'reject' | 'withdraw' | 'defer' | 'resume';

/** One allowed change of status. */
export interface Transition {
  readonly from: LifecycleStatus;
  readonly to: LifecycleStatus;
  readonly kind: TransitionKind;
  /** Who may make it (besides `admin`). */
  readonly by: readonly Actor[];
}

const REASON_KINDS: ReadonlySet<TransitionKind> = new Set<TransitionKind>(['back', 'reject', 'withdraw', 'defer']);

/** True if a transition of this kind must carry a reason (going back, rejection, withdrawal, deferral). */
export function needsReason(kind: TransitionKind): boolean {
  return REASON_KINDS.has(kind);
}

const t = (from: LifecycleStatus, to: LifecycleStatus, kind: TransitionKind, ...by: Actor[]): Transition => ({ from, to, kind, by });

const WITHDRAWABLE: readonly LifecycleStatus[] = ['entwurf', 'in-abstimmung', 'ag-beschlossen', 'steuerungsgruppe'];
const DEFERRABLE: readonly LifecycleStatus[] = ['entwurf', 'in-abstimmung', 'ag-beschlossen', 'steuerungsgruppe', 'im-bericht'];

/**
 * The status machine. Every change not listed here is refused, also for `admin`.
 *
 * | from → to                                             | who                         | reason |
 * | ----------------------------------------------------- | --------------------------- | ------ |
 * | entwurf → in-abstimmung                               | members of the group        |        |
 * | in-abstimmung → ag-beschlossen                        | the group's leads           |        |
 * | in-abstimmung → entwurf                               | members of the group        | yes    |
 * | ag-beschlossen → entwurf / in-abstimmung              | the group's leads           | yes    |
 * | ag-beschlossen → steuerungsgruppe                     | steuerung, stabsstelle      |        |
 * | steuerungsgruppe → ag-beschlossen                     | steuerung, stabsstelle      | yes    |
 * | steuerungsgruppe → im-bericht                         | stabsstelle                 |        |
 * | im-bericht → steuerungsgruppe                         | stabsstelle                 | yes    |
 * | im-bericht → kreistag-beschlossen / -kenntnis         | stabsstelle                 |        |
 * | im-bericht → kreistag-abgelehnt                       | stabsstelle                 | yes    |
 * | kreistag-beschlossen / -kenntnis → in-umsetzung       | stabsstelle, the group's leads |     |
 * | in-umsetzung → umgesetzt                              | stabsstelle, the group's leads |     |
 * | in-umsetzung → nicht-umgesetzt                        | stabsstelle, the group's leads | yes |
 * | entwurf … steuerungsgruppe → zurueckgezogen           | the group's leads           | yes    |
 * | zurueckgezogen → entwurf                              | the group's leads           | yes    |
 * | entwurf … im-bericht → zurueckgestellt                | the group's leads, stabsstelle | yes |
 * | zurueckgestellt → entwurf / in-abstimmung             | the group's leads, stabsstelle |     |
 */
export const TRANSITIONS: readonly Transition[] = [
  t('entwurf', 'in-abstimmung', 'forward', 'member'),
  t('in-abstimmung', 'ag-beschlossen', 'forward', 'lead'),
  t('in-abstimmung', 'entwurf', 'back', 'member'),
  t('ag-beschlossen', 'entwurf', 'back', 'lead'),
  t('ag-beschlossen', 'in-abstimmung', 'back', 'lead'),
  t('ag-beschlossen', 'steuerungsgruppe', 'forward', 'steuerung', 'stabsstelle'),
  t('steuerungsgruppe', 'ag-beschlossen', 'back', 'steuerung', 'stabsstelle'),
  t('steuerungsgruppe', 'im-bericht', 'forward', 'stabsstelle'),
  t('im-bericht', 'steuerungsgruppe', 'back', 'stabsstelle'),
  t('im-bericht', 'kreistag-beschlossen', 'forward', 'stabsstelle'),
  t('im-bericht', 'kreistag-kenntnis', 'forward', 'stabsstelle'),
  t('im-bericht', 'kreistag-abgelehnt', 'reject', 'stabsstelle'),
  t('kreistag-beschlossen', 'in-umsetzung', 'forward', 'stabsstelle', 'lead'),
  t('kreistag-kenntnis', 'in-umsetzung', 'forward', 'stabsstelle', 'lead'),
  t('in-umsetzung', 'umgesetzt', 'forward', 'stabsstelle', 'lead'),
  t('in-umsetzung', 'nicht-umgesetzt', 'reject', 'stabsstelle', 'lead'),
  ...WITHDRAWABLE.map((from) => t(from, 'zurueckgezogen', 'withdraw', 'lead')),
  t('zurueckgezogen', 'entwurf', 'back', 'lead'),
  ...DEFERRABLE.map((from) => t(from, 'zurueckgestellt', 'defer', 'lead', 'stabsstelle')),
  t('zurueckgestellt', 'entwurf', 'resume', 'lead', 'stabsstelle'),
  t('zurueckgestellt', 'in-abstimmung', 'resume', 'lead', 'stabsstelle'),
];

/** The transition from `from` to `to`, or null if the machine has none. */
export function findTransition(from: LifecycleStatus, to: LifecycleStatus): Transition | null {
  return TRANSITIONS.find((transition) => transition.from === from && transition.to === to) ?? null;
}

/** All transitions leaving `from`. */
export function transitionsFrom(from: LifecycleStatus): Transition[] {
  return TRANSITIONS.filter((transition) => transition.from === from);
}

/** The longest reason the server accepts. */
export const MAX_REASON_LENGTH = 2_000;
