import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { PASSWORD_MIN_LENGTH } from '../../shared/sync/auth-api.js';
import { passwordHashPool } from './hash-pool.js';

export { PASSWORD_MIN_LENGTH };

/**
 * Password hashing with scrypt (node:crypto). N = 2^15, r = 8, p = 1 is the cost OWASP recommends
 * for scrypt (32 MiB, roughly 50–100 ms here); it runs in libuv's thread pool, not on the event loop,
 * at most a few at once (hash-pool.ts).
 * Stored as `scrypt$N$r$p$salt$hash` (base64), so the cost can rise later without breaking old hashes.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;

/** Longest password accepted when one is set (the shortest: PASSWORD_MIN_LENGTH, shared with the sign-in form). */
export const PASSWORD_MAX_LENGTH = 1024;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }, priority: number): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return passwordHashPool.run(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
      }),
    priority,
  );
}

/** German/English message if `password` does not meet the policy, else null. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `Das Passwort muss mindestens ${PASSWORD_MIN_LENGTH} Zeichen lang sein / the password must have at least ${PASSWORD_MIN_LENGTH} characters`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `Das Passwort ist zu lang (höchstens ${PASSWORD_MAX_LENGTH} Zeichen) / the password is too long`;
  }
  return null;
}

/** Hashes `password` with a fresh per-user salt; `priority` orders it in the hash pool (lower first). */
export async function hashPassword(password: string, priority = 0): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST, priority);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** A hash of a random password, to spend the same time on unknown logins as on known ones. */
const DUMMY_HASH = hashPassword(randomBytes(16).toString('hex'));

/**
 * True if `password` matches `stored` (constant-time compare). A null `stored` (unknown login, or
 * an account without a password yet) is checked against a dummy hash and always fails, so timing
 * does not tell which logins exist.
 */
export async function verifyPassword(password: string, stored: string | null, priority = 0): Promise<boolean> {
  const parts = (stored ?? (await DUMMY_HASH)).split('$');
  const [scheme, n, r, p, salt, hash] = parts;
  if (parts.length !== 6 || scheme !== 'scrypt' || salt === undefined || hash === undefined) {
    return false;
  }
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) }, priority);
  return actual.length === expected.length && timingSafeEqual(actual, expected) && stored !== null;
}
