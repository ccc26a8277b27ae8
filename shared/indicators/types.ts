import { z } from 'zod';

/**
 * Special values of the statistical offices' Zeichenerklärung that mean "no number".
 * `-` (nothing, exactly 0) is not here: it is stored as the value 0.
 */
export const MissingFlag = z.enum(['secret', 'later', 'unreliable', 'blocked']);
export type MissingFlag = z.infer<typeof MissingFlag>;

/** Region levels, from the country down to the municipality. */
export const RegionLevel = z.enum(['country', 'land', 'kreis', 'amt', 'gemeinde']);
export type RegionLevel = z.infer<typeof RegionLevel>;

/** A region with its official key (AGS; "DG" for Germany; Ämter have a key of our own, see regions file). */
export const Region = z.object({
  ags: z.string(),
  name: z.string(),
  level: RegionLevel,
  /** Key of the region above (Land → Kreis → Amt → Gemeinde); absent in old snapshots. */
  parent: z.string().nullable().optional(),
});
export type Region = z.infer<typeof Region>;

/** An indicator the user can pick: one variable of one table, or derived from several by a formula. */
export const Indicator = z.object({
  id: z.string(),
  label: z.string(),
  unit: z.string(),
  definition: z.string(),
  /** The (first) source table; derived indicators list all in `tableCodes`. */
  tableCode: z.string(),
  periods: z.array(z.string()),
  /** 'derived' for indicators computed by a formula; absent (= base) in old snapshots. */
  kind: z.enum(['base', 'derived']).optional(),
  /** The formula in words, e.g. "(Zuzüge − Fortzüge) / Bevölkerung × 1.000". */
  formula: z.string().optional(),
  /** Every table the indicator reads. */
  tableCodes: z.array(z.string()).optional(),
  /** Whether the figures count persons (subject to statistical disclosure control). */
  countsPersons: z.boolean().optional(),
  /** Catalogue topic for browsing, e.g. "Bevölkerung". */
  topic: z.string().optional(),
});
export type Indicator = z.infer<typeof Indicator>;

/** One figure: a value or a typed missing value, never both. */
export const IndicatorValue = z.object({
  ags: z.string(),
  period: z.string(),
  value: z.number().nullable(),
  flag: MissingFlag.nullable(),
});
export type IndicatorValue = z.infer<typeof IndicatorValue>;

/** Where figures come from: the table, its vintage (Stand) and the licence attribution. */
export const SourceInfo = z.object({
  tableCode: z.string(),
  tableTitle: z.string(),
  stand: z.string(),
  attribution: z.string(),
  licence: z.string(),
});
export type SourceInfo = z.infer<typeof SourceInfo>;

/** How statistical disclosure control treated a series: the threshold and how many cells it hid. */
export const DisclosureInfo = z.object({
  /** Counts of persons below this (and above 0) are secret; 0 means control is off. */
  threshold: z.number().int(),
  /** Cells shown as "." because of the threshold or to protect such a cell (secondary suppression). */
  suppressed: z.number().int(),
});
export type DisclosureInfo = z.infer<typeof DisclosureInfo>;

/** The answer to an indicator query: figures plus everything needed to cite them. */
export const IndicatorSeries = z.object({
  indicator: Indicator,
  regions: z.array(Region),
  periods: z.array(z.string()),
  values: z.array(IndicatorValue),
  /** The (first) source; `sources` has every table of a derived indicator. */
  source: SourceInfo,
  sources: z.array(SourceInfo).optional(),
  disclosure: DisclosureInfo.optional(),
});
export type IndicatorSeries = z.infer<typeof IndicatorSeries>;

/**
 * A frozen snapshot inside a document. Self-contained: it never looks anything up again, so it
 * reads the same for every collaborator, offline, and years later.
 */
export const IndicatorSnapshot = IndicatorSeries.extend({
  id: z.string(),
  takenAt: z.string(),
  takenBy: z.string(),
  /** The snapshot this one replaced by "Aktualisieren": its Stand and when/by whom it was taken. */
  replaces: z
    .object({ stands: z.array(z.string()), takenAt: z.string(), takenBy: z.string() })
    .optional(),
});
export type IndicatorSnapshot = z.infer<typeof IndicatorSnapshot>;

/** What the user asks for when taking a snapshot. */
export const IndicatorQuery = z.object({
  indicatorId: z.string().min(1),
  regions: z.array(z.string().min(1)).min(1).max(80),
  periods: z.array(z.string().min(1)).min(1).max(40),
  /** Read these vintages (table code → Stand) instead of the newest. */
  stands: z.record(z.string(), z.string()).optional(),
});

/** The sources a series or snapshot was read from (all tables of a derived indicator). */
export function sourcesOf(series: Pick<IndicatorSeries, 'source' | 'sources'>): SourceInfo[] {
  return series.sources && series.sources.length > 0 ? series.sources : [series.source];
}

/** One stored vintage (Stand) of a table, as the contract reports it. */
export const VintageInfo = z.object({
  tableCode: z.string(),
  title: z.string(),
  stand: z.string(),
  /** Whether this is the newest Stand (the one queries use unless asked otherwise). */
  current: z.boolean(),
});
export type VintageInfo = z.infer<typeof VintageInfo>;
export type IndicatorQuery = z.infer<typeof IndicatorQuery>;
