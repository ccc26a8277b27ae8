import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/log.js';
import { startWebHost, type WebHost } from '../../src-main/web/host.js';
import { connectClient, tempDir, type TestClient } from '../../sync-server/test-support.js';
import { must, waitForView, workshopApi } from './workshop-support.js';

/**
 * The offline room's host: browser mode (`npm run serve`) with its embedded sync server. Devices in
 * the room reach the workshop API and the session's document on the host's own origin under /sync.
 */

let host: WebHost;
let removeDir: () => void;
const clients: TestClient[] = [];

beforeAll(async () => {
  const { dir, remove } = tempDir('fokuswerk-workshop-web-');
  removeDir = remove;
  const rendererDir = path.join(dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Fokuswerk</title>');
  host = await startWebHost({ port: 0, dataDir: path.join(dir, 'data'), rendererDir, reportYear: 2026, logger: createLogger(() => undefined) });
});
afterAll(async () => {
  for (const client of clients) {
    client.destroy();
  }
  await host.close();
  removeDir();
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
