import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../shared/indicators/import';
import { openIndicatorCache, type IndicatorCache } from './cache';
import { GenesisParseError } from './genesis-error';
import { DL_DE_BY_2_0 } from './genesis-footer';
import { IndicatorError } from './indicator-error';
import { FULL_DATA_NOTE, HAVE_FULL_DATA, fullFile, sampleFile, silentLogger, tempDir, toCrlf } from './test-fixtures';

const ATTRIBUTION = `© Statistische Ämter des Bundes und der Länder, Deutschland, 2017. ${DL_DE_BY_2_0}`;
const POP = '12411-01-01-5.csv';

const open: IndicatorCache[] = [];
afterEach(() => {
  while (open.length > 0) {
    open.pop()?.close();
  }
});

function newCache(dbPath = path.join(tempDir(), 'indicators.sqlite')): { cache: IndicatorCache; dbPath: string } {
  const cache = openIndicatorCache({ dbPath, logger: silentLogger });
  open.push(cache);
  return { cache, dbPath };
}

/** A digest of every row of every table, read through a second connection. */
function fingerprint(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    const hash = createHash('sha256');
    for (const table of ['source_tables', 'source_files', 'regions', 'variables', 'data_values']) {
      for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4`).iterate()) {
        hash.update(JSON.stringify(row));
      }
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

/** The population sample with another Stand and, optionally, another figure for Elmshorn 2015. */
function populationWithStand(stand: string, elmshorn2015 = 48684): Buffer {
  const text = sampleFile(POP)
    .toString('utf-8')
    .replace(/^Stand: .*$/m, `Stand: ${stand}`)
    .replace(/^(01056015;\s+Elmshorn;)48684;/m, `$1${elmshorn2015};`);
  return Buffer.from(text, 'utf-8');
}

function catchIndicatorError(fn: () => unknown): IndicatorError {
  try {
    fn();
  } catch (err) {
    if (err instanceof IndicatorError) {
      return err;
    }
    throw err;
  }
  throw new Error('expected an IndicatorError');
}

describe('indicator cache', () => {
  it('builds itself from the bundled sample data on first open, in WAL mode', () => {
    const { cache, dbPath } = newCache();
    expect(cache.list().map((i) => i.id)).toEqual([
      'bevoelkerung-insgesamt',
      'bevoelkerung-maennlich',
      'bevoelkerung-weiblich',
      'kinder-unter-3',
      'kinder-3-bis-unter-6',
      'bevoelkerung-75-und-aelter',
      'durchschnittsalter',
      'sv-beschaeftigte-wohnort',
      'sv-beschaeftigte-wohnort-auslaendisch',
      'zuzuege',
      'fortzuege',
      'anteil-unter-18',
      'anteil-65-und-aelter',
      'anteil-75-und-aelter',
      'bevoelkerung-veraenderung-vorjahr',
      'bevoelkerung-veraenderung-5-jahre',
      'wanderungssaldo-je-1000',
      'beschaeftigtenquote',
    ]);
    const pop = cache.list()[0];
    expect(pop).toMatchObject({ label: 'Bevölkerung insgesamt', unit: 'Personen', tableCode: '12411-01-01-5' });
    expect(pop?.periods).toEqual(['2008-12-31', '2009-12-31', '2010-12-31', '2011-12-31', '2012-12-31', '2013-12-31', '2014-12-31', '2015-12-31']);

    const regions = cache.regions();
    expect(regions).toHaveLength(57);
    expect(regions.slice(0, 4)).toEqual([
      { ags: 'DG', name: 'Deutschland', level: 'country', parent: null },
      { ags: '01', name: 'Schleswig-Holstein', level: 'land', parent: 'DG' },
      { ags: '01056', name: 'Pinneberg, Landkreis', level: 'kreis', parent: '01' },
      { ags: '010565616', name: 'Amt Elmshorn-Land', level: 'amt', parent: '01056' },
    ]);
    expect(regions.find((r) => r.ags === '01056001')).toEqual({ ags: '01056001', name: 'Appen', level: 'gemeinde', parent: '010565690' });
    expect(regions.find((r) => r.ags === '01056015')?.parent).toBe('01056');
    expect(regions.filter((r) => r.level === 'gemeinde')).toHaveLength(49);
    expect(regions.find((r) => r.ags === '01056045')?.name).toBe('Seestermühe');

    const db = new Database(dbPath, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('answers queries with exact figures, source, Stand and attribution', () => {
    const { cache } = newCache();
    const series = cache.query({ indicatorId: 'bevoelkerung-insgesamt', regions: ['01056', '01056015', '01056025'], periods: ['2015-12-31', '2010-12-31'] });
    expect(series.values).toEqual([
      { ags: '01056', period: '2015-12-31', value: 307471, flag: null },
      { ags: '01056', period: '2010-12-31', value: 303481, flag: null },
      { ags: '01056015', period: '2015-12-31', value: 48684, flag: null },
      { ags: '01056015', period: '2010-12-31', value: 48924, flag: null },
      { ags: '01056025', period: '2015-12-31', value: 1400, flag: null },
      { ags: '01056025', period: '2010-12-31', value: 1127, flag: null },
    ]);
    expect(series.regions.map((r) => r.name)).toEqual(['Pinneberg, Landkreis', 'Elmshorn', 'Helgoland']);
    expect(series.periods).toEqual(['2015-12-31', '2010-12-31']);
    expect(series.source).toEqual({
      tableCode: '12411-01-01-5',
      tableTitle: 'Bevölkerungsstand: Bevölkerung nach Geschlecht - Stichtag 31.12. -',
      stand: '2017-10-10T11:01:03',
      attribution: ATTRIBUTION,
      licence: DL_DE_BY_2_0,
    });

    const age = cache.query({ indicatorId: 'durchschnittsalter', regions: ['01056015', '01056025'], periods: ['2015-12-31'] });
    expect(age.values.map((v) => v.value)).toEqual([43.2, 48.8]);
    expect(age.indicator.unit).toBe('Jahre');
    const moves = cache.query({ indicatorId: 'zuzuege', regions: ['01056', '01056015'], periods: ['2015'] });
    expect(moves.values.map((v) => v.value)).toEqual([25551, 4019]);
  });

  it('keeps missing values with their flag and "-" as 0', () => {
    const { cache } = newCache();
    const series = cache.query({ indicatorId: 'sv-beschaeftigte-wohnort-auslaendisch', regions: ['01056006', '01056033', '01056015'], periods: ['2015-06-30'] });
    expect(series.values).toEqual([
      { ags: '01056006', period: '2015-06-30', value: null, flag: 'secret' },
      { ags: '01056033', period: '2015-06-30', value: 4, flag: null },
      { ags: '01056015', period: '2015-06-30', value: 1582, flag: null },
    ]);
    expect(cache.values({ tableCode: '13111-02-02-5', region: '01056033' }).find((v) => v.variable.join('/') === 'Ausländer(innen)/weiblich')).toMatchObject({
      value: 0,
      flag: null,
    });
  });

  it('explains unknown indicators, regions and periods in German and English', () => {
    const { cache } = newCache();
    const q = { indicatorId: 'bevoelkerung-insgesamt', regions: ['01056015'], periods: ['2015-12-31'] };
    const noIndicator = catchIndicatorError(() => cache.query({ ...q, indicatorId: 'arbeitslose' }));
    expect(noIndicator.code).toBe('not-found');
    expect(noIndicator.message).toBe('Unbekannter Indikator „arbeitslose“. / unknown indicator "arbeitslose".');
    const noRegion = catchIndicatorError(() => cache.query({ ...q, regions: ['01056015', '09999999'] }));
    expect(noRegion.message).toContain('Unbekannte Region „09999999“');
    expect(noRegion.message).toContain('unknown region "09999999"');
    const noPeriod = catchIndicatorError(() => cache.query({ ...q, periods: ['2016-12-31'] }));
    expect(noPeriod.messageDe).toContain('keinen Zeitraum 2016-12-31');
    expect(noPeriod.messageEn).toContain('no period 2016-12-31 (available: 2008-12-31,');
    expect(catchIndicatorError(() => cache.query({ ...q, regions: [] })).code).toBe('bad-request');
  });

  it('importing the same file twice changes nothing', async () => {
    const { cache, dbPath } = newCache();
    const before = fingerprint(dbPath);
    const again = cache.importBytes(sampleFile(POP), POP);
    expect(again).toMatchObject({ status: 'unchanged', tableCode: '12411-01-01-5', current: true, values: 0 });
    expect(fingerprint(dbPath)).toBe(before);

    const crlf = cache.importBytes(toCrlf(sampleFile(POP)), 'crlf.csv');
    expect(crlf).toMatchObject({ status: 'merged', values: 52 * 24, missing: 0 });
    const afterCrlf = fingerprint(dbPath);
    expect(cache.importBytes(toCrlf(sampleFile(POP)), 'crlf.csv').status).toBe('unchanged');
    const file = path.join(tempDir(), 'pop.csv');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, toCrlf(sampleFile(POP))));
    expect((await cache.importFile(file)).status).toBe('unchanged');
    expect(fingerprint(dbPath)).toBe(afterCrlf);
  });

  it('makes a newer Stand current and keeps the older vintage queryable', () => {
    const { cache } = newCache();
    const newer = cache.importBytes(populationWithStand('01.03.2018 / 09:00:00', 48700), 'pop-2018.csv');
    expect(newer).toMatchObject({ status: 'imported', stand: '2018-03-01T09:00:00', current: true, regions: 52, values: 1248 });
    const q = { indicatorId: 'bevoelkerung-insgesamt', regions: ['01056015'], periods: ['2015-12-31'] };
    expect(cache.query(q).values[0]?.value).toBe(48700);
    expect(cache.query(q).source.stand).toBe('2018-03-01T09:00:00');
    const old = cache.query(q, { stand: '2017-10-10T11:01:03' });
    expect(old.values[0]?.value).toBe(48684);
    expect(old.source.stand).toBe('2017-10-10T11:01:03');
    expect(cache.vintages('12411-01-01-5').map((v) => [v.stand, v.current])).toEqual([
      ['2018-03-01T09:00:00', true],
      ['2017-10-10T11:01:03', false],
    ]);
    expect(cache.values({ tableCode: '12411-01-01-5', region: '01056015', period: '2015-12-31', variable: ['Insgesamt'], stand: '2017-10-10T11:01:03' })).toEqual([
      { table: '12411-01-01-5', variable: ['Insgesamt'], region: '01056015', period: '2015-12-31', value: 48684, flag: null, unit: 'Anzahl', stand: '2017-10-10T11:01:03' },
    ]);

    const older = cache.importBytes(populationWithStand('01.01.2016 / 08:00:00', 1), 'pop-2016.csv');
    expect(older).toMatchObject({ status: 'imported', current: false });
    expect(cache.query(q).values[0]?.value).toBe(48700);
    expect(catchIndicatorError(() => cache.query(q, { stand: '1999-01-01' })).messageEn).toContain('has no Stand 1999-01-01');
  });

  it('leaves the database unchanged when an import fails mid-write', () => {
    const { cache, dbPath } = newCache();
    const before = fingerprint(dbPath);
    const seen: ImportProgress[] = [];
    const failing = (p: ImportProgress): void => {
      seen.push(p);
      if (p.phase === 'write' && p.done > 500) {
        throw new Error('disk full (simulated by the progress listener)');
      }
    };
    expect(() => cache.importBytes(populationWithStand('01.03.2018 / 09:00:00'), 'new.csv', failing)).toThrow('disk full');
    expect(seen.filter((p) => p.phase === 'write').length).toBeGreaterThan(1);
    expect(fingerprint(dbPath)).toBe(before);

    const controller = new AbortController();
    const aborting = (p: ImportProgress): void => {
      if (p.phase === 'write') {
        controller.abort(new Error('cancelled by the user'));
      }
    };
    expect(() => cache.importBytes(populationWithStand('01.03.2018 / 09:00:00'), 'new.csv', aborting, { signal: controller.signal })).toThrow('cancelled');
    expect(fingerprint(dbPath)).toBe(before);
    expect(cache.vintages('12411-01-01-5')).toHaveLength(1);
  });

  it('imports nothing from a broken file', async () => {
    const { cache, dbPath } = newCache();
    const before = fingerprint(dbPath);
    const lines = populationWithStand('01.03.2018 / 09:00:00').toString('utf-8').split('\n');
    lines[40] = (lines[40] ?? '').slice(0, 30);
    const file = path.join(tempDir(), 'truncated.csv');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, lines.join('\n')));
    const err = await cache.importFile(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenesisParseError);
    expect((err as GenesisParseError).message).toContain('truncated.csv, Zeile 41:');
    expect(fingerprint(dbPath)).toBe(before);
  });

  it('persists across reopen without building again', () => {
    const { cache, dbPath } = newCache();
    cache.importBytes(populationWithStand('01.03.2018 / 09:00:00', 48700), 'pop-2018.csv');
    cache.close();
    open.pop();
    const before = fingerprint(dbPath);
    const { cache: reopened } = newCache(dbPath);
    expect(reopened.query({ indicatorId: 'bevoelkerung-insgesamt', regions: ['01056015'], periods: ['2015-12-31'] }).values[0]?.value).toBe(48700);
    expect(fingerprint(dbPath)).toBe(before);
  });

  it('upgrades a cache of schema version 1: the catalogue summary is built from the stored values', () => {
    const { cache, dbPath } = newCache();
    const listed = cache.list();
    cache.close();
    open.pop();
    const db = new Database(dbPath);
    db.exec('DROP TABLE variable_periods');
    db.pragma('user_version = 1');
    db.close();
    const { cache: upgraded } = newCache(dbPath);
    expect(upgraded.list()).toEqual(listed);
    expect(listed.find((i) => i.id === 'bevoelkerung-insgesamt')?.periods).toContain('2015-12-31');
  });

  it('starts empty without bundled data, and passes nativeBinding to better-sqlite3', () => {
    const dir = tempDir();
    const empty = openIndicatorCache({ dbPath: path.join(dir, 'a.sqlite'), bundledDataDir: null, logger: silentLogger });
    open.push(empty);
    expect(empty.list()).toEqual([]);
    expect(empty.regions()).toEqual([]);
    const binding = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
    const explicit = openIndicatorCache({ dbPath: path.join(dir, 'b.sqlite'), nativeBinding: binding, bundledDataDir: null, logger: silentLogger });
    open.push(explicit);
    expect(() => openIndicatorCache({ dbPath: path.join(dir, 'c.sqlite'), nativeBinding: path.join(dir, 'missing.node'), logger: silentLogger })).toThrow();
  });
});

describe.skipIf(!HAVE_FULL_DATA)(`indicator cache with the full exports${FULL_DATA_NOTE}`, () => {
  it('merges a full export into the bundled vintage, twice is a no-op, and a failing import changes nothing', { timeout: 120_000 }, () => {
    const { cache, dbPath } = newCache();
    const progress: ImportProgress[] = [];
    const summary = cache.importBytes(fullFile(POP), POP, (p) => progress.push(p));
    expect(summary).toMatchObject({ status: 'merged', regions: 14493, values: 14493 * 24, current: true });
    expect(progress.at(-1)).toEqual({ phase: 'done', done: 14493 * 24, total: 14493 * 24 });
    // Germany, the Land, the Kreis, its 5 Ämter and 49 municipalities.
    expect(cache.regions()).toHaveLength(57);
    // Berlin-Mitte: the Bezirke are only published up to 2013 (line 9728: ".;.;.;.;.;.;337593;...").
    const mitte = (period: string): unknown => cache.values({ tableCode: '12411-01-01-5', region: '11001', period, variable: ['Insgesamt'] })[0];
    expect(mitte('2015-12-31')).toMatchObject({ value: null, flag: 'secret' });
    expect(mitte('2013-12-31')).toMatchObject({ value: 337593, flag: null });
    const before = fingerprint(dbPath);
    expect(cache.importBytes(fullFile(POP), POP).status).toBe('unchanged');
    expect(fingerprint(dbPath)).toBe(before);

    const newer = Buffer.from(fullFile('12411-07-01-5.csv').toString('latin1').replace(/^Stand: .*$/m, 'Stand: 01.03.2018 / 09:00:00'), 'latin1');
    expect(() =>
      cache.importBytes(newer, 'age.csv', (p) => {
        if (p.phase === 'write' && p.done > 20_000) {
          throw new Error('simulated failure');
        }
      }),
    ).toThrow('simulated failure');
    expect(fingerprint(dbPath)).toBe(before);
  });
});
