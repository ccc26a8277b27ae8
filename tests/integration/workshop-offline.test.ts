import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkshopPath, type ImportResponse, type PublicWorkshop, type SessionBundle } from '../../shared/docs/workshop/index.js';
import { CloseCode } from '../../shared/sync/protocol.js';
import { closedWith, connectClient, startServerProcess, tempDir, type ServerProcess, type TestClient } from '../../sync-server/test-support.js';
import { must, waitForView, workshopApi } from './workshop-support.js';

/**
 * The offline room: the moderator's laptop runs the server for the room; afterwards the session is
 * handed to the central server — by HTTP and by `npm run workshop -- transfer` — without duplicates.
 */

const REPO_ROOT = join(import.meta.dirname, '..', '..');
let laptop: ServerProcess;
let central: ServerProcess;
const removals: (() => void)[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  const a = tempDir('fokuswerk-laptop-');
  const b = tempDir('fokuswerk-central-');
  removals.push(a.remove, b.remove);
  [laptop, central] = await Promise.all([startServerProcess(['--port', '0', '--data', a.dir]), startServerProcess(['--port', '0', '--data', b.dir])]);
});
afterAll(async () => {
  for (const client of clients) {
    client.destroy();
  }
  await Promise.all([laptop.stop(), central.stop()]);
  for (const remove of removals) {
    remove();
  }
});

const http = (server: ServerProcess): string => server.url.replace(/^ws/, 'http');

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'sync-server/extensions/workshop/cli.ts'), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** A short closed session on the laptop; returns its id and moderator key. */
async function runSession(title: string): Promise<{ sessionId: string; key: string; view: PublicWorkshop }> {
  const api = workshopApi(http(laptop));
  const mod = (
    await api.create({
      groupId: 'wohnen',
      title,
      date: '2026-03-12',
      moderatorName: 'Mona',
      agenda: [
        { title: 'Ideen', method: 'kartenabfrage', minutes: 5 },
        { title: 'Punkte', method: 'punktabfrage', minutes: 5 },
      ],
    })
  ).body;
  const person = (await api.join({ code: mod.joinCode, name: 'Paul' })).body;
  await must(api, mod.sessionId, mod.token, { type: 'phase.next' });
  await must(api, mod.sessionId, person.token, { type: 'card.add', text: 'Mehr Wohnraum' });
  await must(api, mod.sessionId, mod.token, { type: 'cards.reveal' });
  const projector = connectClient(laptop.url, mod.docName, { token: mod.token });
  clients.push(projector);
  const cards = (await waitForView(projector, (v) => v.cards.length === 1, 'card')).cards;
  const cluster = (await must(api, mod.sessionId, mod.token, { type: 'cluster.create', name: 'Wohnraum', cardIds: [cards[0]?.id ?? ''] })) ?? '';
  await must(api, mod.sessionId, mod.token, { type: 'phase.next' });
  await must(api, mod.sessionId, mod.token, { type: 'vote.open' });
  await must(api, mod.sessionId, person.token, { type: 'dot.cast', clusterId: cluster });
  await must(api, mod.sessionId, mod.token, { type: 'vote.close' });
  await must(api, mod.sessionId, mod.token, { type: 'parking.add', text: 'Verkehr' });
  await must(api, mod.sessionId, mod.token, { type: 'session.close' });
  const view = await waitForView(projector, (v) => v.session.phase.status === 'closed', 'closed');
  return { sessionId: mod.sessionId, key: mod.token, view };
}

describe('offline room → central server', () => {
  it('imports a closed session once: the same bundle again changes nothing, the central document equals the laptop’s', async () => {
    const { sessionId, key, view } = await runSession('Offline-Sitzung');
    const laptopApi = workshopApi(http(laptop));
    const centralApi = workshopApi(http(central));
    const bundle = (await laptopApi.request<SessionBundle>('GET', WorkshopPath.bundle(sessionId), undefined, key)).body;
    expect(JSON.stringify(bundle)).not.toContain('author');
    const first = await centralApi.request<ImportResponse>('POST', WorkshopPath.import, bundle);
    expect(first).toEqual({ status: 201, body: { sessionId, imported: true } });
    const second = await centralApi.request<ImportResponse>('POST', WorkshopPath.import, { ...bundle, exportedAt: bundle.exportedAt + 1 });
    expect(second).toEqual({ status: 200, body: { sessionId, imported: false } });
    // a changed bundle under the same id is refused, not merged
    const changed = { ...bundle, workshop: { ...bundle.workshop, session: { ...bundle.workshop.session, title: 'Anders' } } };
    expect((await centralApi.request('POST', WorkshopPath.import, changed)).status).toBe(409);
    // the laptop's key is no key on the central server
    const withLaptopKey = connectClient(central.url, `workshop/${sessionId}`, { token: key });
    clients.push(withLaptopKey);
    expect((await closedWith(withLaptopKey)).code).toBe(CloseCode.Unauthorized);
    // the closed session's document on the central server shows what the room saw
    const centralCopy = connectClient(central.url, `workshop/${sessionId}`);
    clients.push(centralCopy);
    const copied = await waitForView(centralCopy, (v) => v.session.id === sessionId, 'imported document');
    expect(copied).toEqual({ ...view, session: { ...view.session, imported: true } });
    // an open session cannot be imported
    const open = (await laptopApi.create({ groupId: 'wohnen', title: 'Offen', date: '2026-03-13' })).body;
    const openBundle = (await laptopApi.request<SessionBundle>('GET', WorkshopPath.bundle(open.sessionId), undefined, open.token)).body;
    expect((await centralApi.request('POST', WorkshopPath.import, openBundle)).status).toBe(409);
    expect(view.items[1]?.vote?.results?.[0]).toMatchObject({ name: 'Wohnraum', dots: 1 });
    // the next session of the group on the central server is offered the open Themenspeicher entry
    const next = (await centralApi.create({ groupId: 'wohnen', title: 'Nächste', date: '2026-04-01', moderatorName: 'Mona' })).body;
    const nextView = connectClient(central.url, next.docName, { token: next.token });
    clients.push(nextView);
    const carried = await waitForView(nextView, (v) => v.parking.length === 1, 'carried-over parking lot');
    expect(carried.parking[0]).toMatchObject({ text: 'Verkehr', source: 'earlier-session', fromSessionId: sessionId, status: 'open' });
  });

  it('transfers with `npm run workshop -- transfer`, twice without a duplicate', async () => {
    const { sessionId, key } = await runSession('Per Kommandozeile');
    const args = ['transfer', '--from', http(laptop), '--session', sessionId, '--to', http(central)];
    const first = await runCli(args, { WORKSHOP_KEY: key });
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toEqual({ sessionId, imported: true });
    const again = await runCli(args, { WORKSHOP_KEY: key });
    expect(JSON.parse(again.stdout)).toEqual({ sessionId, imported: false });
    const wrongKey = await runCli(args, { WORKSHOP_KEY: `wst_${'a'.repeat(32)}` });
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stderr).toContain('401');
  });
});
