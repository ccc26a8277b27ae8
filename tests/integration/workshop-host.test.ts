import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinResponse, MyState } from '../../shared/docs/workshop/index.js';
import type { WebHost } from '../../src-main/web/host.js';
import { connectClient, tempDir, type TestClient } from '../../sync-server/test-support.js';
import { startTestWebHost } from './web-host-support.js';
import { waitForView } from './workshop-support.js';

/**
 * The contract's `workshop` calls as the renderer makes them: POST /api/workshop.<method> on the
 * browser-mode host, which forwards to its sync server's workshop routes. Real host, real sync
 * server, real SQLite; the rules are the server's, the host only passes tokens and maps errors.
 */

let host: WebHost;
let closeHost: () => Promise<void>;
const clients: TestClient[] = [];

interface Answer {
  status: number;
  body: unknown;
}

async function call(method: string, input: unknown): Promise<Answer> {
  const response = await fetch(`${host.url}/api/workshop.${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: host.url },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: await response.json() };
}

async function ok<T>(method: string, input: unknown): Promise<T> {
  const answer = await call(method, input);
  if (answer.status !== 200) {
    throw new Error(`workshop.${method} → ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body as T;
}

beforeAll(async () => {
  ({ host, close: closeHost } = await startTestWebHost('fokuswerk-workshop-host-'));
});
afterAll(async () => {
  for (const client of clients) {
    client.destroy();
  }
  await closeHost();
});

describe('workshop calls through the browser-mode host', () => {
  it('runs a session: create, join, cards, dots within the budget, protocol — and maps refusals to contract codes', async () => {
    const before = Date.now();
    const { now } = await ok<{ now: number }>('time', {});
    expect(now).toBeGreaterThanOrEqual(before - 1000);
    expect(now).toBeLessThanOrEqual(Date.now() + 1000);

    const moderator = await ok<JoinResponse>('create', {
      session: {
        groupId: 'wohnen',
        title: 'Fokusgruppe Wohnen',
        date: '2026-03-12',
        place: 'Kreishaus Elmshorn',
        moderatorName: 'Mona',
        settings: { dotBudget: 2, maxDotsPerCluster: 2 },
        agenda: [
          { title: 'Ideen sammeln', method: 'kartenabfrage', minutes: 10, prompt: 'Was fehlt?' },
          { title: 'Gewichten', method: 'punktabfrage', minutes: 5 },
        ],
      },
    });
    expect(moderator.moderator).toBe(true);
    const listed = await ok<{ sessions: { id: string; agenda: unknown[] }[] }>('sessions', { groupId: 'wohnen' });
    expect(listed.sessions.map((s) => s.id)).toContain(moderator.sessionId);

    const paula = await ok<JoinResponse>('join', { join: { code: moderator.joinCode, name: 'Paula', deviceId: 'paula-device-000000' } });
    expect(paula.moderator).toBe(false);
    const unknown = await call('join', { join: { code: 'ZZZZZZ', name: 'Niemand' } });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'not-found' } });

    const act = (who: JoinResponse, action: unknown) => call('act', { sessionId: moderator.sessionId, token: who.token, action });
    // Only the moderator changes phases: the participant's token is refused with the contract's `forbidden`.
    expect(await act(paula, { type: 'phase.next' })).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect((await act(moderator, { type: 'phase.next' })).status).toBe(200);
    expect((await act(paula, { type: 'card.add', text: 'Mehr Sozialwohnungen' })).status).toBe(200);
    const mine = await ok<MyState>('me', { sessionId: moderator.sessionId, token: paula.token });
    expect(mine.ownCards.map((card) => card.text)).toEqual(['Mehr Sozialwohnungen']);
    expect((await act(moderator, { type: 'cards.reveal' })).status).toBe(200);
    const cluster = (await ok<{ id: string }>('act', {
      sessionId: moderator.sessionId,
      token: moderator.token,
      action: { type: 'cluster.create', name: 'Wohnraum', cardIds: [] },
    })).id;
    expect((await act(moderator, { type: 'phase.next' })).status).toBe(200);
    expect((await act(moderator, { type: 'vote.open' })).status).toBe(200);
    expect((await act(paula, { type: 'dot.cast', clusterId: cluster })).status).toBe(200);
    expect((await act(paula, { type: 'dot.cast', clusterId: cluster })).status).toBe(200);
    // Over the budget: a rule of the server, answered as the contract's `conflict` with the server's reason.
    const over = await act(paula, { type: 'dot.cast', clusterId: cluster });
    expect(over).toMatchObject({ status: 409, body: { code: 'conflict' } });
    // A token of another kind (an invented one) is not a session token.
    expect(await call('me', { sessionId: moderator.sessionId, token: 'wst_falsch' })).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
    // The contract refuses malformed input before anything reaches the server.
    expect(await act(paula, { type: 'dot.cast' })).toMatchObject({ status: 400, body: { code: 'bad-request' } });

    const projector = connectClient(`${host.url.replace(/^http/, 'ws')}/sync`, moderator.docName, { token: moderator.token });
    clients.push(projector);
    await waitForView(projector, (v) => v.items.some((item) => item.vote?.dotsCast === 2), 'two dots on the projector');

    expect((await act(moderator, { type: 'vote.close' })).status).toBe(200);
    // Before the close, a participant may not read the protocol.
    expect((await call('protocol', { sessionId: moderator.sessionId, token: paula.token })).status).toBe(403);
    expect((await act(moderator, { type: 'session.close' })).status).toBe(200);
    const protocol = await ok<{ title: string; items: { vote: { results: { name: string; dots: number }[] } | null }[] }>('protocol', {
      sessionId: moderator.sessionId,
      token: paula.token,
    });
    expect(protocol.title).toBe('Fokusgruppe Wohnen');
    expect(protocol.items[1]?.vote?.results).toEqual([expect.objectContaining({ name: 'Wohnraum', dots: 2 })]);
  });

  it('prints the edited protocol to PDF with the host engine, offline: an outside image is not fetched', async () => {
    let fetched = false;
    const bait = createServer((_req, res) => {
      fetched = true;
      res.end();
    });
    await new Promise<void>((resolve) => bait.listen(0, '127.0.0.1', resolve));
    const port = (bait.address() as AddressInfo).port;
    try {
      const result = await ok<{ fileName: string; mime: string; base64: string }>('protocolPdf', {
        title: 'Fokusgruppe Wohnen',
        html: `<h1>Fokusgruppe Wohnen</h1><p>Wohnraumbörse aufbauen</p><img src="http://127.0.0.1:${port}/leak.png"><script>document.body.append('aus dem Skript')</script>`,
      });
      expect(result).toMatchObject({ fileName: 'Protokoll-Fokusgruppe-Wohnen.pdf', mime: 'application/pdf' });
      const pdf = Buffer.from(result.base64, 'base64');
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const { dir, remove } = tempDir('fokuswerk-protocol-pdf-');
      try {
        writeFileSync(path.join(dir, 'p.pdf'), pdf);
        const text = execFileSync('pdftotext', [path.join(dir, 'p.pdf'), '-'], { encoding: 'utf8' });
        expect(text).toContain('Wohnraumbörse aufbauen');
        expect(text).not.toContain('aus dem Skript');
      } finally {
        remove();
      }
      expect(fetched).toBe(false);
    } finally {
      bait.close();
    }
  }, 60_000);
});
