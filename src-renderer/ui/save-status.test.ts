import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/sync/protocol';
import { commonMessages } from '../i18n/common-messages';
import { translator } from '../i18n/messages';
import { overallStatus } from '../sync/doc-registry';
import { saveState, sinceTime } from './save-status';
import { saveStateText } from './SyncStatusBadge';

describe('save status', () => {
  const base = { connection: 'connected' as const, serverSynced: true, unsynced: 0, pendingSince: null, refusedCode: null };
  // 29.11.2026, 14:32 and 16:05 local time.
  const at1432 = new Date(2026, 10, 29, 14, 32).getTime();
  const now = new Date(2026, 10, 29, 16, 5).getTime();

  it('says "saved" only when connected and the server confirmed everything in this session', () => {
    expect(saveState(base)).toEqual({ kind: 'saved' });
    expect(saveState({ ...base, serverSynced: false })).toEqual({ kind: 'connecting' });
    expect(saveState({ ...base, connection: 'offline' })).toEqual({ kind: 'offline' });
    expect(saveState({ ...base, connection: 'connecting' })).toEqual({ kind: 'connecting' });
    expect(saveState({ ...base, connection: 'refused', refusedCode: CloseCode.Forbidden })).toEqual({ kind: 'refused', reason: 'forbidden', since: null });
  });

  it('says where unconfirmed changes are: on their way while connected, on this device since the first one otherwise', () => {
    expect(saveState({ ...base, unsynced: 53, pendingSince: at1432 })).toEqual({ kind: 'saving' });
    expect(saveState({ ...base, connection: 'offline', serverSynced: false, unsynced: 4, pendingSince: at1432 })).toEqual({ kind: 'kept', offline: true, since: at1432 });
    expect(saveState({ ...base, connection: 'connecting', unsynced: 1, pendingSince: at1432 })).toEqual({ kind: 'kept', offline: false, since: at1432 });
    expect(saveState({ ...base, connection: 'refused', refusedCode: CloseCode.QuotaExceeded, unsynced: 2, pendingSince: at1432 })).toEqual({
      kind: 'refused',
      reason: 'quota',
      since: at1432,
    });
  });

  it('reads as the status line shows it, in German or English only, without counting keystrokes', () => {
    const de = { t: translator('de', commonMessages), locale: 'de' as const };
    const en = { t: translator('en', commonMessages), locale: 'en' as const };
    const kept = saveState({ ...base, connection: 'offline', serverSynced: false, unsynced: 53, pendingSince: at1432 });
    expect(saveStateText(kept, de)).toBe('Offline – auf diesem Gerät gespeichert seit 14:32');
    expect(saveStateText(kept, en)).toBe('Offline – kept on this device since 14:32');
    expect(saveStateText({ kind: 'saved' }, de)).toBe('Gespeichert');
    expect(saveStateText({ kind: 'saving' }, de)).toBe('Wird gespeichert …');
    expect(saveStateText({ kind: 'refused', reason: 'signIn', since: null }, de)).toBe('Nicht verbunden – bitte neu anmelden');
    for (const text of [saveStateText(kept, de), saveStateText(kept, en)]) {
      expect(text).not.toMatch(/53|\//);
    }
  });

  it('gives the day too when the changes are older than today', () => {
    expect(sinceTime(at1432, 'de', now)).toBe('14:32');
    expect(sinceTime(at1432, 'de', now + 24 * 3600_000)).toBe('29.11., 14:32');
  });

  it('sums the open documents for pages without their own', () => {
    const offlineDoc = { ...base, connection: 'offline' as const, serverSynced: false, unsynced: 3, pendingSince: at1432 };
    expect(overallStatus([base, { ...base, unsynced: 2, pendingSince: now }], true)).toMatchObject({ connection: 'connected', unsynced: 2, pendingSince: now });
    expect(overallStatus([offlineDoc, { ...offlineDoc, pendingSince: now }], false)).toMatchObject({ connection: 'offline', unsynced: 6, pendingSince: at1432 });
    expect(saveState(overallStatus([base, base], true))).toEqual({ kind: 'saved' });
    expect(saveState(overallStatus([], false))).toEqual({ kind: 'offline' });
  });
});
