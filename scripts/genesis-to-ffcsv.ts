/**
 * Converts rows of a classic GENESIS CSV export into the GENESIS flat-file format (ffcsv), for
 * test fixtures: one line per value with statistics_code, time, the regional variable, the other
 * variables as attribute columns, value and unit. Only the population table's variables are
 * mapped to GENESIS codes (GES: männlich/weiblich; BEVSTD); a total over a variable has empty
 * attribute columns, as in GENESIS flat files.
 *
 * Run: npx tsx scripts/genesis-to-ffcsv.ts <classic.csv> <out.csv> [region …]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseGenesisCsv } from '../src-main/services/indicators/genesis-csv';
import { MISSING_FLAG_SIGNS } from '../shared/indicators/signs';

const [input, output, ...regions] = process.argv.slice(2);
if (!input || !output) {
  process.stderr.write('Aufruf / usage: npx tsx scripts/genesis-to-ffcsv.ts <classic.csv> <out.csv> [region …]\n');
  process.exit(2);
}
const table = parseGenesisCsv(readFileSync(input), { fileName: path.basename(input) });
const SEX: Record<string, [string, string]> = { männlich: ['GESM', 'männlich'], weiblich: ['GESW', 'weiblich'], Insgesamt: ['', ''] };
const regional = (key: string): [string, string] =>
  key === 'DG' ? ['DINSG', 'Deutschland insgesamt'] : key.length === 2 ? ['DLAND', 'Bundesländer'] : key.length === 5 ? ['KREISE', 'Kreise und kreisfreie Städte'] : ['GEMEIN', 'Gemeinden'];
const names = new Map(table.regions.map((r) => [r.key, r.name]));
const lines = [
  'statistics_code;statistics_label;time_code;time_label;time;1_variable_code;1_variable_label;1_variable_attribute_code;1_variable_attribute_label;2_variable_code;2_variable_label;2_variable_attribute_code;2_variable_attribute_label;value;value_unit;value_variable_code;value_variable_label;value_q',
];
for (const row of table.rows) {
  if (regions.length > 0 && !regions.includes(row.regionKey)) {
    continue;
  }
  table.columns.forEach((column, i) => {
    const cell = row.cells[i];
    const period = row.period ?? column.period ?? '';
    const [sexCode, sexLabel] = SEX[column.variable.join('/')] ?? ['', column.variable.join(' ')];
    const [rCode, rLabel] = regional(row.regionKey);
    const value = !cell ? '' : cell.flag ? MISSING_FLAG_SIGNS[cell.flag] : String(cell.value).replace('.', ',');
    lines.push(
      [table.tableCode, table.title, 'STAG', 'Stichtag', period, rCode, rLabel, row.regionKey, names.get(row.regionKey) ?? '', 'GES', 'Geschlecht', sexCode, sexLabel, value, column.unit, 'BEVSTD', 'Bevölkerungsstand', 'e'].join(';'),
    );
  });
}
writeFileSync(output, `${lines.join('\n')}\n`);
process.stdout.write(`${output}: ${lines.length - 1} Werte / values\n`);
