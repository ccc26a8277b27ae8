import { describe, expect, it } from 'vitest';
import { messages as authMessages } from '../features/auth/messages';
import { messages as groupsMessages } from '../features/groups/messages';
import { messages as indicatorsMessages } from '../features/indicators/messages';
import { messages as lifecycleMessages } from '../features/lifecycle/messages';
import { messages as proposalsMessages } from '../features/proposals/messages';
import { messages as reportMessages } from '../features/report/messages';
import { messages as workshopMessages } from '../features/workshop/messages';
import { helpMessages } from '../app/help/messages';
import { commonMessages } from './common-messages';
import { formatDate, formatNumber } from './format';
import { defineMessages, formatMessage, translator, type Message } from './messages';

describe('German number and date formats', () => {
  it('writes numbers as 1.234,5 in German and 1,234.5 in English', () => {
    expect(formatNumber(1234.5, 'de')).toBe('1.234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(304087, 'de')).toBe('304.087');
    expect(formatNumber(2.345, 'de', 2)).toBe('2,35');
    expect(formatNumber(-0.5, 'de')).toBe('-0,5');
  });

  it('writes dates as 31.12.2025, date-only strings as the calendar day in every time zone', () => {
    expect(formatDate('2025-12-31', 'de')).toBe('31.12.2025');
    expect(formatDate('2025-01-01', 'de')).toBe('01.01.2025');
    expect(formatDate('2025-12-31', 'en')).toBe('31/12/2025');
    expect(formatDate('2025-06-30T10:05:00', 'de', true)).toBe('30.06.2025, 10:05');
    expect(formatDate('not a date', 'de')).toBe('not a date');
  });
});

describe('messages with placeholders and plurals', () => {
  const bundle = defineMessages(
    {
      'x.greeting': 'Hallo {name}, Stand {date}',
      'x.values': '{values} Werte',
      'x.changes': { one: '{count} Änderung in {doc}', other: '{count} Änderungen in {doc}' },
      'x.zero': { zero: 'Keine Empfehlung', one: '{count} Empfehlung', other: '{count} Empfehlungen' },
      'x.fn': (p: { share: number }, f) => `${f.number(p.share * 100)} %`,
    },
    {
      'x.greeting': 'Hello {name}, as of {date}',
      'x.values': '{values} values',
      'x.changes': { one: '{count} change in {doc}', other: '{count} changes in {doc}' },
      'x.zero': { zero: 'No recommendation', one: '{count} recommendation', other: '{count} recommendations' },
      'x.fn': (p: { share: number }, f) => `${f.number(p.share * 100)}%`,
    },
  );
  const de = translator('de', bundle);
  const en = translator('en', bundle);

  it('fills placeholders; numbers in the language format', () => {
    expect(de('x.greeting', { name: 'Anke', date: formatDate('2017-10-10') })).toBe('Hallo Anke, Stand 10.10.2017');
    expect(de('x.values', { values: 12480 })).toBe('12.480 Werte');
    expect(en('x.values', { values: 12480 })).toBe('12,480 values');
  });

  it('chooses the plural form with Intl.PluralRules, formatting the count', () => {
    expect(de('x.changes', { count: 1, doc: 'Vorschlag' })).toBe('1 Änderung in Vorschlag');
    expect(de('x.changes', { count: 3, doc: 'Vorschlag' })).toBe('3 Änderungen in Vorschlag');
    expect(de('x.changes', { count: 1500, doc: 'Bericht' })).toBe('1.500 Änderungen in Bericht');
    expect(en('x.changes', { count: 1, doc: 'proposal' })).toBe('1 change in proposal');
    expect(en('x.changes', { count: 0, doc: 'proposal' })).toBe('0 changes in proposal');
    expect(de('x.zero', { count: 0 })).toBe('Keine Empfehlung');
    expect(de('x.zero', { count: 2 })).toBe('2 Empfehlungen');
  });

  it('runs function messages with formatters of the language', () => {
    expect(de('x.fn', { share: 0.125 })).toBe('12,5 %');
    expect(en('x.fn', { share: 0.125 })).toBe('12.5%');
  });

  it('leaves an unfilled placeholder visible instead of printing "undefined"', () => {
    expect(formatMessage('Jahresbericht {year}', {}, 'de')).toBe('Jahresbericht {year}');
  });

  it('falls back to the shared messages', () => {
    const t = translator('de', reportMessages, commonMessages);
    expect(t('report.count', { count: 1 })).toBe('1 Empfehlung');
    expect(t('status.kept', { time: '14:32' })).toBe('Auf diesem Gerät gespeichert seit 14:32');
  });
});

describe('the app’s messages', () => {
  const bundles = { commonMessages, helpMessages, authMessages, groupsMessages, proposalsMessages, reportMessages, indicatorsMessages, lifecycleMessages, workshopMessages };
  const placeholders = (m: Message): string[] => {
    const text = typeof m === 'string' ? m : typeof m === 'function' ? '' : `${m.one} ${m.other} ${m.zero ?? ''}`;
    return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((x) => x[1] ?? ''))].sort();
  };

  it('have English for every German text, with the same placeholders', () => {
    for (const [name, bundle] of Object.entries(bundles)) {
      const de = bundle.de as Record<string, Message>;
      const en = bundle.en as Record<string, Message>;
      expect(Object.keys(en).sort(), name).toEqual(Object.keys(de).sort());
      for (const key of Object.keys(de)) {
        expect(placeholders(en[key] as Message), `${name} ${key}`).toEqual(placeholders(de[key] as Message));
      }
    }
  });

  it('use every key once across features, so a feature never shadows another’s text', () => {
    const seen = new Map<string, string>();
    for (const [name, bundle] of Object.entries(bundles)) {
      for (const key of Object.keys(bundle.de)) {
        expect(seen.get(key), `${key} in ${name}`).toBeUndefined();
        seen.set(key, name);
      }
    }
  });
});
