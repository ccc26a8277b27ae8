import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WorkshopPath, type JoinResponse } from '../../shared/docs/workshop/index.js';
import { AuthPath } from '../../shared/sync/auth-api.js';
import { CloseCode } from '../../shared/sync/protocol.js';
import { closedWith, connectClient, recordAccess, startAuthServer, waitFor, type AuthTestServer, type TestClient } from '../../sync-server/test-support.js';
import { must, waitForView, workshopApi } from './workshop-support.js';

/**
 * Workshops on a server with accounts (real server, real sockets, real SQLite): who may prepare a
 * session, members and guests joining, and what a guest's session token opens — only its session.
 */

const GROUP = 'wohnen';
let fixture: AuthTestServer;
let api: ReturnType<typeof workshopApi>;
const clients: TestClient[] = [];

beforeAll(async () => {
  fixture = await startAuthServer({
    accounts: [
      { login: 'mod', name: 'Moritz Moderation', role: 'moderation' },
      { login: 'mitglied', name: 'Mia Mitglied', role: 'member', groups: [{ id: GROUP }] },
      { login: 'leitung', name: 'Lea Leitung', role: 'member', groups: [{ id: GROUP, lead: true }] },
      { login: 'fremd', name: 'Frank Fremd', role: 'member', groups: [{ id: 'armut' }] },
    ],
    groups: [
      { id: GROUP, name: 'Wohnen' },
      { id: 'armut', name: 'Armut' },
    ],
  });
  api = workshopApi(fixture.httpUrl);
});
afterEach(() => {
  for (const client of clients.splice(0)) {
    client.destroy();
  }
});
afterAll(async () => {
  await fixture.close();
});

function open(doc: string, token?: string, withAccess = false): TestClient {
  const client = connectClient(fixture.url, doc, { ...(token === undefined ? {} : { token }), ...(withAccess ? { caps: 'access' } : {}) });
  clients.push(client);
  return client;
}

const SESSION = { groupId: GROUP, title: 'Fokusgruppe Wohnen', date: '2026-03-12', agenda: [{ title: 'Ideen', method: 'kartenabfrage', minutes: 10 }] };

async function created(login = 'mod'): Promise<JoinResponse> {
  const answer = await api.create(SESSION, fixture.token(login));
  expect(answer.status).toBe(201);
  return answer.body;
}

describe('workshops with accounts', () => {
  it('lets moderation and the group lead prepare a session, and no one else', async () => {
    expect((await api.create(SESSION)).status).toBe(401);
    expect((await api.create(SESSION, fixture.token('mitglied'))).status).toBe(403);
    expect((await api.create(SESSION, fixture.token('fremd'))).status).toBe(403);
    expect((await api.create({ ...SESSION, groupId: 'armut' }, fixture.token('leitung'))).status).toBe(403);
    expect((await created('leitung')).moderator).toBe(true);
    const session = await created('mod');
    const list = await api.request<{ sessions: { id: string }[] }>('GET', `${WorkshopPath.sessions}?groupId=${GROUP}`, undefined, fixture.token('mitglied'));
    expect(list.body.sessions.map((s) => s.id)).toContain(session.sessionId);
    expect((await api.request('GET', `${WorkshopPath.sessions}?groupId=${GROUP}`, undefined, fixture.token('fremd'))).status).toBe(403);
  });

  it('admits members as themselves and guests only when the moderator allows it', async () => {
    const session = await created();
    const member = await api.join({ code: session.joinCode }, fixture.token('mitglied'));
    expect(member.status).toBe(200);
    expect(member.body.moderator).toBe(false);
    expect((await api.join({ code: session.joinCode, name: 'Gisela Gast' })).body).toMatchObject({ error: 'guests-not-allowed' });
    expect((await api.join({ code: session.joinCode }, fixture.token('fremd'))).body).toMatchObject({ error: 'guests-not-allowed' });
    // a member cannot open the door for guests; the moderator can
    expect((await api.act(session.sessionId, member.body.token, { type: 'session.update', settings: { guestsAllowed: true } })).status).toBe(403);
    await must(api, session.sessionId, session.token, { type: 'session.update', settings: { guestsAllowed: true } });
    const guest = await api.join({ code: session.joinCode, name: 'Gisela Gast' });
    expect(guest.status).toBe(200);
    const projector = open(session.docName, session.token);
    const seen = await waitForView(projector, (v) => v.participants.length === 3, 'attendance');
    expect(seen.participants.map((p) => [p.name, p.kind])).toEqual([
      ['Gisela Gast', 'guest'],
      ['Mia Mitglied', 'member'],
      ['Moritz Moderation', 'moderator'],
    ]);
  });

  it('lets a guest’s token open its session’s document read-only and nothing else', async () => {
    const session = await created();
    await must(api, session.sessionId, session.token, { type: 'session.update', settings: { guestsAllowed: true } });
    const guest = (await api.join({ code: session.joinCode, name: 'Gisela Gast' })).body;
    const own = open(session.docName, guest.token, true);
    const access = recordAccess(own);
    await own.synced;
    await waitFor(() => access.length > 0, 'access announced');
    expect(access.at(-1)).toBe('read-only');
    const other = await created('leitung');
    for (const doc of [other.docName, 'workspace', `group/${GROUP}/index`, 'report/2025', 'datasets']) {
      const client = open(doc, guest.token);
      expect((await closedWith(client)).code, doc).toBe(CloseCode.Forbidden);
    }
    expect((await api.request('GET', AuthPath.me, undefined, guest.token)).status).toBe(401);
    expect((await api.act(other.sessionId, guest.token, { type: 'card.add', text: 'x' })).status).toBe(403);
    expect((await api.create(SESSION, guest.token)).status).toBe(401);
  });

  it('opens a session document to accounts that joined or moderate, read-only, and to no other account', async () => {
    const session = await created();
    const outsider = open(session.docName, fixture.token('fremd'));
    expect((await closedWith(outsider)).code).toBe(CloseCode.Forbidden);
    const notJoined = open(session.docName, fixture.token('mitglied'));
    expect((await closedWith(notJoined)).code).toBe(CloseCode.Forbidden);
    await api.join({ code: session.joinCode }, fixture.token('mitglied'));
    for (const login of ['mitglied', 'leitung', 'mod']) {
      const client = open(session.docName, fixture.token(login), true);
      const access = recordAccess(client);
      await client.synced;
      await waitFor(() => access.length > 0, `access for ${login}`);
      expect(access.at(-1), login).toBe('read-only');
    }
    const anonymous = open(session.docName);
    expect((await closedWith(anonymous)).code).toBe(CloseCode.Unauthorized);
  });
});
