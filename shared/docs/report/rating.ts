import { z } from 'zod';

/** The Steuerungsgruppe Sozialplanung's rating of a recommendation's relevance for steering. */
export const SteeringRating = z.enum(['high', 'relevant', 'less']);
export type SteeringRating = z.infer<typeof SteeringRating>;

/** German labels of the ratings, as printed in the Fokusbericht. */
export const STEERING_RATING_LABEL: Record<SteeringRating, string> = {
  high: 'in hohem Maße steuerungsrelevant',
  relevant: 'steuerungsrelevant',
  less: 'weniger steuerungsrelevant',
};
