import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { decodeBase64UrlStrict } from './base64url.js';

/** File holding the token signing key inside the data directory (created with mode 0600). */
export const KEY_FILE = 'auth.key';
const KEY_BYTES = 32;
const VERSION = 'v1';

/** What an access token says: account id, session id, the account's token version, expiry (Unix s). */
export const TokenClaims = z.object({
  sub: z.number().int().positive(),
  sid: z.string().min(8).max(64),
  ver: z.number().int().nonnegative(),
  exp: z.number().int().positive(),
});
export type TokenClaims = z.infer<typeof TokenClaims>;

/** Why a token was rejected. */
export type TokenError = 'malformed' | 'bad-signature' | 'expired';

/**
 * Loads the signing key from `dataDir`, creating it on first use. Refuses a key file that others
 * may read: whoever has the key can sign in as anyone.
 */
export function loadOrCreateKey(dataDir: string): Buffer {
  const path = join(dataDir, KEY_FILE);
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(KEY_BYTES).toString('base64'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error: unknown) {
    if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) {
      throw error;
    }
  }
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new Error(
      `Schlüsseldatei ${path} ist für andere lesbar (Modus ${mode.toString(8)}); bitte „chmod 600“ / key file is readable by others, run chmod 600`,
    );
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  if (key.length < KEY_BYTES) {
    throw new Error(`Schlüsseldatei ${path} ist beschädigt / key file is damaged`);
  }
  return key;
}

/** A fresh random session id. */
export function newSessionId(): string {
  return randomBytes(12).toString('base64url');
}

function sign(key: Buffer, body: string): Buffer {
  return createHmac('sha256', key).update(body).digest();
}

/** `v1.<claims as base64url JSON>.<HMAC-SHA256 of the part before it>`. */
export function signToken(key: Buffer, claims: TokenClaims): string {
  const body = `${VERSION}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${body}.${sign(key, body).toString('base64url')}`;
}

/** Checks signature (constant-time) and expiry; `nowSeconds` is Unix time. */
export function verifyToken(
  key: Buffer,
  token: string,
  nowSeconds: number,
): { ok: true; claims: TokenClaims } | { ok: false; error: TokenError } {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION || token.length > 1024) {
    return { ok: false, error: 'malformed' };
  }
  const [, payload = '', signature = ''] = parts;
  const expected = sign(key, `${VERSION}.${payload}`);
  const actual = decodeBase64UrlStrict(signature);
  if (actual === null || actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return { ok: false, error: 'bad-signature' };
  }
  const claimBytes = decodeBase64UrlStrict(payload);
  if (claimBytes === null) {
    return { ok: false, error: 'malformed' };
  }
  let claims: TokenClaims;
  try {
    claims = TokenClaims.parse(JSON.parse(claimBytes.toString('utf8')));
  } catch {
    return { ok: false, error: 'malformed' };
  }
  return claims.exp <= nowSeconds ? { ok: false, error: 'expired' } : { ok: true, claims };
}
