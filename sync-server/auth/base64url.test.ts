import { describe, expect, it } from 'vitest';
import { decodeBase64UrlStrict } from './base64url.js';

describe('strict base64url', () => {
  it('accepts exactly the canonical spelling', () => {
    const bytes = Buffer.from([0xfb, 0xff, 0xbf, 0x01, 0x02]);
    const canonical = bytes.toString('base64url');
    expect(decodeBase64UrlStrict(canonical)).toEqual(bytes);
    expect(decodeBase64UrlStrict('')).toEqual(Buffer.alloc(0));
    for (const variant of [
      `${canonical}=`,
      bytes.toString('base64'),
      ` ${canonical}`,
      `${canonical.slice(0, 3)}\n${canonical.slice(3)}`,
      // Same bytes, other unused trailing bits.
      `${canonical.slice(0, -1)}${String.fromCharCode(canonical.charCodeAt(canonical.length - 1) + 1)}`,
      'A',
    ]) {
      expect(decodeBase64UrlStrict(variant), JSON.stringify(variant)).toBeNull();
    }
  });
});
