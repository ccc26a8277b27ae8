import { describe, expect, it } from 'vitest';
import { genesisValues, parseGenesisCsv, type GenesisTable, type GenesisValue } from './genesis-csv';
import { DL_DE_BY_2_0 } from './genesis-footer';
import { FULL_DATA_NOTE, HAVE_FULL_DATA, fullFile, sampleFile, toCrlf } from './test-fixtures';

const ATTRIBUTION = `© Statistische Ämter des Bundes und der Länder, Deutschland, 2017. ${DL_DE_BY_2_0}`;

function valueOf(table: GenesisTable, region: string, period: string, variable: string[]): GenesisValue | undefined {
  for (const v of genesisValues(table)) {
    if (v.regionKey === region && v.period === period && JSON.stringify(v.variable) === JSON.stringify(variable)) {
      return v;
    }
  }
  return undefined;
}

/** Expected figures per file, read from the files by hand. */
const EXPECTED: Record<string, { period: string; variable: string[]; unit: string; kreis: number; elmshorn: number; helgoland: number }[]> = {
  '12411-01-01-5.csv': [
    { period: '2015-12-31', variable: ['Insgesamt'], unit: 'Anzahl', kreis: 307471, elmshorn: 48684, helgoland: 1400 },
    { period: '2008-12-31', variable: ['weiblich'], unit: 'Anzahl', kreis: 153677, elmshorn: 24708, helgoland: 679 },
    { period: '2011-12-31', variable: ['männlich'], unit: 'Anzahl', kreis: 144632, elmshorn: 22855, helgoland: 670 },
  ],
  '12411-02-03-5.csv': [
    { period: '2015-12-31', variable: ['Insgesamt', 'unter 3 Jahre'], unit: 'Anzahl', kreis: 8073, elmshorn: 1365, helgoland: 22 },
    { period: '2015-12-31', variable: ['männlich', 'unter 3 Jahre'], unit: 'Anzahl', kreis: 4128, elmshorn: 714, helgoland: 13 },
    { period: '2015-12-31', variable: ['weiblich', '75 Jahre und mehr'], unit: 'Anzahl', kreis: 20210, elmshorn: 3045, helgoland: 96 },
  ],
  '12411-07-01-5.csv': [
    { period: '2015-12-31', variable: ['Durchschnittsalter der Bevölkerung'], unit: 'Jahre', kreis: 44.7, elmshorn: 43.2, helgoland: 48.8 },
    { period: '2015-12-31', variable: ['Durchschnittsalter der Bevölkerung', 'weiblich'], unit: 'Jahre', kreis: 45.9, elmshorn: 44.6, helgoland: 50.5 },
  ],
  '12711-01-03-5.csv': [
    { period: '2015', variable: ['Zuzüge über die Gemeindegrenzen', 'Insgesamt', 'Insgesamt'], unit: 'Anzahl', kreis: 25551, elmshorn: 4019, helgoland: 207 },
    { period: '2015', variable: ['Fortzüge über die Gemeindegrenzen', 'Insgesamt', 'Insgesamt'], unit: 'Anzahl', kreis: 21526, elmshorn: 3198, helgoland: 164 },
    { period: '2015', variable: ['Fortzüge über die Gemeindegrenzen', 'weiblich', 'unter 18 Jahre'], unit: 'Anzahl', kreis: 1580, elmshorn: 214, helgoland: 6 },
  ],
  '13111-02-02-5.csv': [
    { period: '2015-06-30', variable: ['Insgesamt', 'Insgesamt'], unit: 'Anzahl', kreis: 118633, elmshorn: 19380, helgoland: 780 },
    { period: '2015-06-30', variable: ['Ausländer(innen)', 'weiblich'], unit: 'Anzahl', kreis: 3311, elmshorn: 622, helgoland: 70 },
  ],
};

const STANDS: Record<string, string> = {
  '12411-01-01-5.csv': '2017-10-10T11:01:03',
  '12411-02-03-5.csv': '2017-10-10T18:42:14',
  '12411-07-01-5.csv': '2017-10-10T11:06:08',
  '12711-01-03-5.csv': '2017-10-10T13:00:29',
  '13111-02-02-5.csv': '2017-10-10T15:40:25',
};

function checkFigures(name: string, table: GenesisTable): void {
  expect(table.tableCode).toBe(name.replace(/\.csv$/, ''));
  expect(table.stand).toBe(STANDS[name]);
  expect(table.attribution).toBe(ATTRIBUTION);
  for (const e of EXPECTED[name] ?? []) {
    for (const [region, value] of [['01056', e.kreis], ['01056015', e.elmshorn], ['01056025', e.helgoland]] as const) {
      expect(valueOf(table, region, e.period, e.variable), `${name} ${region} ${e.period} ${e.variable.join('/')}`).toEqual({
        tableCode: table.tableCode,
        variable: e.variable,
        regionKey: region,
        period: e.period,
        value,
        flag: null,
        unit: e.unit,
        stand: STANDS[name],
        attribution: ATTRIBUTION,
      });
    }
  }
}

