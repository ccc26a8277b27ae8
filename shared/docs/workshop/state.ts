import type {
  AgendaItem,
  Decision,
  LogEntry,
  Measure,
  ParkingItem,
  ParticipantKind,
  Phase,
  Settings,
  VoteResult,
} from './model';

/**
 * The whole state of a session as only the server holds it, including what nobody may see (who
 * wrote a card, who gave which dots, hidden cards and open results). It never leaves the server:
 * clients get publicView() and myView() of it, exports get a bundle without authors.
 */
export interface SessionState {
  id: string;
  groupId: string;
  title: string;
  date: string;
  place: string;
  joinCode: string;
  settings: Settings;
  agenda: AgendaItem[];
  phase: Phase;
  /** Timer of the current item (server ms); see Timer in model.ts. */
  timer: TimerState;
  /** Remaining time of items left before their time was up, restored when the moderator goes back. */
  itemRemainingMs: Record<string, number>;
  participants: Record<string, Participant>;
  cards: Record<string, Card>;
  clusters: Record<string, Cluster>;
  /** Per Punktabfrage item. */
  votes: Record<string, Vote>;
  /** Per Blitzlicht item. */
  blitzlicht: Record<string, Blitzlicht>;
  parking: Record<string, ParkingItem>;
  measures: Record<string, Measure>;
  decisions: Record<string, Decision>;
  /** The public audit log (moderator actions). */
  log: LogEntry[];
  /** Counter for display order of revealed cards and clusters. */
  nextOrder: number;
  createdAt: number;
  closedAt: number | null;
  /** Imported from another server (an offline room): read-only here. */
  imported: boolean;
  /** Counts the server's changes; the public document shows it, an action's answer names its own. */
  revision: number;
}

export type TimerState =
  | { state: 'idle' }
  | { state: 'running'; endsAt: number; durationMs: number }
  | { state: 'paused'; remainingMs: number; durationMs: number };

export interface Participant {
  id: string;
  name: string;
  kind: ParticipantKind;
  joinedAt: number;
}

export interface Card {
  id: string;
  itemId: string;
  /** Participant who wrote it ('' for imported cards). Server-only: never published, not even to the moderator. */
  authorId: string;
  text: string;
  createdAt: number;
  /** Display order once revealed; null while hidden. */
  revealedOrder: number | null;
  clusterId: string | null;
}

export interface Cluster {
  id: string;
  name: string;
  order: number;
}

export interface Vote {
  status: 'pending' | 'open' | 'closed';
  budget: number;
  maxPerCluster: number;
  /** participantId → clusterId → dots. Server-only. */
  dots: Record<string, Record<string, number>>;
  /** Frozen when the vote closes; null before. */
  results: VoteResult[] | null;
  /** People who gave at least one dot, frozen at close (imported sessions keep only this). */
  voters: number;
}

export interface Blitzlicht {
  shown: boolean;
  /** participantId → answer. Server-only until shown, then published without names. */
  answers: Record<string, { text: string; at: number }>;
}
