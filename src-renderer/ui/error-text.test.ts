// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { HostError } from '../api/client';
import { commonMessages } from '../i18n/common-messages';
import { translator } from '../i18n/messages';
import { errorText, messageInLanguage } from './error-text';

describe('error texts', () => {
  const de = { t: translator('de', commonMessages), locale: 'de' as const };
  const en = { t: translator('en', commonMessages), locale: 'en' as const };

  it('say a failure by its code in the UI language only, with what to do next', () => {
    const e = new HostError('Der Sync-Server ist nicht erreichbar. / The sync server cannot be reached.', 'unavailable');
    expect(errorText(e, de)).toBe('Der Server antwortet gerade nicht. Ihre Arbeit bleibt auf diesem Gerät; versuchen Sie es in ein paar Minuten noch einmal.');
    expect(errorText(e, en)).toBe('The server is not answering right now. Your work stays on this device; try again in a few minutes.');
  });

  it('never show raw validation or developer text', () => {
    const raw = new HostError('Ungültige Eingabe / invalid input (indicators.import): size: ✖ Too small: expected number to be >=1', 'bad-request');
    for (const text of [errorText(raw, de), errorText(raw, en), errorText(new Error('✖ Too small: expected number to be >=1 → at size'), de)]) {
      expect(text).not.toMatch(/✖|Too small|size|invalid input|Ungültige Eingabe/);
    }
    expect(errorText(new TypeError('Failed to fetch'), de)).toMatch(/^Fokuswerk ist gerade nicht erreichbar/);
  });

  it('let the caller say a code better, and add the server reason in the UI language where it helps', () => {
    const wrong = new HostError('Anmeldename oder Passwort falsch / wrong login or password', 'unauthorized');
    expect(errorText(wrong, de, { unauthorized: 'Passwort falsch.' })).toBe('Passwort falsch.');
    const conflict = new HostError('Status ist inzwischen „Final“ / status changed meanwhile', 'conflict');
    expect(errorText(conflict, de)).toBe('Jemand anderes hat das inzwischen geändert. Laden Sie die Ansicht neu und versuchen Sie es noch einmal. (Status ist inzwischen „Final“)');
    expect(errorText(conflict, en)).toMatch(/\(Status changed meanwhile\)$/);
    expect(messageInLanguage('only one language', 'de')).toBeNull();
  });
});
