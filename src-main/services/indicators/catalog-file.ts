import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { defaultBundledDataDir } from './bundled-data';

const Term = z.object({
  table: z.string().min(1),
  variable: z.array(z.string()).min(1),
  sign: z.union([z.literal(1), z.literal(-1)]).optional(),
});

const Common = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  topic: z.string().min(1),
  label: z.string().min(1),
  unit: z.string().min(1),
  definition: z.string().min(1),
};

const BaseDef = z.object({
  ...Common,
  tableCode: z.string().min(1),
  variable: z.array(z.string()).min(1),
  /** For Ämter: the mean of the municipalities weighted by this count indicator (e.g. average age). */
  weightedBy: z.string().optional(),
});

const RatioDef = z.object({
  ...Common,
  type: z.literal('ratio'),
  formula: z.string().min(1),
  numerator: z.array(Term).min(1),
  denominator: z.array(Term).min(1),
  scale: z.number().positive(),
});

const ChangeDef = z.object({
  ...Common,
  type: z.literal('change'),
  formula: z.string().min(1),
  of: z.string().min(1),
  lagYears: z.number().int().positive(),
  relative: z.boolean(),
});

const CatalogFile = z.object({
  texts: z.record(z.string(), z.string()).default({}),
  base: z.array(BaseDef),
  derived: z.array(z.discriminatedUnion('type', [RatioDef, ChangeDef])),
});

const RegionsFile = z.object({
  land: z.string(),
  kreis: z.string(),
  aemter: z.array(z.object({ key: z.string().min(1), name: z.string().min(1), members: z.array(z.string()).min(1) })),
  amtsfrei: z.array(z.string()),
});

/** One term of a ratio: a variable of a table, added or subtracted. */
export type FormulaTerm = z.infer<typeof Term>;
/** A base indicator: one variable (header path) of one GENESIS table. */
export type BaseIndicatorDef = z.infer<typeof BaseDef>;
/** A ratio of sums of variables, e.g. a share or a rate per 1,000. */
export type RatioIndicatorDef = z.infer<typeof RatioDef>;
/** The change of another indicator over `lagYears`. */
export type ChangeIndicatorDef = z.infer<typeof ChangeDef>;
/** Any derived indicator. */
export type DerivedIndicatorDef = RatioIndicatorDef | ChangeIndicatorDef;
/** The Kreis' structure: Ämter with their member municipalities, and the amtsfreie ones. */
export type KreisStructure = z.infer<typeof RegionsFile>;

/** The catalogue: base and derived indicator definitions and the Kreis structure. */
export interface Catalog {
  base: BaseIndicatorDef[];
  derived: DerivedIndicatorDef[];
  kreis: KreisStructure;
}

/** Folder of the catalogue files (src-main/data/catalog), next to the bundled GENESIS data. */
export function defaultCatalogDir(): string {
  return path.join(path.dirname(defaultBundledDataDir()), 'catalog');
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf-8')) as unknown;
  } catch (e: unknown) {
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(`Katalogdatei ${file} ist nicht lesbar: ${why} / catalogue file ${file} cannot be read: ${why}`);
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const why = z.prettifyError(parsed.error);
    throw new Error(`Katalogdatei ${file} ist ungültig: ${why} / catalogue file ${file} is invalid: ${why}`);
  }
  return parsed.data;
}

/**
 * Reads and checks the catalogue (indicators.json, regions-pinneberg.json). `{NAME}` in a
 * definition is replaced by the text of that name from `texts`. Ids must be unique and every
 * "change" must refer to a known indicator; anything else is a German/English error naming the file.
 */
export function loadCatalog(dir: string = defaultCatalogDir()): Catalog {
  const indicatorsFile = path.join(dir, 'indicators.json');
  const file = parseWith(CatalogFile, readJson(indicatorsFile), indicatorsFile);
  const expand = (text: string): string => text.replace(/\{(\w+)\}/g, (m, name: string) => file.texts[name] ?? m);
  const base = file.base.map((d) => ({ ...d, definition: expand(d.definition) }));
  const derived = file.derived.map((d) => ({ ...d, definition: expand(d.definition) }));
  const ids = [...base, ...derived].map((d) => d.id);
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) {
    throw new Error(`Katalogdatei ${indicatorsFile}: Kennzahl „${dup}“ doppelt / indicator "${dup}" defined twice`);
  }
  for (const d of derived) {
    if (d.type === 'change' && !ids.includes(d.of)) {
      throw new Error(`Katalogdatei ${indicatorsFile}: „${d.id}“ bezieht sich auf unbekannte Kennzahl „${d.of}“ / "${d.id}" refers to unknown indicator "${d.of}"`);
    }
  }
  const regionsFile = path.join(dir, 'regions-pinneberg.json');
  const kreis = parseWith(RegionsFile, readJson(regionsFile), regionsFile);
  return { base, derived, kreis };
}
