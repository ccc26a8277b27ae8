import { describe, expect, it } from 'vitest';
import type { AgendaItem } from './model';
import { remainingMs, stepPhase, type PhaseState } from './phase';

const agenda: AgendaItem[] = [
  { id: 'a', title: 'Ideen', method: 'kartenabfrage', minutes: 10, prompt: '' },
  { id: 'b', title: 'Ordnen', method: 'clustering', minutes: 5, prompt: '' },
  { id: 'c', title: 'Punkte', method: 'punktabfrage', minutes: 3, prompt: '' },
];
const MIN = 60_000;
const start: PhaseState = { agenda, phase: { status: 'not-started' }, timer: { state: 'idle' }, itemRemainingMs: {} };

function step(state: PhaseState | null, ...args: Parameters<typeof stepPhase> extends [unknown, ...infer R] ? R : never): PhaseState {
  if (state === null) {
    throw new Error('state expected');
  }
  const next = stepPhase(state, ...args);
  if (next === null) {
    throw new Error(`step ${JSON.stringify(args[0])} refused`);
  }
  return next;
}

describe('the session state machine', () => {
  it('starts the first item with its time box on the server clock', () => {
    const s = step(start, { type: 'next' }, 1_000);
    expect(s.phase).toEqual({ status: 'running', itemId: 'a' });
    expect(s.timer).toEqual({ state: 'running', endsAt: 1_000 + 10 * MIN, durationMs: 10 * MIN });
    expect(remainingMs(s.timer, 1_000 + 4 * MIN)).toBe(6 * MIN);
  });

  it('pauses and resumes without losing time, and extends or shortens the timer', () => {
    let s = step(start, { type: 'next' }, 0);
    s = step(s, { type: 'pause' }, 2 * MIN);
    expect(s.timer).toEqual({ state: 'paused', remainingMs: 8 * MIN, durationMs: 10 * MIN });
    expect(stepPhase(s, { type: 'pause' }, 3 * MIN)).toBeNull();
    s = step(s, { type: 'resume' }, 30 * MIN);
    expect(remainingMs(s.timer, 30 * MIN)).toBe(8 * MIN);
    s = step(s, { type: 'extend', seconds: 120 }, 30 * MIN);
    expect(remainingMs(s.timer, 30 * MIN)).toBe(10 * MIN);
    s = step(s, { type: 'extend', seconds: -3600 }, 30 * MIN);
    expect(remainingMs(s.timer, 30 * MIN)).toBe(0);
  });

  it('goes back a phase to the previous item, paused with the time it had left', () => {
    let s = step(start, { type: 'next' }, 0);
    s = step(s, { type: 'next' }, 4 * MIN); // a had 6 min left
    expect(s.phase).toEqual({ status: 'running', itemId: 'b' });
    s = step(s, { type: 'back' }, 5 * MIN);
    expect(s.phase).toEqual({ status: 'paused', itemId: 'a' });
    expect(s.timer).toEqual({ state: 'paused', remainingMs: 6 * MIN, durationMs: 10 * MIN });
    s = step(s, { type: 'next' }, 6 * MIN); // b had 4 min left when we went back
    expect(remainingMs(s.timer, 6 * MIN)).toBe(4 * MIN);
    s = step(s, { type: 'back' }, 6 * MIN);
    s = step(s, { type: 'back' }, 6 * MIN);
    expect(s.phase).toEqual({ status: 'not-started' });
    expect(stepPhase(s, { type: 'back' }, 6 * MIN)).toBeNull();
  });

  it('closes from any item, refuses to go on after the close, and reopens the last item on back', () => {
    let s = step(start, { type: 'goto', itemId: 'c' }, 0);
    expect(stepPhase(s, { type: 'next' }, 0)).toBeNull(); // c is the last item
    s = step(s, { type: 'close' }, MIN);
    expect(s.phase).toEqual({ status: 'closed' });
    expect(s.timer).toEqual({ state: 'idle' });
    for (const refused of [{ type: 'next' }, { type: 'pause' }, { type: 'close' }, { type: 'goto', itemId: 'a' }] as const) {
      expect(stepPhase(s, refused, MIN)).toBeNull();
    }
    s = step(s, { type: 'back' }, 2 * MIN);
    expect(s.phase).toEqual({ status: 'paused', itemId: 'c' });
    expect(s.timer).toEqual({ state: 'paused', remainingMs: 2 * MIN, durationMs: 3 * MIN });
  });

  it('refuses to go to an unknown item or the one already running', () => {
    const s = step(start, { type: 'next' }, 0);
    expect(stepPhase(s, { type: 'goto', itemId: 'zz' }, 0)).toBeNull();
    expect(stepPhase(s, { type: 'goto', itemId: 'a' }, 0)).toBeNull();
  });
});
