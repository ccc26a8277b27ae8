// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { formatRemaining, remainingOf } from './clock';
import { workshopJoinCode } from './GuestJoin';
import { protocolFileName } from './ProtocolPanel';

describe('the workshop timer', () => {
  it('counts from the server time, never below zero, and keeps a paused timer', () => {
    const timer = { state: 'running', endsAt: 1_000_000, durationMs: 600_000 } as const;
    expect(remainingOf(timer, 1_000_000 - 61_500)).toBe(61_500);
    expect(remainingOf(timer, 1_000_001)).toBe(0);
    expect(remainingOf({ state: 'paused', remainingMs: 42_000, durationMs: 600_000 }, 5)).toBe(42_000);
    expect(remainingOf({ state: 'idle' }, 5)).toBe(0);
  });

  it('shows minutes:seconds rounded up, so 0:00 means the time is over', () => {
    expect(formatRemaining(61_500)).toBe('1:02');
    expect(formatRemaining(60_000)).toBe('1:00');
    expect(formatRemaining(999)).toBe('0:01');
    expect(formatRemaining(0)).toBe('0:00');
    expect(formatRemaining(125 * 60_000)).toBe('125:00');
  });
});

describe('join links and file names', () => {
  it('reads the code of a join link, and nothing else', () => {
    expect(workshopJoinCode('#/workshop/join/k7m2qx')).toBe('K7M2QX');
    expect(workshopJoinCode('#/workshop/join/K7M2QX/')).toBe('K7M2QX');
    expect(workshopJoinCode('#/workshop/abc/moderate')).toBeNull();
    expect(workshopJoinCode('#/workshop/join/../../x')).toBeNull();
    expect(workshopJoinCode('')).toBeNull();
  });

  it('names the protocol file by date and title, without characters file systems refuse', () => {
    expect(protocolFileName({ date: '2026-03-12', title: 'Fokusgruppe Wohnen: März/April' })).toBe('Protokoll-2026-03-12-Fokusgruppe-Wohnen-März-April.html');
    expect(protocolFileName({ date: '2026-03-12', title: '???' })).toBe('Protokoll-2026-03-12-Sitzung.html');
  });
});
