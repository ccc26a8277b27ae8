import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openIndicatorCache, type IndicatorCache } from './cache';
import { GenesisParseError } from './genesis-error';
import { looksLikeFlatFile, parseGenesisFlatFile } from './genesis-ffcsv';
import { REPO_ROOT, sampleFile, silentLogger, tempDir } from './test-fixtures';

const FLAT = readFileSync(path.join(REPO_ROOT, 'tests/fixtures/indicators/12411-01-01-5_flat.csv'));
const NEWER = readFileSync(path.join(REPO_ROOT, 'tests/fixtures/indicators/12411-01-01-5_stand-2018.csv'));

const open: IndicatorCache[] = [];
afterEach(() => {
  while (open.length > 0) {
    open.pop()?.close();
  }
});

function emptyCache(): IndicatorCache {
  const cache = openIndicatorCache({ dbPath: path.join(tempDir(), 'indicators.sqlite'), logger: silentLogger, bundledDataDir: null, disclosureThreshold: 0 });
  open.push(cache);
  return cache;
}

function parseError(text: string): GenesisParseError {
  try {
    parseGenesisFlatFile(Buffer.from(text), { fileName: 'x.csv', stand: '2018-01-01' });
  } catch (e) {
    if (e instanceof GenesisParseError) {
      return e;
    }
    throw e;
  }
  throw new Error('expected a GenesisParseError');
}

const HEADER = 'statistics_code;statistics_label;time_code;time_label;time;1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;value;value_unit;value_variable_code;value_variable_label';

describe('GENESIS flat file (ffcsv)', () => {
  it('is told apart from the classic format', () => {
    expect(looksLikeFlatFile(FLAT)).toBe(true);
    expect(looksLikeFlatFile(sampleFile('12411-01-01-5.csv'))).toBe(false);
  });

  it('reads regions, periods and variable paths exactly as the classic file of the same table', () => {
    const table = parseGenesisFlatFile(FLAT, { stand: '2017-10-10T11:01:03' });
    expect(table.tableCode).toBe('12411-01-01-5');
    expect(table.columns.map((c) => c.variable)).toEqual([['Insgesamt'], ['männlich'], ['weiblich']]);
    expect(table.regions.map((r) => [r.key, r.parentKey])).toEqual([
      ['DG', null],
      ['01', 'DG'],
      ['01056', '01'],
      ['01056015', '01056'],
      ['01056025', '01056'],
      ['01056039', '01056'],
    ]);
    expect(table.periods).toHaveLength(8);
  });

  it('imports into the cache with the same figures as the classic export, and the Stand given', () => {
    const cache = emptyCache();
    const summary = cache.importBytes(FLAT, '12411-01-01-5_flat.csv', undefined, { stand: '2017-10-10T11:01:03' });
    expect(summary).toMatchObject({ status: 'imported', tableCode: '12411-01-01-5', stand: '2017-10-10T11:01:03', regions: 6, values: 144 });
    const series = cache.query({ indicatorId: 'bevoelkerung-insgesamt', regions: ['01056015', '01056025'], periods: ['2015-12-31', '2014-12-31'] });
    expect(series.values.map((v) => v.value)).toEqual([48684, 47907, 1400, 1356]);
    expect(series.source.attribution).toContain('Datenlizenz Deutschland – Namensnennung – Version 2.0');
    // The classic file of the same Stand adds its other regions to this vintage.
    expect(cache.importBytes(sampleFile('12411-01-01-5.csv'), '12411-01-01-5.csv').status).toBe('merged');
  });

  it('names line and reason for broken files', () => {
    expect(parseError('statistics_code;time;value\n1;2015;3').message).toMatch(/Zeile 1: Kopfzeile ohne Spalte\(n\) statistics_label.*line 1: header line lacks/);
    expect(parseError(`${HEADER}\n1;T;JAHR;Jahr;2015;GEMEIN;Gemeinden;01056015;Elmshorn;12;Anzahl;X;Y\n1;T;JAHR;Jahr;2015;GEMEIN;Gemeinden;01056025;Helgoland;zwölf;Anzahl;X;Y`).message).toMatch(
      /x\.csv, Zeile 3: Wert „zwölf“/,
    );
    expect(parseError(`${HEADER}\n1;T;JAHR;Jahr;2015;GEMEIN;Gemeinden;01056015;Elmshorn;12;Anzahl`).reason).toBe('field-count');
    expect(parseError(`${HEADER}\n1;T;JAHR;Jahr;letztes Jahr;GEMEIN;Gemeinden;01056015;Elmshorn;12;Anzahl;X;Y`).reason).toBe('period');
    expect(parseError(`${HEADER}\n1;T;JAHR;Jahr;2015;GES;Geschlecht;GESM;männlich;12;Anzahl;X;Y`).reason).toBe('region-key');
    expect(parseError(`${HEADER}\n`).reason).toBe('no-data');
    const twice = `${HEADER}\n1;T;JAHR;Jahr;2015;GEMEIN;Gemeinden;01056015;Elmshorn;12;Anzahl;X;Y\n1;T;JAHR;Jahr;2015;GEMEIN;Gemeinden;01056015;Elmshorn;13;Anzahl;X;Y`;
    expect(parseError(twice)).toMatchObject({ reason: 'duplicate', line: 3 });
  });

  it('keeps the signs of the Zeichenerklärung: "-" is 0, "." secret', () => {
    const text = `${HEADER}\n1;T;JAHR;Jahr;2015;GEMEIN;Gemeinden;01056015;Elmshorn;-;Anzahl;X;Y\n1;T;JAHR;Jahr;2015;GEMEIN;Gemeinden;01056025;Helgoland;.;Anzahl;X;Y`;
    const table = parseGenesisFlatFile(Buffer.from(text), { stand: '2018-01-01' });
    expect(table.rows.map((r) => r.cells[0])).toEqual([{ value: 0, flag: null }, { value: null, flag: 'secret' }]);
  });
});

describe('vintages', () => {
  it('makes a newer Stand current and keeps the older one queryable', () => {
    const cache = openIndicatorCache({ dbPath: path.join(tempDir(), 'indicators.sqlite'), logger: silentLogger });
    open.push(cache);
    expect(cache.importBytes(NEWER, 'pop-2018.csv')).toMatchObject({ status: 'imported', current: true, stand: '2018-03-01T09:00:00' });
    expect(cache.vintages('12411-01-01-5').map((v) => [v.stand, v.current])).toEqual([
      ['2018-03-01T09:00:00', true],
      ['2017-10-10T11:01:03', false],
    ]);
    const q = { indicatorId: 'bevoelkerung-insgesamt', regions: ['01056015'], periods: ['2015-12-31'] };
    expect(cache.query(q).values[0]?.value).toBe(48702);
    expect(cache.query({ ...q, stands: { '12411-01-01-5': '2017-10-10T11:01:03' } }).values[0]?.value).toBe(48684);
    // A derived indicator reads the newest vintage of each of its tables.
    expect(cache.query({ ...q, indicatorId: 'bevoelkerung-veraenderung-vorjahr' }).source.stand).toBe('2018-03-01T09:00:00');
  });
});
