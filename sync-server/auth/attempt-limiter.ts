import { RateLimiter } from '../rate-limiter.js';

const MAX_KEYS = 10_000;

/**
 * Limits sign-in attempts per key (login + client address): `burst` attempts at once, then one
 * every `refillSeconds`. A successful sign-in forgets the key. Bounded memory: when the table is
 * full, the oldest keys are dropped (an attacker cycling keys gains nothing: each key starts small).
 */
export class AttemptLimiter {
  private readonly buckets = new Map<string, RateLimiter>();

  constructor(
    private readonly burst = 5,
    private readonly refillSeconds = 60,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Counts an attempt; false if the key has none left (answer 429). */
  take(key: string): boolean {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      if (this.buckets.size >= MAX_KEYS) {
        const oldest = this.buckets.keys().next();
        if (oldest.done !== true) {
          this.buckets.delete(oldest.value);
        }
      }
      bucket = new RateLimiter(1 / this.refillSeconds, this.burst, this.now);
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }

  /** Seconds until the next attempt is allowed (for Retry-After). */
  get retryAfterSeconds(): number {
    return this.refillSeconds;
  }

  /** Gives back the attempt `take` counted last (a sign-in that succeeded). */
  refund(key: string): void {
    this.buckets.get(key)?.refund();
  }

  reset(key: string): void {
    this.buckets.delete(key);
  }
}
