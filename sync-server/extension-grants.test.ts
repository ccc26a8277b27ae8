import { describe, expect, it } from 'vitest';
import { CloseCode } from '../shared/sync/protocol.js';
import type { SyncExtension } from './extension.js';
import { useFixture } from './extensions/test-fixture.js';
import { recordAccess, waitFor } from './test-support.js';

const fixture = useFixture();

/** A feature that issues its own tokens for one document and lets everyone else only read `report/*`. */
const feature: SyncExtension = {
  name: 'feature',
  authorizeOwnToken: ({ token, docName }) => {
    if (token === null || !token.startsWith('own_')) {
      return undefined;
    }
    return docName === 'report/2030' ? { access: 'read-write' } : { deny: 'forbidden' };
  },
  onAuthorize: ({ docName }) => (docName.startsWith('report/') ? { narrow: 'read-only' } : undefined),
};

describe('SyncExtension grants: own tokens and narrowing (real server, real sockets)', () => {
  it('lets an extension narrow a grant to reading: the client is told and its writes are dropped', async () => {
    const { url } = await fixture.start({ extensions: [feature] });
    const reader = fixture.client(url, 'report/2025', { caps: 'access' });
    const access = recordAccess(reader);
    await reader.synced;
    await waitFor(() => access.length > 0, 'access message');
    expect(access.at(-1)).toBe('read-only');
    reader.doc.getText('t').insert(0, 'verboten');
    const other = fixture.client(url, 'report/2025');
    await other.synced;
    const writer = fixture.client(url, 'group/wohnen/index');
    await writer.synced;
    writer.doc.getText('t').insert(0, 'erlaubt');
    const watcher = fixture.client(url, 'group/wohnen/index');
    await waitFor(() => watcher.doc.getText('t').toString() === 'erlaubt', 'an unnarrowed write arrives');
    expect(other.doc.getText('t').toString()).toBe('');
  });

  it('decides an extension’s own tokens before the access rules, and the vetoes still apply', async () => {
    const { url } = await fixture.start({ extensions: [feature], authorize: () => ({ deny: 'unauthorized' }) });
    const own = fixture.client(url, 'report/2030', { token: 'own_1', caps: 'access' });
    const access = recordAccess(own);
    await own.synced;
    await waitFor(() => access.length > 0, 'access message');
    expect(access.at(-1)).toBe('read-only'); // granted read-write by the token, narrowed by the veto
    const elsewhere = fixture.client(url, 'workspace', { token: 'own_1' });
    expect((await new Promise<{ code: number }>((resolve) => elsewhere.provider.once('closed', resolve))).code).toBe(CloseCode.Forbidden);
    const account = fixture.client(url, 'report/2030', { token: 'v1.x.y' });
    expect((await new Promise<{ code: number }>((resolve) => account.provider.once('closed', resolve))).code).toBe(CloseCode.Unauthorized);
  });
});
