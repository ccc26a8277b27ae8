import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Timer } from '../../../shared/docs/workshop/model';
import { api } from '../../api/client';

/**
 * The server's clock for the timers. The offset is `now − (sent + received) / 2` from
 * `workshop.time`, so a device whose clock is minutes off still shows the time the room sees.
 * Measured three times; the answer with the shortest round trip wins (least uncertainty).
 */
export async function measureOffset(): Promise<number> {
  let best: { offset: number; roundTrip: number } | null = null;
  for (let i = 0; i < 3; i++) {
    const sent = Date.now();
    const { now } = await api.workshop.time({});
    const received = Date.now();
    const roundTrip = received - sent;
    if (best === null || roundTrip < best.roundTrip) {
      best = { offset: now - (sent + received) / 2, roundTrip };
    }
  }
  return best?.offset ?? 0;
}

/** The offset of the server's clock to this device's (ms), remeasured every 5 minutes; null until known. */
export function useServerOffset(): number | null {
  const query = useQuery({ queryKey: ['workshop', 'clock'], queryFn: measureOffset, staleTime: 5 * 60_000, refetchInterval: 5 * 60_000 });
  return query.data ?? null;
}

/** Remaining ms of a timer at server time `serverNow`. */
export function remainingOf(timer: Timer, serverNow: number): number {
  switch (timer.state) {
    case 'idle':
      return 0;
    case 'running':
      return Math.max(0, timer.endsAt - serverNow);
    case 'paused':
      return timer.remainingMs;
  }
}

/** The timer's remaining ms, updated four times a second while it runs. */
export function useRemaining(timer: Timer, offset: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (timer.state !== 'running') {
      return;
    }
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [timer.state]);
  if (offset === null) {
    return null;
  }
  return remainingOf(timer, now + offset);
}

/** `12:05` (minutes:seconds, rounded up so 0:00 means the time is over). */
export function formatRemaining(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}
