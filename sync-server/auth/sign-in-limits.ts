import { AttemptLimiter } from './attempt-limiter.js';

/**
 * Token buckets per key: `burst` attempts at once, then one every `refillSeconds`. In memory per
 * process (LocalBuckets), or shared by every instance of a cluster through Redis
 * (extensions/scale-out/redis-sign-in-buckets.ts).
 */
export interface AttemptBuckets {
  /** Counts an attempt; false if the key has none left. */
  take(key: string): Promise<boolean>;
  /** Gives back one attempt. */
  refund(key: string): void;
  /** Forgets the key. */
  reset(key: string): void;
}

/** Makes the buckets of one limit (burst, refill) under a name, e.g. 'login' or 'address'. */
export type AttemptBucketsFactory = (name: string, burst: number, refillSeconds: number) => AttemptBuckets;

/** Buckets in this process's memory (AttemptLimiter). */
export function localBuckets(now?: () => number): AttemptBucketsFactory {
  return (_name, burst, refillSeconds) => {
    const limiter = new AttemptLimiter(burst, refillSeconds, now);
    return {
      take: (key) => Promise.resolve(limiter.take(key)),
      refund: (key) => limiter.refund(key),
      reset: (key) => limiter.reset(key),
    };
  };
}

/** Attempts one address may make across all logins at once, and how fast they come back. */
export const ADDRESS_BURST = 20;
export const ADDRESS_REFILL_SECONDS = 15;
/** Sign-ins one address may have in progress at the same time. */
export const MAX_IN_FLIGHT_PER_ADDRESS = 2;
/** Attempts per login and address at once, and how fast they come back. */
export const LOGIN_BURST = 5;
export const LOGIN_REFILL_SECONDS = 60;

/** Invitation codes one address may try at once, and how fast the attempts come back. */
export const INVITATION_BURST = 5;
export const INVITATION_REFILL_SECONDS = 60;

/** A sign-in attempt that may proceed; call exactly one of `succeeded`/`failed`. */
export interface SignInAttempt {
  /** The address's recent failures: the password check's priority in the hash pool (lower first). */
  readonly priority: number;
  succeeded(): void;
  failed(): void;
}

/** Failures of an address count half after this long. */
const FAILURE_HALF_LIFE_MS = 60_000;
const MAX_FAILURE_KEYS = 10_000;

/**
 * Recent failed attempts per address, halving every FAILURE_HALF_LIFE_MS, in this process (they
 * order this process's hash pool). Bounded: the oldest addresses are forgotten first.
 */
export class RecentFailures {
  private readonly scores = new Map<string, { value: number; at: number }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  score(key: string): number {
    const entry = this.scores.get(key);
    return entry === undefined ? 0 : entry.value * 2 ** (-(this.now() - entry.at) / FAILURE_HALF_LIFE_MS);
  }

  add(key: string): void {
    const value = this.score(key) + 1;
    this.scores.delete(key);
    if (this.scores.size >= MAX_FAILURE_KEYS) {
      const oldest = this.scores.keys().next();
      if (oldest.done !== true) {
        this.scores.delete(oldest.value);
      }
    }
    this.scores.set(key, { value, at: this.now() });
  }
}

/** Refusal with the seconds to wait (Retry-After). */
export interface SignInRefusal {
  retryAfterSeconds: number;
}

/**
 * Limits on password sign-ins, checked before any password is hashed:
 * - per login and address (5, then one a minute): guessing one account's password;
 * - per address across logins (20, then one per 15 s): password spraying, one guess for many
 *   logins, which the first limit never slows;
 * - sign-ins in progress per address (2): a flood from one address cannot occupy the hash pool
 *   and make sign-ins from other addresses wait.
 * Failed attempts also count against their address in the hash pool's queue (RecentFailures):
 * a colleague's password check starts before the guesses of addresses that keep failing.
 * A successful sign-in forgets its login's failures and gives its address attempt back, so a
 * workshop signing in from one address does not use the address budget up.
 * The first two limits count in `buckets`: shared through Redis in a cluster, so an attacker
 * spreading attempts over the instances gains nothing. The third protects this process's hash
 * pool and stays local.
 */
export class SignInLimits {
  private readonly perLogin: AttemptBuckets;
  private readonly perAddress: AttemptBuckets;
  private readonly inFlight = new Map<string, number>();
  /** Failed attempts per address: who waits longer for the hash pool. */
  readonly failures = new RecentFailures();

  constructor(buckets: AttemptBucketsFactory = localBuckets()) {
    this.perLogin = buckets('login', LOGIN_BURST, LOGIN_REFILL_SECONDS);
    this.perAddress = buckets('address', ADDRESS_BURST, ADDRESS_REFILL_SECONDS);
  }

  /** Counts an attempt of `login` from `address`; a refusal if any limit is reached. */
  async begin(login: string, address: string): Promise<SignInAttempt | SignInRefusal> {
    const running = this.inFlight.get(address) ?? 0;
    if (running >= MAX_IN_FLIGHT_PER_ADDRESS) {
      return { retryAfterSeconds: 1 };
    }
    // Counted as in flight while the shared buckets answer, so concurrent requests cannot slip past.
    this.inFlight.set(address, running + 1);
    const loginKey = `${login.trim().toLowerCase()}|${address}`;
    const release = (): void => {
      const left = (this.inFlight.get(address) ?? 1) - 1;
      if (left <= 0) {
        this.inFlight.delete(address);
      } else {
        this.inFlight.set(address, left);
      }
    };
    try {
      if (!(await this.perLogin.take(loginKey))) {
        release();
        return { retryAfterSeconds: LOGIN_REFILL_SECONDS };
      }
      if (!(await this.perAddress.take(address))) {
        this.perLogin.refund(loginKey);
        release();
        return { retryAfterSeconds: ADDRESS_REFILL_SECONDS };
      }
    } catch (error: unknown) {
      release();
      throw error;
    }
    let done = false;
    const finish = (): void => {
      if (done) {
        return;
      }
      done = true;
      release();
    };
    return {
      priority: this.failures.score(address),
      succeeded: () => {
        finish();
        this.perLogin.reset(loginKey);
        this.perAddress.refund(address);
      },
      failed: () => {
        if (!done) {
          this.failures.add(address);
        }
        finish();
      },
    };
  }
}
