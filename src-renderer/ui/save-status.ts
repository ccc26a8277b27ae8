import { CloseCode } from '../../shared/sync/protocol';
import { localeTag, type Locale } from '../i18n/format';
import type { SyncStatus } from '../sync/doc-connection';

/**
 * What the status line says, in words people use: saved (the server has everything), saving (on
 * its way), kept on this device since a time (not yet on the server: offline, connecting or
 * refused), offline, connecting, or why the server refused. Counts of changes are left out: they
 * count keystrokes, not anything a person did.
 */
export type SaveState =
  | { kind: 'saved' }
  | { kind: 'saving' }
  | { kind: 'connecting' }
  | { kind: 'offline' }
  | { kind: 'kept'; offline: boolean; since: number }
  | { kind: 'refused'; reason: RefusalReason; since: number | null };

/** Why the sync server closed the connection for good, as the UI explains it. */
export type RefusalReason = 'signIn' | 'forbidden' | 'version' | 'tooLarge' | 'quota' | 'refused' | 'other';

/** The reason of a close code (shared/sync/protocol.ts). */
export function refusalReason(code: number | null): RefusalReason {
  switch (code) {
    case CloseCode.Unauthorized:
      return 'signIn';
    case CloseCode.Forbidden:
    case CloseCode.UnknownDocument:
      return 'forbidden';
    case CloseCode.ProtocolMismatch:
      return 'version';
    case CloseCode.TooLarge:
      return 'tooLarge';
    case CloseCode.QuotaExceeded:
      return 'quota';
    case CloseCode.UpdateRefused:
    case CloseCode.MalformedMessage:
      return 'refused';
    default:
      return 'other';
  }
}

/**
 * "Gespeichert" only when the server has confirmed everything in this session and the connection is
 * up; changes the server has not confirmed are "saving" while connected and "kept on this device
 * since …" otherwise.
 */
export function saveState(status: Pick<SyncStatus, 'connection' | 'serverSynced' | 'unsynced' | 'pendingSince' | 'refusedCode'>, now = Date.now()): SaveState {
  const since = status.unsynced > 0 ? (status.pendingSince ?? now) : null;
  switch (status.connection) {
    case 'refused':
      return { kind: 'refused', reason: refusalReason(status.refusedCode), since };
    case 'offline':
      return since === null ? { kind: 'offline' } : { kind: 'kept', offline: true, since };
    case 'connecting':
      return since === null ? { kind: 'connecting' } : { kind: 'kept', offline: false, since };
    case 'connected':
      return since !== null ? { kind: 'saving' } : status.serverSynced ? { kind: 'saved' } : { kind: 'connecting' };
  }
}

/** "14:32" for today, "28.11., 14:32" (German) or "28/11, 14:32" (English) for an earlier day. */
export function sinceTime(at: number, locale: Locale, now = Date.now()): string {
  const when = new Date(at);
  const today = new Date(now);
  const sameDay = when.toDateString() === today.toDateString();
  return new Intl.DateTimeFormat(localeTag(locale), sameDay ? { hour: '2-digit', minute: '2-digit' } : { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' }).format(when);
}

/** The status line's tone: its dot colour and whether it asks for attention. */
export function saveTone(state: SaveState): 'ok' | 'busy' | 'warning' | 'danger' {
  switch (state.kind) {
    case 'saved':
      return 'ok';
    case 'saving':
    case 'connecting':
      return 'busy';
    case 'offline':
    case 'kept':
      return 'warning';
    case 'refused':
      return 'danger';
  }
}
