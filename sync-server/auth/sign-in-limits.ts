import { AttemptLimiter } from './attempt-limiter.js';

/** Attempts one address may make across all logins at once, and how fast they come back. */
export const ADDRESS_BURST = 20;
export const ADDRESS_REFILL_SECONDS = 15;
/** Sign-ins one address may have in progress at the same time. */
export const MAX_IN_FLIGHT_PER_ADDRESS = 2;

/** A sign-in attempt that may proceed; call exactly one of `succeeded`/`failed`. */
export interface SignInAttempt {
  succeeded(): void;
  failed(): void;
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
 * A successful sign-in forgets its login's failures and gives its address attempt back, so a
 * workshop signing in from one address does not use the address budget up.
 */
export class SignInLimits {
  private readonly perLogin: AttemptLimiter;
  private readonly perAddress: AttemptLimiter;
  private readonly inFlight = new Map<string, number>();

  constructor(now?: () => number) {
    this.perLogin = new AttemptLimiter(5, 60, now);
    this.perAddress = new AttemptLimiter(ADDRESS_BURST, ADDRESS_REFILL_SECONDS, now);
  }

  /** Counts an attempt of `login` from `address`; a refusal if any limit is reached. */
  begin(login: string, address: string): SignInAttempt | SignInRefusal {
    const running = this.inFlight.get(address) ?? 0;
    if (running >= MAX_IN_FLIGHT_PER_ADDRESS) {
      return { retryAfterSeconds: 1 };
    }
    const loginKey = `${login.trim().toLowerCase()}|${address}`;
    if (!this.perLogin.take(loginKey)) {
      return { retryAfterSeconds: this.perLogin.retryAfterSeconds };
    }
    if (!this.perAddress.take(address)) {
      this.perLogin.refund(loginKey);
      return { retryAfterSeconds: this.perAddress.retryAfterSeconds };
    }
    this.inFlight.set(address, running + 1);
    let done = false;
    const finish = (): void => {
      if (done) {
        return;
      }
      done = true;
      const left = (this.inFlight.get(address) ?? 1) - 1;
      if (left <= 0) {
        this.inFlight.delete(address);
      } else {
        this.inFlight.set(address, left);
      }
    };
    return {
      succeeded: () => {
        finish();
        this.perLogin.reset(loginKey);
        this.perAddress.refund(address);
      },
      failed: finish,
    };
  }
}
