import {
  categoryOf,
  checkRatingInput,
  defaultRatingConfig,
  Rating,
  RatingConfig,
  weightedScore,
  type RatingInput,
} from '../../../shared/docs/lifecycle/rating.js';
import type { DocStore } from '../../persistence.js';
import { changePrivateDoc, loadPrivateDoc, PrivateDoc } from './private-docs.js';
import { LifecycleHttpError } from './http.js';

const CONFIG_KEY = 'config';
const RATINGS = 'ratings';

/**
 * The Steuerungsgruppe's ratings and each year's method, kept server-side in private documents of
 * the store: no working group can open them. Publishing copies a rating into the proposal document
 * (done by the extension); the record here keeps every revision, published or not.
 */
export class RatingStore {
  constructor(private readonly store: DocStore) {}

  /** The year's method: the one the Stabsstelle set, else the defaults. */
  config(year: number): RatingConfig {
    const doc = loadPrivateDoc(this.store, PrivateDoc.ratingConfig(year));
    const parsed = RatingConfig.safeParse(doc.getMap(CONFIG_KEY).get(CONFIG_KEY));
    doc.destroy();
    return parsed.success ? parsed.data : defaultRatingConfig(year);
  }

  async setConfig(config: RatingConfig): Promise<RatingConfig> {
    await changePrivateDoc(this.store, PrivateDoc.ratingConfig(config.year), (doc) => doc.getMap(CONFIG_KEY).set(CONFIG_KEY, config));
    return config;
  }

  /** Every rating of a proposal, oldest first. */
  list(groupId: string, proposalId: string): Rating[] {
    const doc = loadPrivateDoc(this.store, PrivateDoc.ratings(groupId, proposalId));
    const result = doc
      .getArray<unknown>(RATINGS)
      .toArray()
      .flatMap((value) => {
        const parsed = Rating.safeParse(value);
        return parsed.success ? [parsed.data] : [];
      });
    doc.destroy();
    return result;
  }

  /** Records a new rating revision (unpublished); refuses scores that do not fit the year's method. */
  rate(groupId: string, proposalId: string, input: RatingInput, by: { login: string; name: string; at: string }): Promise<Rating> {
    const config = this.config(input.year);
    const problems = checkRatingInput(config, input);
    if (problems.length > 0) {
      throw new LifecycleHttpError('invalid-rating', problems.map((problem) => `${problem.kind}: ${problem.criterion}`).join(', '));
    }
    const score = weightedScore(config, input.scores);
    return changePrivateDoc(this.store, PrivateDoc.ratings(groupId, proposalId), (doc) => {
      const list = doc.getArray<unknown>(RATINGS);
      const rating: Rating = Rating.parse({
        ...input,
        id: `r${list.length + 1}-${Math.random().toString(36).slice(2, 8)}`,
        revision: list.length + 1,
        score: Math.round(score * 100) / 100,
        category: categoryOf(config, score),
        criteria: config.criteria,
        by: by.login,
        byName: by.name,
        at: by.at,
        publishedAt: null,
        publishedBy: null,
      });
      list.push([rating]);
      return rating;
    });
  }

  /** Marks a rating published; returns it, or null if there is none with that id. */
  publish(groupId: string, proposalId: string, ratingId: string, by: string, at: string): Promise<Rating | null> {
    return changePrivateDoc(this.store, PrivateDoc.ratings(groupId, proposalId), (doc) => {
      const list = doc.getArray<unknown>(RATINGS);
      const index = list.toArray().findIndex((value) => Rating.safeParse(value).data?.id === ratingId);
      const current = Rating.safeParse(list.get(index));
      if (index < 0 || !current.success) {
        return null;
      }
      if (current.data.publishedAt !== null) {
        return current.data;
      }
      const published: Rating = { ...current.data, publishedAt: at, publishedBy: by };
      list.delete(index, 1);
      list.insert(index, [published]);
      return published;
    });
  }
}
