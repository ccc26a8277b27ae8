/**
 * The old two-state status (`meta.status`: `draft`/`final`, with `finalizedAt`/`finalizedBy`) is
 * the server's since the lifecycle: `final` reads as "von der AG beschlossen" and lets the
 * Stabsstelle push the recommendation into the report, so a client writing it would skip the
 * status machine. Attacked with stock y-websocket clients against a real server with accounts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LifecyclePath } from '../../shared/docs/lifecycle/api.js';
import { readLifecycle } from '../../shared/docs/lifecycle/document.js';
import { putProposalSummary, setProposalStatus, setProposalTitle } from '../../shared/docs/proposal.js';
import { pushProposalRecommendation } from '../../shared/docs/push.js';
import { Fragment } from '../../shared/schema/fragments.js';
import { CloseCode } from '../../shared/sync/protocol.js';
import { closedWith, connectClient, startAuthServer, waitFor, type AuthTestServer, type TestClient } from '../../sync-server/test-support.js';

const G = 'wohnen';
let fixture: AuthTestServer;
const clients: TestClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) {
    c.destroy();
  }
});

function client(login: string, doc: string): TestClient {
  const c = connectClient(fixture.url, doc, { token: fixture.token(login) });
  clients.push(c);
  return c;
}

async function serverDoc(name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await fixture.server.getDocState(name));
  return doc;
}

beforeAll(async () => {
  fixture = await startAuthServer({
    accounts: [
      { login: 'mitglied', name: 'Mia Mitglied', role: 'member', groups: [{ id: G }] },
      { login: 'leitung', name: 'Lea Leitung', role: 'member', groups: [{ id: G, lead: true }] },
      { login: 'root', name: 'Admin Ahrens', role: 'admin' },
    ],
    groups: [{ id: G, name: 'Wohnen' }],
  });
  const index = client('leitung', `group/${G}/index`);
  const proposal = client('leitung', `group/${G}/proposal/alt`);
  await Promise.all([index.synced, proposal.synced]);
  const now = new Date().toISOString();
  putProposalSummary(index.doc, { id: 'alt', groupId: G, title: 'Alter Weg', status: 'draft', createdAt: now, createdBy: 'Lea Leitung', updatedAt: now });
  proposal.doc.transact(() => {
    setProposalTitle(proposal.doc, 'Alter Weg');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Empfehlung')]);
    proposal.doc.getXmlFragment(Fragment.proposalRecommendation).insert(0, [paragraph]);
  });
  const deadline = Date.now() + 5_000;
  while ((await serverDoc(`group/${G}/proposal/alt`)).getXmlFragment(Fragment.proposalRecommendation).length === 0 || !(await serverDoc(`group/${G}/index`)).getMap('proposals').has('alt')) {
    if (Date.now() > deadline) {
      throw new Error('proposal not stored');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  for (const c of clients.splice(0)) {
    c.destroy();
  }
});
afterAll(async () => {
  await fixture?.close();
});

describe('the old meta.status', () => {
  it('is refused from every client, the group’s lead and admin included; the proposal stays a draft that cannot be pushed', async () => {
    for (const login of ['mitglied', 'leitung', 'root']) {
      const forger = client(login, `group/${G}/proposal/alt`);
      await forger.synced;
      const closed = closedWith(forger);
      setProposalStatus(forger.doc, 'final', 'Jemand', '2026-03-12T10:00:00.000Z');
      expect((await closed).code, login).toBe(CloseCode.Forbidden);
    }
    const doc = await serverDoc(`group/${G}/proposal/alt`);
    expect(doc.getMap('meta').get('status')).toBeUndefined();
    expect(doc.getMap('meta').get('finalizedBy')).toBeUndefined();
    expect(readLifecycle(doc).status).toBe('entwurf');
    expect(pushProposalRecommendation({ proposalDoc: doc, reportDoc: new Y.Doc(), groupId: G, proposalId: 'alt', by: 'Stab', at: 'now' }).ok).toBe(false);
  });

  it('is refused alone too (finalizedBy without status), while title and text edits still go through', async () => {
    const sneaky = client('leitung', `group/${G}/proposal/alt`);
    await sneaky.synced;
    const closed = closedWith(sneaky);
    sneaky.doc.getMap('meta').set('finalizedBy', 'Lea Leitung');
    expect((await closed).code).toBe(CloseCode.Forbidden);

    const writer = client('mitglied', `group/${G}/proposal/alt`);
    await writer.synced;
    setProposalTitle(writer.doc, 'Neuer Titel');
    const deadline = Date.now() + 5_000;
    while ((await serverDoc(`group/${G}/proposal/alt`)).getMap('meta').get('title') !== 'Neuer Titel') {
      if (Date.now() > deadline) {
        throw new Error('title edit not stored');
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(writer.provider.wsconnected).toBe(true);
  });

  it('is written by the server with a decision, and then reaches the clients', async () => {
    const reader = client('mitglied', `group/${G}/proposal/alt`);
    await reader.synced;
    for (const [login, from, to] of [
      ['mitglied', 'entwurf', 'in-abstimmung'],
      ['leitung', 'in-abstimmung', 'ag-beschlossen'],
    ] as const) {
      const response = await fetch(`${fixture.httpUrl}${LifecyclePath.transition}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fixture.token(login)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ groupId: G, proposalId: 'alt', from, to }),
      });
      expect(response.status).toBe(200);
    }
    await waitFor(() => reader.doc.getMap('meta').get('status') === 'final', 'the server’s final');
    expect(reader.doc.getMap('meta').get('finalizedBy')).toBe('Lea Leitung');
    expect(reader.provider.wsconnected).toBe(true);
  });
});
