import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openIndicatorCache, type IndicatorCache } from './cache';
import { loadCatalog } from './catalog-file';
import { IndicatorEngine } from './indicator-query';
import { sampleFile, silentLogger, tempDir } from './test-fixtures';

const open: IndicatorCache[] = [];
afterEach(() => {
  while (open.length > 0) {
    open.pop()?.close();
  }
});

function newCache(disclosureThreshold = 3): IndicatorCache {
  const cache = openIndicatorCache({ dbPath: path.join(tempDir(), 'indicators.sqlite'), logger: silentLogger, disclosureThreshold });
  open.push(cache);
  return cache;
}

const MUNICIPALITIES = Array.from({ length: 51 }, (_, i) => `01056${String(i + 1).padStart(3, '0')}`).filter((k) => !['01056007', '01056012'].includes(k));
const raw = (cache: IndicatorCache, table: string, region: string, variable: string[], period?: string): number => {
  const row = cache.values({ tableCode: table, region, variable, ...(period ? { period } : {}) });
  return row[0]?.value ?? Number.NaN;
};

describe('derived indicators and Ämter', () => {
  it('computes shares, rates and changes from the base figures, rounded to two decimals', () => {
    const cache = newCache(0);
    const value = (id: string, ags: string, period: string): number | null =>
      cache.query({ indicatorId: id, regions: [ags], periods: [period] }).values[0]?.value ?? null;
    const age = (group: string, ags = '01056015'): number => raw(cache, '12411-02-03-5', ags, ['Insgesamt', group]);
    const total = age('Insgesamt');
    const under18 = ['unter 3 Jahre', '3 bis unter 6 Jahre', '6 bis unter 10 Jahre', '10 bis unter 15 Jahre', '15 bis unter 18 Jahre'].reduce((s, g) => s + age(g), 0);
    expect(value('anteil-unter-18', '01056015', '2015')).toBe(Math.round((under18 / total) * 10000) / 100);
    expect(value('anteil-75-und-aelter', '01056015', '2015')).toBe(Math.round((age('75 Jahre und mehr') / total) * 10000) / 100);
    // Elmshorn 31.12.2015 48.684, 31.12.2014 47.907, 31.12.2010 48.924 (12411-01-01-5).
    expect(value('bevoelkerung-veraenderung-vorjahr', '01056015', '2015-12-31')).toBe(Math.round((48684 / 47907 - 1) * 10000) / 100);
    expect(value('bevoelkerung-veraenderung-5-jahre', '01056015', '2015-12-31')).toBe(Math.round((48684 / 48924 - 1) * 10000) / 100);
    // Kreis 2015: Zuzüge 25.551 (12711-01-03-5), Bevölkerung 307.471.
    const out = raw(cache, '12711-01-03-5', '01056', ['Fortzüge über die Gemeindegrenzen', 'Insgesamt', 'Insgesamt']);
    expect(value('wanderungssaldo-je-1000', '01056', '2015')).toBe(Math.round(((25551 - out) / 307471) * 100000) / 100);
    const working = ['15 bis unter 18', '18 bis unter 20', '20 bis unter 25', '25 bis unter 30', '30 bis unter 35', '35 bis unter 40', '40 bis unter 45', '45 bis unter 50', '50 bis unter 55', '55 bis unter 60', '60 bis unter 65'].reduce(
      (s, g) => s + age(`${g} Jahre`, '01056'),
      0,
    );
    const employed = raw(cache, '13111-02-02-5', '01056', ['Insgesamt', 'Insgesamt']);
    expect(value('beschaeftigtenquote', '01056', '2015')).toBe(Math.round((employed / working) * 10000) / 100);
  });

  it('lists derived indicators with formula, periods and every source table', () => {
    const cache = newCache();
    const quote = cache.list().find((i) => i.id === 'beschaeftigtenquote');
    expect(quote).toMatchObject({ kind: 'derived', unit: '%', periods: ['2015'], tableCodes: ['13111-02-02-5', '12411-02-03-5'] });
    expect(quote?.formula).toContain('15 bis unter 18');
    expect(cache.list().find((i) => i.id === 'bevoelkerung-veraenderung-5-jahre')?.periods).toEqual(['2013-12-31', '2014-12-31', '2015-12-31']);
    const series = cache.query({ indicatorId: 'wanderungssaldo-je-1000', regions: ['01056'], periods: ['2015'] });
    expect(series.sources?.map((s) => s.tableCode)).toEqual(['12711-01-03-5', '12411-01-01-5']);
    expect(series.source.tableCode).toBe('12711-01-03-5');
  });

  it('sums an Amt from its municipalities and weights the average age by population', () => {
    const cache = newCache(0);
    const rantzau = ['01056003', '01056004', '01056008', '01056011', '01056014', '01056017', '01056022', '01056026', '01056034', '01056035'];
    const pop = (ags: string): number => raw(cache, '12411-01-01-5', ags, ['Insgesamt'], '2015-12-31');
    const series = cache.query({ indicatorId: 'bevoelkerung-insgesamt', regions: ['010565660'], periods: ['2015-12-31'] });
    expect(series.values[0]?.value).toBe(rantzau.reduce((s, m) => s + pop(m), 0));
    expect(series.regions[0]).toMatchObject({ name: 'Amt Rantzau', level: 'amt' });
    const age = (ags: string): number => raw(cache, '12411-07-01-5', ags, ['Durchschnittsalter der Bevölkerung']);
    const weighted = rantzau.reduce((s, m) => s + age(m) * pop(m), 0) / rantzau.reduce((s, m) => s + pop(m), 0);
    const mean = cache.query({ indicatorId: 'durchschnittsalter', regions: ['010565660'], periods: ['2015-12-31'] });
    expect(mean.values[0]?.value).toBe(Math.round(weighted * 100) / 100);
  });

  it('reads older vintages by Stand and names an unknown Stand', () => {
    const cache = newCache();
    expect(() => cache.query({ indicatorId: 'bevoelkerung-insgesamt', regions: ['01056'], periods: ['2015-12-31'], stands: { '12411-01-01-5': '2001-01-01' } })).toThrow(
      /hat keinen Stand 2001-01-01 \(vorhanden: 2017-10-10T11:01:03\)/,
    );
  });
});

