import { describe, expect, it } from 'vitest';
import { diffSeries, newerStands } from './snapshot-diff';
import type { IndicatorSeries } from './types';

const source = { tableCode: 'T', tableTitle: 'Tabelle', stand: '2017-10-10T11:01:03', attribution: '©', licence: 'dl-de/by-2-0' };
const series = (values: [string, string, number | null][], stand = source.stand): IndicatorSeries => ({
  indicator: { id: 'i', label: 'I', unit: 'Personen', definition: '', tableCode: 'T', periods: ['2014', '2015'] },
  regions: [
    { ags: 'A', name: 'Appen', level: 'gemeinde' },
    { ags: 'B', name: 'Barmstedt', level: 'gemeinde' },
  ],
  periods: ['2014', '2015'],
  values: values.map(([ags, period, value]) => ({ ags, period, value, flag: value === null ? 'secret' : null })),
  source: { ...source, stand },
});

describe('snapshot update', () => {
  it('lists exactly the cells that changed, old → new, including cells that became secret', () => {
    const before = series([['A', '2014', 10], ['A', '2015', 11], ['B', '2014', 20], ['B', '2015', 21]]);
    const after = series([['A', '2014', 10], ['A', '2015', 12], ['B', '2014', null], ['B', '2015', 21]], '2018-03-01T09:00:00');
    expect(diffSeries(before, after)).toEqual([
      { ags: 'A', regionName: 'Appen', period: '2015', before: { value: 11, flag: null }, after: { value: 12, flag: null } },
      { ags: 'B', regionName: 'Barmstedt', period: '2014', before: { value: 20, flag: null }, after: { value: null, flag: 'secret' } },
    ]);
    expect(diffSeries(before, before)).toEqual([]);
  });

  it('finds a newer current Stand of a source table, and nothing for the same or an older one', () => {
    const s = series([]);
    expect(newerStands(s, [{ tableCode: 'T', title: '', stand: '2018-03-01T09:00:00', current: true }])).toEqual([{ source: s.source, newest: '2018-03-01T09:00:00' }]);
    expect(newerStands(s, [{ tableCode: 'T', title: '', stand: '2017-10-10T11:01:03', current: true }])).toEqual([]);
    expect(newerStands(s, [{ tableCode: 'X', title: '', stand: '2019-01-01', current: true }])).toEqual([]);
  });
});
