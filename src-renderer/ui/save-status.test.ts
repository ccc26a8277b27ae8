import { describe, expect, it } from 'vitest';
import { commonMessages } from '../i18n/common-messages';
import { translator } from '../i18n/messages';
import { saveState } from './save-status';

describe('save status', () => {
  const base = { connection: 'connected' as const, serverSynced: true, unsynced: 0 };

  it('says "saved" only when connected and the server confirmed everything in this session', () => {
    expect(saveState(base)).toEqual({ kind: 'saved' });
    expect(saveState({ ...base, serverSynced: false })).toEqual({ kind: 'none' });
    expect(saveState({ ...base, connection: 'offline' })).toEqual({ kind: 'none' });
    expect(saveState({ ...base, connection: 'connecting' })).toEqual({ kind: 'none' });
    expect(saveState({ ...base, connection: 'refused' })).toEqual({ kind: 'none' });
  });

  it('counts unconfirmed changes whether online or not', () => {
    expect(saveState({ ...base, unsynced: 1 })).toEqual({ kind: 'unsynced', count: 1 });
    expect(saveState({ ...base, connection: 'offline', serverSynced: false, unsynced: 4 })).toEqual({ kind: 'unsynced', count: 4 });
  });

  it('reads as the status line shows it, in German and English', () => {
    const de = translator('de', commonMessages);
    const en = translator('en', commonMessages);
    expect(de('status.unsynced', { count: 1 })).toBe('1 Änderung nicht synchronisiert');
    expect(de('status.unsynced', { count: 1234 })).toBe('1.234 Änderungen nicht synchronisiert');
    expect(en('status.unsynced', { count: 1 })).toBe('1 change not synchronised');
    expect(en('status.unsynced', { count: 2 })).toBe('2 changes not synchronised');
    expect(de('status.saved')).toBe('Gespeichert');
  });
});
