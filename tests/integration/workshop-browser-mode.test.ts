import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebHost } from '../../src-main/web/host.js';
import { connectClient, type TestClient } from '../../sync-server/test-support.js';
import { startTestWebHost } from './web-host-support.js';
import { must, waitForView, workshopApi } from './workshop-support.js';

/**
 * The offline room's host: browser mode (`npm run serve`) with its embedded sync server. Devices in
 * the room reach the workshop API and the session's document on the host's own origin under /sync.
 */

let host: WebHost;
let closeHost: () => Promise<void>;
const clients: TestClient[] = [];

beforeAll(async () => {
  ({ host, close: closeHost } = await startTestWebHost('fokuswerk-workshop-web-'));
});
afterAll(async () => {
  for (const client of clients) {
    client.destroy();
  }
  await closeHost();
});

describe('workshops in browser mode (embedded sync server under /sync)', () => {
  it('creates, joins and runs a session on the host’s own origin; the projector reads it over /sync', async () => {
    const api = workshopApi(`${host.url}/sync`);
    const created = await api.create({
      groupId: 'wohnen',
      title: 'Im Kreishaus',
      date: '2026-03-12',
      moderatorName: 'Mona',
      agenda: [{ title: 'Ideen', method: 'kartenabfrage', minutes: 10 }],
    });
    expect(created.status).toBe(201);
    const person = await api.join({ code: created.body.joinCode, name: 'Paula', deviceId: 'ipad-paula-0000000' });
    expect(person.status).toBe(200);
    await must(api, created.body.sessionId, created.body.token, { type: 'phase.next' });
    await must(api, created.body.sessionId, person.body.token, { type: 'card.add', text: 'Barrierefreie Wohnungen' });
    await must(api, created.body.sessionId, created.body.token, { type: 'cards.reveal' });
    const projector = connectClient(`${host.url.replace(/^http/, 'ws')}/sync`, created.body.docName, { token: created.body.token });
    clients.push(projector);
    const seen = await waitForView(projector, (v) => v.cards.length === 1, 'the revealed card on the projector');
    expect(seen.cards[0]?.text).toBe('Barrierefreie Wohnungen');
    expect(seen.participants.map((p) => p.name)).toEqual(['Mona', 'Paula']);
  });
});
