import { JoinResponse } from '../../../shared/docs/workshop/api';

/**
 * What this device keeps about workshop sessions (localStorage): the moderator key of each session
 * it created, the participant's join answer, and a random device id, so joining again (reload,
 * lost Wi-Fi, a closed tab) brings back the same participant with their cards and dots.
 */

const MODERATOR_PREFIX = 'fokuswerk.workshop.moderator.';
const PARTICIPANT_PREFIX = 'fokuswerk.workshop.participant.';
const DEVICE_KEY = 'fokuswerk.workshop.device';

function read(key: string): JoinResponse | null {
  try {
    const parsed = JoinResponse.safeParse(JSON.parse(localStorage.getItem(key) ?? 'null'));
    return parsed.success && Date.parse(parsed.data.expiresAt) > Date.now() ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The moderator key (the create answer) of a session, if this device created it. */
export function moderatorKey(sessionId: string): JoinResponse | null {
  return read(MODERATOR_PREFIX + sessionId);
}

export function saveModeratorKey(key: JoinResponse): void {
  localStorage.setItem(MODERATOR_PREFIX + key.sessionId, JSON.stringify(key));
}

/** The last join answer for a join code on this device. */
export function participantKey(code: string): JoinResponse | null {
  return read(PARTICIPANT_PREFIX + code.toUpperCase());
}

export function saveParticipantKey(code: string, key: JoinResponse): void {
  localStorage.setItem(PARTICIPANT_PREFIX + code.toUpperCase(), JSON.stringify(key));
}

/** This device's id for joining (random, kept). */
export function deviceId(): string {
  const existing = localStorage.getItem(DEVICE_KEY);
  if (existing !== null && /^[a-z0-9]{24}$/.test(existing)) {
    return existing;
  }
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  const id = Array.from(bytes, (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
  localStorage.setItem(DEVICE_KEY, id);
  return id;
}
