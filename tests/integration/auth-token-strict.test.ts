import { afterEach, describe, expect, it } from 'vitest';
import { AuthPath } from '../../shared/sync/auth-api.js';
import { CloseCode } from '../../shared/sync/protocol.js';
import { closedWith, connectClient, startAuthServer, type AuthTestServer } from '../../sync-server/test-support.js';

const cleanups: (() => void | Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Other spellings of the same signature bytes that Node's lenient decoder accepts. */
function respellings(token: string): string[] {
  const [version, payload, signature] = token.split('.') as [string, string, string];
  const last = signature.at(-1)!;
  const sameBytes = ALPHABET[ALPHABET.indexOf(last) ^ 1]!; // the 2 unused trailing bits differ
  const standard = Buffer.from(signature, 'base64url').toString('base64');
  return [
    `${version}.${payload}.${signature}=`,
    `${version}.${payload}.${standard}`,
    `${version}.${payload}.${signature.slice(0, -1)}${sameBytes}`,
    `${version}.${payload}.${signature.slice(0, 10)} ${signature.slice(10)}`,
    `${version}.${payload}=.${signature}`,
  ].filter((variant) => variant !== token);
}

/** Issue 8, item 10: a token has exactly one spelling; every other one is refused by the server. */
describe('strict token decoding', () => {
  it('refuses re-spelled signatures on the sync socket and the HTTP API', async () => {
    const fixture: AuthTestServer = await startAuthServer({
      accounts: [{ login: 'anke', name: 'Anke', role: 'stabsstelle' }],
      groups: [],
    });
    cleanups.push(() => fixture.close());
    const token = fixture.token('anke');
    const me = (t: string): Promise<number> => fetch(`${fixture.httpUrl}${AuthPath.me}`, { headers: { authorization: `Bearer ${t}` } }).then((r) => r.status);
    expect(await me(token)).toBe(200);
    const good = connectClient(fixture.url, 'report/2026', { token });
    cleanups.push(() => good.destroy());
    await good.synced;

    const variants = respellings(token);
    expect(variants.length).toBeGreaterThanOrEqual(4);
    for (const variant of variants) {
      if (!/\s/.test(variant)) {
        expect(await me(variant), variant).toBe(401);
      }
      const c = connectClient(fixture.url, 'report/2026', { token: variant });
      cleanups.push(() => c.destroy());
      expect((await closedWith(c)).code, variant).toBe(CloseCode.Unauthorized);
    }
  });
});