describe.skipIf(!HAVE_FULL_DATA)(`parser on the full GENESIS exports${FULL_DATA_NOTE}`, () => {
  for (const name of Object.keys(EXPECTED)) {
    it(`${name}: every row, exact figures for the Kreis, Elmshorn and Helgoland`, () => {
      const started = performance.now();
      const table = parseGenesisCsv(fullFile(name), { fileName: name });
      expect(performance.now() - started).toBeLessThan(5000);
      expect(table.rows.length).toBe(14493);
      expect(table.regions.length).toBe(14493);
      checkFigures(name, table);
      const elmshorn = table.regions.find((r) => r.key === '01056015');
      expect(elmshorn).toEqual({ key: '01056015', name: 'Elmshorn', indent: 8, parentKey: '01056' });
      expect(table.regions.find((r) => r.key === '01056')).toEqual({ key: '01056', name: 'Pinneberg, Landkreis', indent: 6, parentKey: '01' });
      expect(table.regions[0]).toEqual({ key: 'DG', name: 'Deutschland', indent: 0, parentKey: null });
    });
  }

  it('12411-01-01-5: periods from a header row, three columns per period', () => {
    const table = parseGenesisCsv(fullFile('12411-01-01-5.csv'));
    expect(table.periods).toEqual(['2015-12-31', '2014-12-31', '2013-12-31', '2012-12-31', '2011-12-31', '2010-12-31', '2009-12-31', '2008-12-31']);
    expect(table.columns).toHaveLength(24);
    expect([...genesisValues(table)]).toHaveLength(14493 * 24);
  });

  it('12411-07-01-5 is ISO-8859-1, with the period in the first column; "-" is 0 and "." secret', () => {
    const table = parseGenesisCsv(fullFile('12411-07-01-5.csv'));
    expect(table.encoding).toBe('latin1');
    expect(table.columns.map((c) => c.period)).toEqual([null, null, null]);
    expect(table.regions.find((r) => r.key === '01056001')?.name).toBe('Appen');
    expect(table.regions.find((r) => r.key === '01056045')?.name).toBe('Seestermühe');
    expect(table.regions.find((r) => r.key === '01051040')?.name).toBe('Hägen');
    const insgesamt = ['Durchschnittsalter der Bevölkerung'];
    expect(valueOf(table, '01051040', '2015-12-31', insgesamt)).toMatchObject({ value: 0, flag: null });
    expect(valueOf(table, '11001', '2015-12-31', insgesamt)).toMatchObject({ value: null, flag: 'secret' });
    const rowLine = table.rows.find((r) => r.regionKey === '11001')?.line;
    expect(rowLine).toBe(9728);
  });

  it('13111-02-02-5: period alone in the header block, real "." and "-" cells', () => {
    const table = parseGenesisCsv(fullFile('13111-02-02-5.csv'));
    expect(table.periods).toEqual(['2015-06-30']);
    const ausl = (sex: string): string[] => ['Ausländer(innen)', sex];
    // line 21: 01051003 Averlak;234;156;78;3;.;.
    expect(valueOf(table, '01051003', '2015-06-30', ausl('Insgesamt'))).toMatchObject({ value: 3, flag: null });
    expect(valueOf(table, '01051003', '2015-06-30', ausl('männlich'))).toMatchObject({ value: null, flag: 'secret' });
    // line 25: 01051008 Bergewöhrden;5;.;.;-;-;-
    expect(valueOf(table, '01051008', '2015-06-30', ['Insgesamt', 'männlich'])).toMatchObject({ value: null, flag: 'secret' });
    expect(valueOf(table, '01051008', '2015-06-30', ausl('Insgesamt'))).toMatchObject({ value: 0, flag: null });
    // Kreis Pinneberg: 01056033 Seester;345;189;156;4;4;-  and 01056006 Bokel;217;115;102;.;.;.
    expect(valueOf(table, '01056033', '2015-06-30', ausl('weiblich'))).toMatchObject({ value: 0, flag: null });
    expect(valueOf(table, '01056006', '2015-06-30', ausl('Insgesamt'))).toMatchObject({ value: null, flag: 'secret' });
    const flagged = [...genesisValues(table)].filter((v) => v.flag !== null);
    expect(flagged.length).toBeGreaterThan(3000);
    expect(flagged.every((v) => v.value === null && v.flag === 'secret')).toBe(true);
  });

  it('reads the same figures from a CRLF copy', () => {
    const table = parseGenesisCsv(toCrlf(fullFile('12411-07-01-5.csv')));
    expect(table.lineEnding).toBe('crlf');
    expect(table.encoding).toBe('latin1');
    checkFigures('12411-07-01-5.csv', table);
  });
});

describe('parser on the bundled sample files', () => {
  for (const name of Object.keys(EXPECTED)) {
    it(`${name}: 52 regions, same figures as the full export`, () => {
      const table = parseGenesisCsv(sampleFile(name), { fileName: name });
      expect(new Set(table.rows.map((r) => r.regionKey)).size).toBe(52);
      checkFigures(name, table);
    });
  }

  it('keeps notes and title lines', () => {
    const table = parseGenesisCsv(sampleFile('12711-01-03-5.csv'));
    expect(table.title).toBe('Zu- und Fortzüge nach Geschlecht und Altersgruppen (über Gemeindegrenzen) - Jahressumme -');
    expect(table.notes[0]).toMatch(/^zu "gesamter Tabelle":/);
    expect(table.licence).toBe(DL_DE_BY_2_0);
  });

  it('reads a CRLF copy with a UTF-8 BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), toCrlf(sampleFile('13111-02-02-5.csv'))]);
    const table = parseGenesisCsv(bytes);
    expect(table.lineEnding).toBe('crlf');
    expect(table.encoding).toBe('utf-8');
    expect(table.tableCode).toBe('13111-02-02-5');
    checkFigures('13111-02-02-5.csv', table);
  });
});
