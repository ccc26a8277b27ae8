/**
 * Access rules, written once: "may this principal do this to this document / this action". The
 * sync server enforces them, the app asks them; neither re-derives a rule.
 */
export { may, type Action, type ActionKind } from './actions';
export { documentAccess, type DocumentAccess } from './documents';
export { isLead, isMember, isStaff, type Membership, type Principal } from './principal';
export {
  allowedTransitions,
  checkTransition,
  mayConfigureRating,
  mayManageProposal,
  mayRate,
  mayReadGroup,
  mayReadUnpublishedRatings,
  mayTrackImplementation,
  mayWriteGroup,
  type TransitionRefusal,
} from './lifecycle';
