/**
 * Derives the bundled sample data: reads the full GENESIS exports in ../shared/data/genesis and
 * writes copies to src-main/data/genesis that keep only the rows of Germany (DG),
 * Schleswig-Holstein (01), Kreis Pinneberg (01056) and its municipalities (01056xxx).
 * Title block, header rows and footer (Stand, copyright) stay byte for byte, as does the encoding.
 *
 * Run: npx tsx scripts/derive-sample-data.ts [sourceDir]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { genesisFilesIn } from '../src-main/services/indicators/bundled-data';
import { parseGenesisCsv } from '../src-main/services/indicators/genesis-csv';
import { isPickerRegion } from '../src-main/services/indicators/indicator-catalog';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = path.resolve(process.argv[2] ?? path.resolve(repoRoot, '../shared/data/genesis'));
const targetDir = path.join(repoRoot, 'src-main/data/genesis');

/** Splits bytes after each LF, keeping the line ends (LF or CRLF) with their line. */
function rawLines(bytes: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, start)) {
    lines.push(bytes.subarray(start, i + 1));
    start = i + 1;
  }
  if (start < bytes.length) {
    lines.push(bytes.subarray(start));
  }
  return lines;
}

mkdirSync(targetDir, { recursive: true });
for (const file of genesisFilesIn(sourceDir)) {
  const bytes = readFileSync(file);
  const name = path.basename(file);
  const table = parseGenesisCsv(bytes, { fileName: name });
  const dropped = new Set(table.rows.filter((r) => !isPickerRegion(r.regionKey)).map((r) => r.line));
  const kept = rawLines(bytes).filter((_, i) => !dropped.has(i + 1));
  const out = Buffer.concat(kept);
  const check = parseGenesisCsv(out, { fileName: name });
  const regions = new Set(check.rows.map((r) => r.regionKey));
  if (regions.size !== 52 || check.stand !== table.stand || check.encoding !== table.encoding) {
    throw new Error(`${name}: derived file has ${regions.size} regions (expected 52) or lost Stand/encoding`);
  }
  writeFileSync(path.join(targetDir, name), out);
  process.stdout.write(`${name}: ${table.rows.length} → ${check.rows.length} rows, ${out.length} bytes, ${check.encoding}, Stand ${check.stand}\n`);
}
