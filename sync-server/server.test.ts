import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, MESSAGE_STORED, SYNC_PROTOCOL_VERSION } from '../shared/sync/protocol.js';
import { decodeStoredAck, snapshotCovers } from '../shared/sync/stored.js';
import type { Authorize } from './authorize.js';
import { encodeSyncStep1, encodeSyncUpdate } from './frames.js';
import { DATABASE_FILE, openDocStore } from './persistence.js';
import { createSyncServer, type SyncServer, type SyncServerOptions } from './server.js';
import { connectClient, memoryLogger, openRawSocket, tempDir, waitFor, type TestClient } from './test-support.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

async function startServer(
  options: Partial<SyncServerOptions> = {},
): Promise<{ server: SyncServer; url: string; dir: string; logs: string[] }> {
  const { dir, remove } = options.dataDir === undefined ? tempDir() : { dir: options.dataDir, remove: () => {} };
  cleanups.push(remove);
  const { logger, lines } = memoryLogger();
  const server = createSyncServer({ logger, ...options, dataDir: dir });
  cleanups.push(() => server.close());
  const { url } = await server.listen(0);
  return { server, url, dir, logs: lines };
}

function client(url: string, doc: string, params?: Record<string, string>): TestClient {
  const c = connectClient(url, doc, params);
  cleanups.push(() => c.destroy());
  return c;
}

/** Collects the snapshots of MESSAGE_STORED frames the way the Fokuswerk client reads them. */
function recordStoredAcks(c: TestClient): Y.Snapshot[] {
  const acks: Y.Snapshot[] = [];
  c.provider.messageHandlers[MESSAGE_STORED] = (_encoder, decoder) => {
    acks.push(decodeStoredAck(decoding.readVarUint8Array(decoder)));
  };
  return acks;
}

function frame(...parts: (number | Uint8Array)[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const part of parts) {
    if (typeof part === 'number') {
      encoding.writeVarUint(encoder, part);
    } else {
      encoding.writeVarUint8Array(encoder, part);
    }
  }
  return encoding.toUint8Array(encoder);
}

function userName(observer: TestClient, clientId: number): string | undefined {
  const state = observer.provider.awareness.getStates().get(clientId) as { user?: { name?: string } } | undefined;
  return state?.user?.name;
}

async function textOf(server: SyncServer, name: string, key = 't'): Promise<string> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await server.getDocState(name));
  return doc.getText(key).toString();
}