describe('disclosure control in the query path', () => {
  it('turns small counts into "." before they leave the host, and says how many', () => {
    const cache = newCache();
    // Bevern (01056003): 1 boy of 3 to under 6 (12411-02-03-5) – the total of that age group is 5.
    const series = cache.query({ indicatorId: 'kinder-3-bis-unter-6', regions: ['01056003', '01056015'], periods: ['2015-12-31'] });
    expect(series.values[0]).toEqual({ ags: '01056003', period: '2015-12-31', value: null, flag: 'secret' });
    expect(series.values[1]?.value).toBeGreaterThan(1000);
    expect(series.disclosure).toEqual({ threshold: 3, suppressed: 1 });
    expect(cache.values({ tableCode: '12411-02-03-5', region: '01056003', variable: ['männlich', '3 bis unter 6 Jahre'] })[0]).toMatchObject({ value: null, flag: 'secret' });
    // Figures that are not counts are not touched.
    expect(cache.query({ indicatorId: 'durchschnittsalter', regions: ['01056003'], periods: ['2015-12-31'] }).disclosure).toBeUndefined();
  });

  it('leaves no secret cell alone in any sum it is part of (sex, age, Kreis = municipalities, Amt = members)', () => {
    const cache = newCache();
    const ages = ['unter 3 Jahre', '3 bis unter 6 Jahre', '6 bis unter 10 Jahre', '10 bis unter 15 Jahre', '15 bis unter 18 Jahre', '18 bis unter 20 Jahre', '20 bis unter 25 Jahre', '25 bis unter 30 Jahre', '30 bis unter 35 Jahre', '35 bis unter 40 Jahre', '40 bis unter 45 Jahre', '45 bis unter 50 Jahre', '50 bis unter 55 Jahre', '55 bis unter 60 Jahre', '60 bis unter 65 Jahre', '65 bis unter 75 Jahre', '75 Jahre und mehr'];
    const known = new Map<string, boolean>();
    for (const ags of ['01056', ...MUNICIPALITIES]) {
      for (const row of cache.values({ tableCode: '12411-02-03-5', region: ags })) {
        known.set(`${ags}|${row.variable.join('/')}`, row.flag === null);
      }
    }
    const check = (cellKeys: string[]): void => {
      const unknown = cellKeys.filter((k) => known.get(k) === false).length;
      expect(unknown, cellKeys.join(', ')).not.toBe(1);
    };
    let secret = 0;
    for (const ags of MUNICIPALITIES) {
      for (const sex of ['Insgesamt', 'männlich', 'weiblich']) {
        check([`${ags}|${sex}/Insgesamt`, ...ages.map((a) => `${ags}|${sex}/${a}`)]);
      }
      for (const a of [...ages, 'Insgesamt']) {
        check([`${ags}|Insgesamt/${a}`, `${ags}|männlich/${a}`, `${ags}|weiblich/${a}`]);
      }
      secret += [...known.entries()].filter(([k, v]) => k.startsWith(`${ags}|`) && !v).length;
    }
    for (const sex of ['Insgesamt', 'männlich', 'weiblich']) {
      for (const a of [...ages, 'Insgesamt']) {
        check([`01056|${sex}/${a}`, ...MUNICIPALITIES.map((m) => `${m}|${sex}/${a}`)]);
      }
    }
    expect(secret).toBeGreaterThan(20);
    // An Amt's sum would reveal a lone secret member, so it is checked too.
    const amt = cache.query({ indicatorId: 'kinder-3-bis-unter-6', regions: ['010565660', '01056003', '01056004', '01056008', '01056011', '01056014', '01056017', '01056022', '01056026', '01056034', '01056035'], periods: ['2015-12-31'] });
    expect(amt.values.filter((v) => v.flag !== null).length).not.toBe(1);
  });

  it('makes a derived figure secret when an input is secret, and can be switched off', () => {
    const strict = newCache(1000);
    const share = strict.query({ indicatorId: 'anteil-75-und-aelter', regions: ['01056003'], periods: ['2015'] });
    expect(share.values[0]).toMatchObject({ value: null, flag: 'secret' });
    expect(share.disclosure).toEqual({ threshold: 1000, suppressed: 1 });
    const off = newCache(0);
    expect(off.query({ indicatorId: 'kinder-3-bis-unter-6', regions: ['01056003'], periods: ['2015-12-31'] }).values[0]?.value).toBe(5);
  });
});

