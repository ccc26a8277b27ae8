const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Decodes canonical base64url without padding, or returns null. Node's decoder also accepts
 * padding, `+`/`/`, whitespace and non-zero trailing bits, so several strings decode to the same
 * bytes; a token must have exactly one spelling (otherwise a signature can be re-spelled and
 * slip past anything that compares tokens as text, e.g. a list of revoked ones).
 */
export function decodeBase64UrlStrict(text: string): Buffer | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) {
    return null;
  }
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : null;
}
