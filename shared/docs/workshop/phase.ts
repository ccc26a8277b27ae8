import type { AgendaItem, Phase } from './model';
import type { TimerState } from './state';

/**
 * The session's state machine: not started → item k running ⇄ paused → … → closed, with a way
 * back. Pure: every function takes the server's clock `now` (ms) and returns the new phase and
 * timer, or null when the step is not possible from here.
 */
export interface PhaseState {
  agenda: readonly AgendaItem[];
  phase: Phase;
  timer: TimerState;
  /** Time items had left when they were left early; restored when they are entered again. */
  itemRemainingMs: Record<string, number>;
}

export type PhaseStep =
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'goto'; itemId: string }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'extend'; seconds: number }
  | { type: 'close' };

/** Remaining time of a timer at `now` (never negative; 0 when idle). */
export function remainingMs(timer: TimerState, now: number): number {
  switch (timer.state) {
    case 'idle':
      return 0;
    case 'running':
      return Math.max(0, timer.endsAt - now);
    case 'paused':
      return timer.remainingMs;
  }
}

/** The item the session is in, or null before the start and after the close. */
export function currentItemId(phase: Phase): string | null {
  return phase.status === 'running' || phase.status === 'paused' ? phase.itemId : null;
}

/** Applies one step; null if it is not possible in the current phase. */
export function stepPhase(state: PhaseState, step: PhaseStep, now: number): PhaseState | null {
  const { agenda, phase, timer } = state;
  const current = currentItemId(phase);
  const index = current === null ? -1 : agenda.findIndex((item) => item.id === current);
  switch (step.type) {
    case 'next': {
      if (phase.status === 'closed') {
        return null;
      }
      const nextItem = agenda[index + 1];
      return nextItem === undefined ? null : enter(state, nextItem, 'running', now);
    }
    case 'goto': {
      const item = agenda.find((candidate) => candidate.id === step.itemId);
      if (item === undefined || phase.status === 'closed' || item.id === current) {
        return null;
      }
      return enter(state, item, 'running', now);
    }
    case 'back': {
      if (phase.status === 'not-started') {
        return null;
      }
      if (phase.status === 'closed') {
        const last = agenda[agenda.length - 1];
        return last === undefined ? { ...state, phase: { status: 'not-started' }, timer: { state: 'idle' } } : enter(state, last, 'paused', now);
      }
      const previous = agenda[index - 1];
      if (previous === undefined) {
        return { ...leave(state, now), phase: { status: 'not-started' }, timer: { state: 'idle' } };
      }
      return enter(state, previous, 'paused', now);
    }
    case 'pause':
      if (phase.status !== 'running' || timer.state !== 'running') {
        return null;
      }
      return {
        ...state,
        phase: { status: 'paused', itemId: phase.itemId },
        timer: { state: 'paused', remainingMs: remainingMs(timer, now), durationMs: timer.durationMs },
      };
    case 'resume':
      if (phase.status !== 'paused' || timer.state !== 'paused') {
        return null;
      }
      return {
        ...state,
        phase: { status: 'running', itemId: phase.itemId },
        timer: { state: 'running', endsAt: now + timer.remainingMs, durationMs: timer.durationMs },
      };
    case 'extend': {
      const deltaMs = step.seconds * 1000;
      if (timer.state === 'running') {
        return { ...state, timer: { ...timer, endsAt: Math.max(now, timer.endsAt + deltaMs), durationMs: Math.max(0, timer.durationMs + deltaMs) } };
      }
      if (timer.state === 'paused') {
        return { ...state, timer: { ...timer, remainingMs: Math.max(0, timer.remainingMs + deltaMs), durationMs: Math.max(0, timer.durationMs + deltaMs) } };
      }
      return null;
    }
    case 'close':
      if (phase.status === 'closed') {
        return null;
      }
      return { ...leave(state, now), phase: { status: 'closed' }, timer: { state: 'idle' } };
  }
}

/** Remembers the time the current item has left, so going back to it restores it. */
function leave(state: PhaseState, now: number): PhaseState {
  const current = currentItemId(state.phase);
  if (current === null) {
    return state;
  }
  return { ...state, itemRemainingMs: { ...state.itemRemainingMs, [current]: remainingMs(state.timer, now) } };
}

function enter(state: PhaseState, item: AgendaItem, status: 'running' | 'paused', now: number): PhaseState {
  const left = leave(state, now);
  const durationMs = item.minutes * 60_000;
  const remembered = left.itemRemainingMs[item.id];
  const remaining = remembered ?? durationMs;
  const timer: TimerState =
    status === 'running' ? { state: 'running', endsAt: now + remaining, durationMs } : { state: 'paused', remainingMs: remaining, durationMs };
  return { ...left, phase: { status, itemId: item.id }, timer };
}
