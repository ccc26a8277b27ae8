import { z } from 'zod';

/** One criterion of the Steuerungsgruppe's method, with its weight (> 0, relative to the others). */
export const RatingCriterion = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  label: z.string().min(1).max(100),
  weight: z.number().positive().max(100),
});
export type RatingCriterion = z.infer<typeof RatingCriterion>;

/** Scores run from 0 (not at all) to 4 (very much). */
export const SCORE_MIN = 0;
export const SCORE_MAX = 4;

/** A year's rating method, set by the Stabsstelle; thresholds on the weighted mean score (0–4). */
export const RatingConfig = z
  .object({
    year: z.number().int().min(2000).max(2199),
    criteria: z.array(RatingCriterion).min(1).max(20),
    /** Weighted mean ≥ this → "in hohem Maße steuerungsrelevant". */
    highThreshold: z.number().min(SCORE_MIN).max(SCORE_MAX),
    /** Weighted mean ≥ this → "steuerungsrelevant", below → "weniger steuerungsrelevant". */
    relevantThreshold: z.number().min(SCORE_MIN).max(SCORE_MAX),
  })
  .refine((config) => config.relevantThreshold <= config.highThreshold, { message: 'relevantThreshold > highThreshold' })
  .refine((config) => new Set(config.criteria.map((criterion) => criterion.id)).size === config.criteria.length, {
    message: 'criteria ids must be unique',
  });
export type RatingConfig = z.infer<typeof RatingConfig>;

/** The method a year starts with until the Stabsstelle sets its own. */
export function defaultRatingConfig(year: number): RatingConfig {
  return {
    year,
    criteria: [
      { id: 'reichweite', label: 'Reichweite', weight: 3 },
      { id: 'kostenwirkung', label: 'Kostenwirkung', weight: 2 },
      { id: 'dringlichkeit', label: 'Dringlichkeit', weight: 2 },
      { id: 'umsetzbarkeit', label: 'Umsetzbarkeit', weight: 2 },
      { id: 'evidenz', label: 'Evidenz', weight: 1 },
    ],
    highThreshold: 3,
    relevantThreshold: 2,
  };
}

/** The three results of a rating. */
export const RatingCategory = z.enum(['hoch', 'relevant', 'weniger']);
export type RatingCategory = z.infer<typeof RatingCategory>;

/** German names of the categories, as printed in the report. */
export const CATEGORY_LABEL_DE: Readonly<Record<RatingCategory, string>> = {
  hoch: 'in hohem Maße steuerungsrelevant',
  relevant: 'steuerungsrelevant',
  weniger: 'weniger steuerungsrelevant',
};

/** What the Steuerungsgruppe enters: a score per criterion, the justification and the meeting date. */
export const RatingInput = z.object({
  year: z.number().int().min(2000).max(2199),
  scores: z.record(z.string(), z.number().int().min(SCORE_MIN).max(SCORE_MAX)),
  justification: z.string().trim().min(1).max(10_000),
  /** Date of the meeting, YYYY-MM-DD. */
  meetingDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type RatingInput = z.infer<typeof RatingInput>;

/** A recorded rating (one version; a later rating of the same proposal is a new one). */
export const Rating = RatingInput.extend({
  id: z.string(),
  /** 1 for the first rating of the proposal, then 2, 3 … */
  revision: z.number().int().positive(),
  /** Weighted mean of the scores, 0–4. */
  score: z.number(),
  category: RatingCategory,
  /** The criteria as they were when rated (the method may change later). */
  criteria: z.array(RatingCriterion),
  by: z.string(),
  byName: z.string(),
  at: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
});
export type Rating = z.infer<typeof Rating>;

/** Why a rating input does not fit the year's method. */
export type RatingProblem = { kind: 'missing-score'; criterion: string } | { kind: 'unknown-criterion'; criterion: string };

/** Checks that `input` scores exactly the criteria of `config`. */
export function checkRatingInput(config: RatingConfig, input: RatingInput): RatingProblem[] {
  const problems: RatingProblem[] = [];
  const ids = new Set(config.criteria.map((criterion) => criterion.id));
  for (const criterion of config.criteria) {
    if (input.scores[criterion.id] === undefined) {
      problems.push({ kind: 'missing-score', criterion: criterion.id });
    }
  }
  for (const id of Object.keys(input.scores)) {
    if (!ids.has(id)) {
      problems.push({ kind: 'unknown-criterion', criterion: id });
    }
  }
  return problems;
}

/** The weighted mean of the scores (criteria without a score count as 0). */
export function weightedScore(config: RatingConfig, scores: Readonly<Record<string, number>>): number {
  const total = config.criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
  const sum = config.criteria.reduce((acc, criterion) => acc + criterion.weight * (scores[criterion.id] ?? 0), 0);
  return total === 0 ? 0 : sum / total;
}

/** The category a weighted mean score falls into under `config`. */
export function categoryOf(config: RatingConfig, score: number): RatingCategory {
  // Compare with a little tolerance: 2.9999999 from float weights is meant as 3.
  const epsilon = 1e-9;
  if (score + epsilon >= config.highThreshold) {
    return 'hoch';
  }
  return score + epsilon >= config.relevantThreshold ? 'relevant' : 'weniger';
}

/** The published rating that counts for a proposal: the newest published revision, or null. */
export function currentPublishedRating(ratings: readonly Rating[]): Rating | null {
  let best: Rating | null = null;
  for (const rating of ratings) {
    if (rating.publishedAt !== null && (best === null || rating.revision > best.revision)) {
      best = rating;
    }
  }
  return best;
}
