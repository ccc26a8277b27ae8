import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { MISSING_FLAG_SIGNS } from '../../../shared/indicators/signs';
import { IndicatorCache } from './cache';
import { GenesisParseError } from './genesis-error';
import { FULL_DATA_DIR, SHARED_DATA_DIR, silentLogger } from './test-fixtures';

const CORPUS_DIR = path.join(SHARED_DATA_DIR, 'genesis-corpus');
const HAVE_CORPUS = existsSync(CORPUS_DIR) && existsSync(FULL_DATA_DIR);
const NOTE = HAVE_CORPUS ? '' : ` (SKIPPED: ${CORPUS_DIR} not found – put the reference data beside the repo or set FOKUSWERK_SHARED_DATA)`;
/** Files of the corpus that are not GENESIS tables (helper lists of the collecting project). */
const NOT_GENESIS = new Set(['base.csv.gz', 'bbox.csv.gz']);
/** The region whose rows are compared, where a table has it: Kreis Pinneberg. */
const PINNEBERG = '01056';
/** … else Elmshorn (tables of municipalities only, e.g. election results). */
const ELMSHORN = '01056015';

interface Source {
  name: string;
  bytes: Buffer;
}

function sources(): Source[] {
  if (!HAVE_CORPUS) {
    return [];
  }
  const corpus = readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith('.csv.gz'))
    .sort()
    .map((f) => ({ name: f.replace(/\.gz$/, ''), gz: f, bytes: gunzipSync(readFileSync(path.join(CORPUS_DIR, f))) }));
  const plain = readdirSync(FULL_DATA_DIR)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => ({ name: f, gz: f, bytes: readFileSync(path.join(FULL_DATA_DIR, f)) }));
  return [...corpus, ...plain].filter((s) => !NOT_GENESIS.has(s.gz)).map(({ name, bytes }) => ({ name, bytes }));
}

/**
 * Reads a region's figures straight from the file's lines, without the project's parser: the
 * header lines start with ";", the front columns are those every header line leaves empty, a row
 * belongs to the region when one of its front fields is the region key, and each field after the
 * front columns is one figure ("-" is 0, a sign of the legend stays a sign, maybe with a letter).
 */
function independentReading(bytes: Buffer, region: string): string[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('latin1').decode(bytes);
  }
  const lines = text.split(/\r?\n/);
  const firstHeader = lines.findIndex((l) => l.startsWith(';'));
  let end = firstHeader;
  while (lines[end]?.startsWith(';')) {
    end++;
  }
  const front = Math.min(...lines.slice(firstHeader, end).map((l) => /^;*/.exec(l)?.[0].length ?? 0));
  const out: string[] = [];
  for (const line of lines.slice(end)) {
    if (line.startsWith('___')) {
      break;
    }
    const fields = line.split(';');
    if (!fields.slice(0, front).some((f) => f.trim() === region)) {
      continue;
    }
    for (const raw of fields.slice(front)) {
      const f = raw.trim();
      out.push(f === '-' ? '0' : /^-?\d+(,\d+)?$/.test(f) ? String(Number(f.replace(',', '.'))) : f.replace(/^(\.\.\.|[./x])[a-z]$/, '$1'));
    }
  }
  return out.sort();
}

/** A region key the file has rows for: Kreis Pinneberg, else Elmshorn, else the file's first Kreis or municipality. */
function regionOf(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  for (const key of [PINNEBERG, ELMSHORN]) {
    if (text.includes(`;${key};`) || text.includes(`\n${key};`)) {
      return key;
    }
  }
  return /\n(?:[^;\n]*;)?(\d{5}|\d{8});/.exec(text)?.[1] ?? '01';
}

describe.skipIf(!HAVE_CORPUS)(`every real GENESIS table imports with the values of the file${NOTE}`, () => {
  const files = sources();
  const cache = HAVE_CORPUS ? IndicatorCache.open({ dbPath: ':memory:', bundledDataDir: null, disclosureThreshold: 0, logger: silentLogger }) : null;
  afterAll(() => cache?.close());

  it('finds the 175 tables of the corpus and the five reference files', () => {
    expect(files).toHaveLength(180);
  });

  it.each(files.map((f) => [f.name, f] as const))('%s', (_name, file) => {
    if (!cache) {
      return;
    }
    const summary = cache.importBytes(file.bytes, file.name);
    expect(summary.status).not.toBe('unchanged');
    const region = regionOf(file.bytes);
    const expected = independentReading(file.bytes, region);
    expect(expected.length).toBeGreaterThan(0);
    const stored = cache
      .values({ tableCode: summary.tableCode, region, stand: summary.stand })
      .map((v) => (v.flag === null ? String(v.value) : MISSING_FLAG_SIGNS[v.flag]))
      .sort();
    if (summary.status === 'imported') {
      expect(stored).toEqual(expected);
    } else {
      // Same table and Stand as a file before it: merged into that vintage, so the file's figures are a part of it.
      const left = new Map<string, number>();
      stored.forEach((s) => left.set(s, (left.get(s) ?? 0) + 1));
      for (const e of expected) {
        expect(left.get(e) ?? 0, e).toBeGreaterThan(0);
        left.set(e, (left.get(e) ?? 0) - 1);
      }
    }
  });

  it.each([...NOT_GENESIS])('refuses %s (not a GENESIS table) naming the line, and stores nothing', (gz) => {
    if (!cache) {
      return;
    }
    const before = cache.importedFileHashes().length;
    const bytes = gunzipSync(readFileSync(path.join(CORPUS_DIR, gz)));
    let error: unknown;
    try {
      cache.importBytes(bytes, gz.replace(/\.gz$/, ''));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GenesisParseError);
    expect((error as GenesisParseError).message).toMatch(/, Zeile 1: .*keine GENESIS-Tabelle/);
    expect(cache.importedFileHashes()).toHaveLength(before);
  });
});