describe('queries on a Germany-wide table', () => {
  /** The sample population table with `n` municipalities of another Kreis (01057, Plön) added: a table far larger than the Kreis. */
  function withOtherKreis(n: number): Buffer {
    const text = sampleFile('12411-01-01-5.csv').toString('utf8');
    const row = (key: string, name: string, value: number): string => `${key};        ${name}${`;${value}`.repeat(24)}`;
    const extra = [row('01057', 'Plön, Kreis', 2 * n), ...Array.from({ length: n }, (_, i) => row(`01057${String(i + 1).padStart(3, '0')}`, `Ort ${i + 1}`, 2))];
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    return Buffer.from(text.replace(/^(01056051;.*)$/m, `$1${eol}${extra.join(eol)}`), 'utf8');
  }

  it('reads only the rows of Germany, the Land and the Kreis, and refuses regions outside it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'indicators.sqlite');
    const cache = openIndicatorCache({ dbPath: file, logger: silentLogger });
    open.push(cache);
    const before = cache.query({ indicatorId: 'bevoelkerung-insgesamt', regions: ['01056', '01056015', '010565660'], periods: ['2015-12-31'] });
    expect(cache.importBytes(withOtherKreis(999), 'gross.csv').status).toBe('merged');

    // A second connection whose statements count every row they hand out from data_values.
    const db = new Database(file, { readonly: true });
    let rowsRead = 0;
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      const statement = prepare(sql);
      if (sql.includes('FROM data_values')) {
        const iterate = statement.iterate.bind(statement);
        const all = statement.all.bind(statement);
        statement.iterate = function* (...args: unknown[]) {
          for (const row of iterate(...args)) {
            rowsRead++;
            yield row;
          }
        } as typeof statement.iterate;
        statement.all = ((...args: unknown[]) => {
          const rows = all(...args);
          rowsRead += rows.length;
          return rows;
        });
      }
      return statement;
    }) as typeof db.prepare;
    try {
      const engine = new IndicatorEngine(db, loadCatalog(), 3);
      const stored = (db.prepare('SELECT COUNT(*) AS n FROM data_values').get() as { n: number }).n;
      rowsRead = 0;
      const after = engine.query({ indicatorId: 'bevoelkerung-insgesamt', regions: ['01056', '01056015', '010565660'], periods: ['2015-12-31'] });
      expect(after.values).toEqual(before.values);
      // Germany, Schleswig-Holstein, the Kreis and its 49 municipalities: 52 regions × 24 figures (+ the 52 region lookups).
      expect(rowsRead).toBeLessThanOrEqual(52 * 24 + 52);
      expect(stored).toBeGreaterThan(20 * rowsRead);
      expect(() => engine.query({ indicatorId: 'bevoelkerung-insgesamt', regions: ['01057001'], periods: ['2015-12-31'] })).toThrow(/Region „01057001“ \(Ort 1\) wird nicht angeboten/);
    } finally {
      db.close();
    }
  });
});
