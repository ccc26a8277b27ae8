import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LIFECYCLE_MAP, publishedRatingOf } from './document';
import {
  categoryOf,
  checkRatingInput,
  currentPublishedRating,
  defaultRatingConfig,
  RatingConfig,
  weightedScore,
  type Rating,
} from './rating';

const config = defaultRatingConfig(2026);
const all = (score: number): Record<string, number> => Object.fromEntries(config.criteria.map((criterion) => [criterion.id, score]));

describe('Steuerungsgruppe rating rules', () => {
  it('starts with reach, cost effect, urgency, feasibility and evidence', () => {
    expect(config.criteria.map((criterion) => criterion.label)).toEqual(['Reichweite', 'Kostenwirkung', 'Dringlichkeit', 'Umsetzbarkeit', 'Evidenz']);
    expect(RatingConfig.safeParse(config).success).toBe(true);
  });

  it('weights the scores: a high score on a heavy criterion counts more', () => {
    expect(weightedScore(config, all(4))).toBe(4);
    expect(weightedScore(config, all(0))).toBe(0);
    const reachOnly = weightedScore(config, { ...all(0), reichweite: 4 });
    const evidenceOnly = weightedScore(config, { ...all(0), evidenz: 4 });
    expect(reachOnly).toBeCloseTo((3 * 4) / 10);
    expect(evidenceOnly).toBeCloseTo(4 / 10);
  });

  it('turns the weighted score into the three categories at the thresholds', () => {
    expect(categoryOf(config, 4)).toBe('hoch');
    expect(categoryOf(config, 3)).toBe('hoch');
    expect(categoryOf(config, 2.99)).toBe('relevant');
    expect(categoryOf(config, 2)).toBe('relevant');
    expect(categoryOf(config, 1.99)).toBe('weniger');
    expect(categoryOf(config, weightedScore(config, all(3)))).toBe('hoch');
  });

  it('asks for exactly the criteria of the year', () => {
    const input = { year: 2026, scores: { ...all(2) }, justification: 'x', meetingDate: '2026-03-12' };
    expect(checkRatingInput(config, input)).toEqual([]);
    const { evidenz: _dropped, ...missing } = input.scores;
    expect(checkRatingInput(config, { ...input, scores: { ...missing, erfunden: 1 } })).toEqual([
      { kind: 'missing-score', criterion: 'evidenz' },
      { kind: 'unknown-criterion', criterion: 'erfunden' },
    ]);
  });

  it('refuses a method with thresholds the wrong way round or duplicate criteria', () => {
    expect(RatingConfig.safeParse({ ...config, relevantThreshold: 3.5, highThreshold: 3 }).success).toBe(false);
    expect(RatingConfig.safeParse({ ...config, criteria: [...config.criteria, config.criteria[0]] }).success).toBe(false);
  });

  it('reads the newest published rating of a proposal; unpublished revisions never count', () => {
    const rating = (revision: number, published: boolean): Rating => ({
      id: `r${revision}`,
      revision,
      year: 2026,
      scores: all(revision),
      justification: 'j',
      meetingDate: '2026-03-12',
      score: revision,
      category: 'relevant',
      criteria: config.criteria,
      by: 's',
      byName: 'S',
      at: '2026-03-12T10:00:00.000Z',
      publishedAt: published ? '2026-03-13T10:00:00.000Z' : null,
      publishedBy: published ? 's' : null,
    });
    expect(currentPublishedRating([rating(1, true), rating(2, false)])?.id).toBe('r1');
    expect(currentPublishedRating([rating(1, true), rating(3, true), rating(2, true)])?.id).toBe('r3');
    expect(currentPublishedRating([rating(1, false)])).toBeNull();
    const doc = new Y.Doc();
    expect(publishedRatingOf(doc)).toBeNull();
    doc.getMap(LIFECYCLE_MAP).set('ratings', [rating(1, true), rating(2, true)]);
    expect(publishedRatingOf(doc)?.revision).toBe(2);
  });
});