describe('sync server with the stock y-websocket client', () => {
  it('syncs text and awareness between two providers and removes awareness of a leaving client', async () => {
    const { url } = await startServer();
    const a = client(url, 'group/ag-jugend/proposal/p-1');
    const b = client(url, 'group/ag-jugend/proposal/p-1');
    await Promise.all([a.synced, b.synced]);

    a.doc.getText('t').insert(0, 'Hallo aus A');
    await waitFor(() => b.doc.getText('t').toString() === 'Hallo aus A', 'B sees A');
    b.doc.getText('t').insert(0, 'B: ');
    await waitFor(() => a.doc.getText('t').toString() === 'B: Hallo aus A', 'A sees B');

    a.provider.awareness.setLocalStateField('user', { name: 'Anke' });
    b.provider.awareness.setLocalStateField('user', { name: 'Bernd' });
    await waitFor(() => userName(b, a.doc.clientID) === 'Anke', 'B sees Anke');
    await waitFor(() => userName(a, b.doc.clientID) === 'Bernd', 'A sees Bernd');

    // A third client that joins late gets the awareness states from the server.
    const c = client(url, 'group/ag-jugend/proposal/p-1');
    await c.synced;
    expect(c.doc.getText('t').toString()).toBe('B: Hallo aus A');
    await waitFor(() => c.provider.awareness.getStates().has(a.doc.clientID), 'C sees Anke');

    // Cut B's socket without a goodbye: the server must remove and broadcast B's awareness itself.
    const bSocket = b.provider.ws as unknown as { terminate(): void } | null;
    b.provider.shouldConnect = false;
    bSocket?.terminate();
    await waitFor(() => !a.provider.awareness.getStates().has(b.doc.clientID), 'A no longer sees Bernd');
  });

  it('refuses unknown documents and other protocol versions with code and reason', async () => {
    const { url } = await startServer();
    const unknown = openRawSocket(`${url}/geheim/dokument`);
    expect(await unknown.closed).toEqual({
      code: CloseCode.UnknownDocument,
      reason: 'Unbekanntes Dokument „geheim/dokument“ / unknown document',
    });
    const future = openRawSocket(`${url}/workspace?v=2`);
    expect(await future.closed).toEqual({
      code: CloseCode.ProtocolMismatch,
      reason: 'Protokollversion 2 wird nicht unterstützt (Server: 1) / protocol version 2 not supported',
    });

    // The stock client stops reconnecting on 44xx and reports the reason.
    const stock = client(url, 'nicht-da');
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => stock.provider.once('closed', resolve));
    expect(closed.code).toBe(CloseCode.UnknownDocument);

    const current = client(url, 'workspace', { v: String(SYNC_PROTOCOL_VERSION) });
    await current.synced;
  });

  it('closes only the connection that sends a malformed frame; the document and others are unharmed', async () => {
    const { url, server } = await startServer();
    const a = client(url, 'workspace');
    const b = client(url, 'workspace');
    await Promise.all([a.synced, b.synced]);
    a.doc.getText('t').insert(0, 'intakt');
    await waitFor(() => b.doc.getText('t').toString() === 'intakt', 'B sees text');

    const edit = new Y.Doc();
    edit.getText('t').insert(0, 'XXXXXXXXXXXXXXXX');
    const update = Y.encodeStateAsUpdate(edit);
    const badFrames: [string, Uint8Array | string][] = [
      ['truncated update', frame(0, 2, update.slice(0, update.length - 3))],
      ['update with trailing bytes', frame(0, 2, new Uint8Array([...update, 7]))],
      ['frame cut inside the length', new Uint8Array([0, 2, 0xff])],
      ['unknown message type', frame(9)],
      ['auth message from a client', frame(2, 0)],
      ['unknown sync type', frame(0, 7, new Uint8Array())],
      ['text frame', 'hallo'],
    ];
    for (const [what, bad] of badFrames) {
      const raw = openRawSocket(`${url}/workspace`);
      await raw.opened;
      raw.ws.send(bad);
      const closed = await raw.closed;
      expect(closed.code, what).toBe(CloseCode.MalformedMessage);
      expect(closed.reason, what).toMatch(/^Ungültige Nachricht: .* \/ malformed message$/);
    }

    expect(a.provider.wsconnected && b.provider.wsconnected).toBe(true);
    b.doc.getText('t').insert(6, ' und gesund');
    await waitFor(() => a.doc.getText('t').toString() === 'intakt und gesund', 'A sees B after the attacks');
    expect(await textOf(server, 'workspace')).toBe('intakt und gesund');
  });

  it('sends MESSAGE_STORED covering an edit (and deletions) to caps=stored clients only', async () => {
    const { url } = await startServer();
    const fokus = client(url, 'report/2025', { v: '1', caps: 'stored' });
    const acks = recordStoredAcks(fokus);
    const stockFrames: number[] = [];
    const stock = openRawSocket(`${url}/report/2025`);
    stock.ws.on('message', (data: Buffer) => stockFrames.push(decoding.readVarUint(decoding.createDecoder(data))));
    await Promise.all([fokus.synced, stock.opened]);
    stock.ws.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await waitFor(() => acks.length >= 1, 'initial stored ack');

    fokus.doc.getText('t').insert(0, 'Jahresbericht 2025');
    await waitFor(() => acks.some((ack) => snapshotCovers(ack, Y.snapshot(fokus.doc))), 'ack covering the insert');
    fokus.doc.getText('t').delete(0, 5);
    await waitFor(() => acks.some((ack) => snapshotCovers(ack, Y.snapshot(fokus.doc))), 'ack covering the deletion');

    // The stock socket also writes; it is acknowledged to the Fokuswerk client, never to itself.
    const other = new Y.Doc();
    other.getText('t').insert(0, 'vom Standard-Client ');
    stock.ws.send(encodeSyncUpdate(Y.encodeStateAsUpdate(other)));
    await waitFor(() => fokus.doc.getText('t').toString().includes('vom Standard-Client'), 'edit arrives');
    await waitFor(() => acks.some((ack) => snapshotCovers(ack, Y.snapshot(other))), 'ack covering the stock edit');
    expect(stockFrames.length).toBeGreaterThan(0);
    expect(stockFrames).not.toContain(MESSAGE_STORED);
  });

  it('drops updates from read-only connections: not applied, stored or forwarded', async () => {
    const authorize: Authorize = ({ token }) => ({ access: token === 'lesen' ? 'read-only' : 'read-write' });
    const { url, server, dir, logs } = await startServer({ authorize });
    const writer = client(url, 'workspace', { token: 'schreiben' });
    const reader = client(url, 'workspace', { token: 'lesen' });
    await Promise.all([writer.synced, reader.synced]);

    reader.doc.getText('t').insert(0, 'verboten ');
    // Awareness travels on the same socket after the update, so once the writer sees this marker
    // the server has handled (and dropped) the reader's update.
    reader.provider.awareness.setLocalStateField('marker', 1);
    await waitFor(() => writer.provider.awareness.getStates().get(reader.doc.clientID)?.marker === 1, 'marker');
    writer.doc.getText('t').insert(0, 'erlaubt');
    await waitFor(() => reader.doc.getText('t').toString().includes('erlaubt'), 'reader still receives');

    expect(logs.filter((line) => line.includes('update from read-only connection dropped')).length).toBeGreaterThan(0);
    expect(writer.doc.getText('t').toString()).toBe('erlaubt');
    expect(await textOf(server, 'workspace')).toBe('erlaubt');
    await server.close();
    const store = openDocStore(dir);
    const stored = new Y.Doc();
    for (const update of store.load('workspace').updates) {
      Y.applyUpdate(stored, update);
    }
    await store.close();
    expect(stored.getText('t').toString()).toBe('erlaubt');
  });

  it('refuses connections that authorize denies', async () => {
    const authorize: Authorize = ({ token }) =>
      token === null ? { deny: 'unauthorized' } : { deny: 'forbidden', reason: 'Nur für die AG / members only' };
    const { url } = await startServer({ authorize });
    expect(await openRawSocket(`${url}/workspace`).closed).toEqual({
      code: CloseCode.Unauthorized,
      reason: 'Nicht angemeldet / not authenticated',
    });
    expect(await openRawSocket(`${url}/workspace?token=x`).closed).toEqual({
      code: CloseCode.Forbidden,
      reason: 'Nur für die AG / members only',
    });
  });

  it('seeds once and never again, even after a restart', async () => {
    const seed = new Y.Doc();
    seed.getText('t').insert(0, 'Demo-Arbeitsbereich');
    const seedUpdate = Y.encodeStateAsUpdate(seed);
    const first = await startServer();
    expect(await first.server.seedIfEmpty({ workspace: seedUpdate })).toBe(true);
    expect(await first.server.seedIfEmpty({ workspace: seedUpdate })).toBe(false);
    const c = client(first.url, 'workspace');
    await c.synced;
    expect(c.doc.getText('t').toString()).toBe('Demo-Arbeitsbereich');
    await first.server.close();

    const second = await startServer({ dataDir: first.dir });
    expect(await second.server.seedIfEmpty({ workspace: seedUpdate, 'report/2024': seedUpdate })).toBe(false);
    expect(await textOf(second.server, 'workspace')).toBe('Demo-Arbeitsbereich');
    expect(await textOf(second.server, 'report/2024')).toBe('');
    await expect(second.server.seedIfEmpty({ 'kein/name': seedUpdate })).rejects.toThrow(/unknown document/);
  });

  it('compacts a long log through the server without losing an update', async () => {
    const { url, server, dir, logs } = await startServer({ limits: { compactAfterUpdates: 50 } });
    const c = client(url, 'group/ag-1/index');
    await c.synced;
    const text = c.doc.getText('t');
    for (let i = 0; i < 180; i++) {
      text.insert(text.length, `${i};`);
      // let each edit travel as its own update
      await new Promise((resolve) => setImmediate(resolve));
    }
    const expected = text.toString();
    await waitFor(() => c.provider.synced, 'synced');
    const check = client(url, 'group/ag-1/index');
    await check.synced;
    await waitFor(() => check.doc.getText('t').toString() === expected, 'all edits on the server');
    // Commits and compactions run in the writer thread, after the edits reached the peers: once
    // everything is written, the log does not stay longer than the limit.
    expect(await server.flush()).toBe(true);
    const rows = (): number => {
      const db = new Database(join(dir, DATABASE_FILE), { readonly: true });
      try {
        return (db.prepare("SELECT COUNT(*) AS n FROM doc_updates WHERE doc = 'group/ag-1/index'").get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    await waitFor(() => rows() <= 50, 'the log compacted after the last commit');
    await server.close();

    const store = openDocStore(dir);
    const log = store.load('group/ag-1/index');
    await store.close();
    expect(log.count).toBeLessThanOrEqual(50);
    expect(logs.some((line) => line.includes('document compacted'))).toBe(true);
    const restored = new Y.Doc();
    for (const update of log.updates) {
      Y.applyUpdate(restored, update);
    }
    expect(restored.getText('t').toString()).toBe(expected);
  });

  it('can be mounted on a host http.Server below a path prefix, and answers /healthz standalone', async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const sync = createSyncServer({ dataDir: dir, logger: memoryLogger().logger, pathPrefix: '/sync' });
    cleanups.push(() => sync.close());
    const host: Server = createServer((_req, res) => res.end('host'));
    host.on('upgrade', (req, socket, head) => {
      if (!sync.handleUpgrade(req, socket, head)) {
        socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
      }
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => host.close(() => resolve())));
    const port = (host.address() as AddressInfo).port;

    const c = client(`ws://127.0.0.1:${port}/sync`, 'workspace');
    await c.synced;
    c.doc.getText('t').insert(0, 'montiert');
    await waitFor(() => c.provider.synced, 'synced');
    await expect(openRawSocket(`ws://127.0.0.1:${port}/other/workspace`).opened).rejects.toThrow();

    const standalone = await startServer();
    const base = standalone.url.replace('ws://', 'http://');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${base}/workspace`)).status).toBe(404);
  });

  it('drops connections that stop answering pings, and removes their awareness', async () => {
    const { url, logs } = await startServer({ limits: { pingIntervalMs: 50 } });
    const alive = client(url, 'workspace');
    const dead = client(url, 'workspace');
    await Promise.all([alive.synced, dead.synced]);
    dead.provider.awareness.setLocalStateField('user', { name: 'Dora' });
    await waitFor(() => userName(alive, dead.doc.clientID) === 'Dora', 'alive sees Dora');
    // A paused socket reads nothing, so it never answers a ping: like a vanished network.
    (dead.provider.ws as unknown as { pause(): void }).pause();
    await waitFor(() => logs.some((line) => line.includes('connection timed out')), 'server drops the dead socket');
    await waitFor(() => !alive.provider.awareness.getStates().has(dead.doc.clientID), 'Dora removed');
    expect(alive.provider.wsconnected).toBe(true);
  });

  it('closes clients with 1001 and keeps their last edits on close()', async () => {
    const { url, server, dir } = await startServer();
    const raw = openRawSocket(`${url}/report/2030`);
    await raw.opened;
    const edit = new Y.Doc();
    edit.getText('t').insert(0, 'letzte Änderung');
    raw.ws.send(encodeSyncUpdate(Y.encodeStateAsUpdate(edit)));
    raw.ws.send(encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await waitFor(() => raw.frames.length >= 2, 'server answered');
    await server.close();
    expect((await raw.closed).code).toBe(CloseCode.GoingAway);
    const reopened = await startServer({ dataDir: dir });
    expect(await textOf(reopened.server, 'report/2030')).toBe('letzte Änderung');
  });
});
