import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { documentAccess, may, type Principal } from '../../shared/access/index.js';
import { parseDocName } from '../../shared/sync/doc-names.js';
import { CloseCode } from '../../shared/sync/protocol.js';
import { closeReasons } from '../../sync-server/close-reasons.js';
import { openDocStore } from '../../sync-server/persistence.js';
import {
  closedWith,
  connectClient,
  recordAccess,
  startAuthServer,
  waitFor,
  type AuthTestServer,
  type TestAccountSpec,
  type TestClient,
} from '../../sync-server/test-support.js';

const GROUP = 'wohnen';
const OTHER = 'armut';
const HASH = 'a'.repeat(64);

const ACCOUNTS: TestAccountSpec[] = [
  { login: 'root', name: 'Admin Ahrens', role: 'admin' },
  { login: 'stab', name: 'Stefanie Stab', role: 'stabsstelle' },
  { login: 'mod', name: 'Moritz Moderation', role: 'moderation' },
  { login: 'mitglied', name: 'Mia Mitglied', role: 'member', groups: [{ id: GROUP }] },
  { login: 'leitung', name: 'Lea Leitung', role: 'member', groups: [{ id: GROUP, lead: true }] },
  { login: 'fremd', name: 'Frank Fremd', role: 'member', groups: [{ id: OTHER }] },
  { login: 'beobachter', name: 'Beobachter', role: 'admin' },
];

const DOCS = ['workspace', `group/${GROUP}/index`, `group/${GROUP}/proposal/p-1`, 'report/2025', 'datasets', `dataset/${HASH}`] as const;
type Expect = 'rw' | 'ro' | 'none';
/** Rows: accounts; columns: DOCS. The rules of shared/access/ (checked against it below). */
const MATRIX: Record<string, Expect[]> = {
  root: ['ro', 'rw', 'rw', 'rw', 'rw', 'rw'],
  stab: ['ro', 'ro', 'ro', 'rw', 'rw', 'rw'],
  mod: ['ro', 'ro', 'ro', 'ro', 'ro', 'ro'],
  mitglied: ['ro', 'rw', 'rw', 'ro', 'ro', 'ro'],
  leitung: ['ro', 'rw', 'rw', 'ro', 'ro', 'ro'],
  fremd: ['ro', 'none', 'none', 'ro', 'ro', 'ro'],
};
const CASES = Object.entries(MATRIX).flatMap(([login, row]) => DOCS.map((doc, i) => ({ login, doc, expected: row[i] as Expect })));

let fixture: AuthTestServer;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    cleanup();
  }
});
beforeAll(async () => {
  fixture = await startAuthServer({
    accounts: ACCOUNTS,
    groups: [
      { id: GROUP, name: 'Wohnen' },
      { id: OTHER, name: 'Armut' },
    ],
    limits: { maxConnectionsPerUser: 200 },
  });
});
afterAll(async () => {
  await fixture.close();
});

function client(login: string, doc: string, extra: Record<string, string> = {}, token = fixture.token(login)): TestClient {
  const c = connectClient(fixture.url, doc, { token, ...extra });
  cleanups.push(() => c.destroy());
  return c;
}

/**
 * Writes `text` from `writer`, then sends an awareness marker on the same socket. The server
 * handles frames of one socket in order, so once `observer` sees the marker it has also got the
 * update, if the server forwarded it.
 */
async function writeAndSettle(writer: TestClient, observer: TestClient, text: string): Promise<void> {
  writer.doc.getText('t').insert(0, text);
  writer.provider.awareness.setLocalStateField('marker', text);
  await waitFor(
    () => (observer.provider.awareness.getStates().get(writer.doc.clientID) as { marker?: string } | undefined)?.marker === text,
    `marker ${text}`,
  );
}

/** The principal the shared rules see for a test account (what the server reads from its database). */
function principalOf(login: string): Principal {
  const spec = ACCOUNTS.find((account) => account.login === login);
  if (spec === undefined) {
    throw new Error(`no account ${login}`);
  }
  return { role: spec.role, groups: (spec.groups ?? []).map((group) => ({ id: group.id, lead: group.lead === true })) };
}

const SHORT = { 'read-write': 'rw', 'read-only': 'ro', none: 'none' } as const;

describe('the shared rules (shared/access) are the matrix the server enforces', () => {
  it.each(CASES)('$login on $doc: $expected', ({ login, doc, expected }) => {
    const name = parseDocName(doc);
    if (name === null) {
      throw new Error(`not a document name: ${doc}`);
    }
    expect(SHORT[documentAccess(principalOf(login), name)]).toBe(expected);
  });

  it('lets exactly those push recommendations and publish statistics who write the report and the datasets', () => {
    const reportColumn = DOCS.indexOf('report/2025');
    const datasetsColumn = DOCS.indexOf('datasets');
    for (const [login, row] of Object.entries(MATRIX)) {
      expect(may(principalOf(login), { kind: 'push-recommendation' }), login).toBe(row[reportColumn] === 'rw');
      expect(may(principalOf(login), { kind: 'publish-statistics' }), login).toBe(row[datasetsColumn] === 'rw');
    }
  });
});

const written = new Map<string, Set<string>>();

describe('access matrix: every role × every document kind, tried for real', () => {
  it.each(CASES)('$login on $doc: $expected', async ({ login, doc, expected }) => {
    const conn = client(login, doc, { v: '1', caps: 'access' });
    if (expected === 'none') {
      expect(await closedWith(conn)).toEqual({ code: CloseCode.Forbidden, reason: closeReasons.forbidden });
      return;
    }
    const announced = recordAccess(conn);
    const observer = client('beobachter', doc);
    await Promise.all([conn.synced, observer.synced]);
    expect(announced).toEqual([expected === 'rw' ? 'read-write' : 'read-only']);
    const text = `${login}@${doc};`;
    await writeAndSettle(conn, observer, text);
    const arrived = observer.doc.getText('t').toString().includes(text);
    expect(arrived, 'the other client got the edit').toBe(expected === 'rw');
    if (expected === 'rw') {
      const set = written.get(doc) ?? new Set<string>();
      set.add(text);
      written.set(doc, set);
    }
  });

  it('stored exactly the edits of read-write connections', async () => {
    await fixture.server.close();
    const store = openDocStore(fixture.dir);
    try {
      for (const doc of DOCS) {
        const stored = new Y.Doc();
        for (const update of store.load(doc).updates) {
          Y.applyUpdate(stored, update);
        }
        const pieces = stored.getText('t').toString().split(';').filter((piece) => piece !== '').map((piece) => `${piece};`);
        expect(new Set(pieces), doc).toEqual(written.get(doc) ?? new Set());
      }
    } finally {
      await store.close();
    }
  });
});
