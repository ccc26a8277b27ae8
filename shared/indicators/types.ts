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

/** A region with its official key (AGS; "DG" for Germany). */
export const Region = z.object({
  ags: z.string(),
  name: z.string(),
  level: RegionLevel,
});
export type Region = z.infer<typeof Region>;

/** An indicator the user can pick: one variable of one table. */
export const Indicator = z.object({
  id: z.string(),
  label: z.string(),
  unit: z.string(),
  definition: z.string(),
  tableCode: z.string(),
  periods: z.array(z.string()),
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

/** The answer to an indicator query: figures plus everything needed to cite them. */
export const IndicatorSeries = z.object({
  indicator: Indicator,
  regions: z.array(Region),
  periods: z.array(z.string()),
  values: z.array(IndicatorValue),
  source: SourceInfo,
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
});
export type IndicatorSnapshot = z.infer<typeof IndicatorSnapshot>;

/** What the user asks for when taking a snapshot. */
export const IndicatorQuery = z.object({
  indicatorId: z.string().min(1),
  regions: z.array(z.string().min(1)).min(1).max(60),
  periods: z.array(z.string().min(1)).min(1).max(40),
});
export type IndicatorQuery = z.infer<typeof IndicatorQuery>;
