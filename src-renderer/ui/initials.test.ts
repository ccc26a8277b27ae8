import { describe, expect, it } from 'vitest';
import { initials } from './initials';

describe('avatar initials', () => {
  it('take the first letter of the first two words', () => {
    expect(initials('Anke Petersen')).toBe('AP');
    expect(initials('  maren   voss  ')).toBe('MV');
    expect(initials('Ole')).toBe('O');
    expect(initials('Anke Petersen (Diakonie)')).toBe('AP');
  });

  it('keep emoji and combining characters whole', () => {
    expect(initials('🧑🏽‍💻 Jana')).toBe('🧑🏽‍💻J');
    expect(initials('👩‍👩‍👧 Familie')).toBe('👩‍👩‍👧F');
    // "O" + combining diaeresis, "n" + combining tilde: one visible character each.
    expect(initials('O\u0308zlem n\u0303andu')).toBe('O\u0308N\u0303');
    expect(initials('🇩🇪 Team')).toBe('🇩🇪T');
    for (const name of ['🧑🏽‍💻 Jana', '👍🏿 Ok', 'Ölaf Ñúñez']) {
      expect(initials(name)).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });

  it('skip words without a letter, digit or emoji', () => {
    expect(initials('( ) Anke')).toBe('A');
    expect(initials('')).toBe('');
  });
});
