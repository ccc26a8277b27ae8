import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../shared/sync/protocol.js';
import type { SyncExtension } from './extension.js';
import { useFixture } from './extensions/test-fixture.js';
import { openDocStore } from './persistence.js';
import { createSyncServer } from './server.js';
import { memoryLogger, openRawSocket, recordAccess, tempDir, waitFor } from './test-support.js';

const fixture = useFixture();

/** An extension that records every hook call as one line. */
function recorder(): { extension: SyncExtension; calls: string[] } {
  const calls: string[] = [];
  const extension: SyncExtension = {
    name: 'recorder',
    onConfigure: () => calls.push('configure'),
    onServe: () => calls.push('serve'),
    onAuthorize: ({ docName }, grant) => {
      calls.push(`authorize ${docName} ${grant.access}`);
      return undefined;
    },
    onConnect: ({ docName }) => {
      calls.push(`connect ${docName}`);
      return undefined;
    },
    onConnected: ({ docName }) => calls.push(`connected ${docName}`),
    onDisconnect: ({ docName }) => calls.push(`disconnect ${docName}`),
    onRoomLoaded: (room) => calls.push(`loaded ${room.name}`),
    onRoomUnloaded: (room) => calls.push(`unloaded ${room.name}`),
    onCommitted: (writes) => {
      for (const write of writes) {
        const doc = new Y.Doc();
        Y.applyUpdate(doc, write.update);
        calls.push(`committed ${write.doc} ${doc.getText('t').toString()}`);
      }
    },
    onClose: () => {
      calls.push('close');
    },
  };
  return { extension, calls };
}

describe('SyncExtension hooks (real server, real sockets)', () => {
  it('are called through a connection’s whole life, in order', async () => {
    const { extension, calls } = recorder();
    const { server, url } = await fixture.start({ extensions: [extension], limits: { unloadAfterMs: 10 } });
    expect(calls).toEqual(['configure', 'serve']);
    const c = fixture.client(url, 'report/2025');
    await c.synced;
    c.doc.getText('t').insert(0, 'hallo');
    await waitFor(() => calls.includes('committed report/2025 hallo'), 'the commit');
    c.destroy();
    await waitFor(() => calls.includes('unloaded report/2025'), 'unload');
    await server.close();
    expect(calls).toEqual([
      'configure',
      'serve',
      'authorize report/2025 read-write',
      'connect report/2025',
      'loaded report/2025',
      'connected report/2025',
      'committed report/2025 hallo',
      'disconnect report/2025',
      'unloaded report/2025',
      'close',
    ]);
  });

  it('let an extension veto a granted connection, or refuse it with its own code', async () => {
    const gate: SyncExtension = {
      name: 'gate',
      onAuthorize: ({ docName }) => (docName === 'datasets' ? { deny: 'forbidden', reason: 'nur mit Freigabe' } : undefined),
      onConnect: ({ docName }) => (docName === 'report/1999' ? { code: CloseCode.TooManyConnections, reason: 'später' } : undefined),
    };
    const { url } = await fixture.start({ extensions: [gate] });
    expect(await openRawSocket(`${url}/datasets`).closed).toEqual({ code: CloseCode.Forbidden, reason: 'nur mit Freigabe' });
    expect(await openRawSocket(`${url}/report/1999`).closed).toEqual({ code: CloseCode.TooManyConnections, reason: 'später' });
    const allowed = fixture.client(url, 'report/2025');
    await allowed.synced;
  });

  it('let one extension supply the access decision; a second one is refused at assembly', async () => {
    const readOnly: SyncExtension = { name: 'read-only', authorize: () => ({ access: 'read-only' }) };
    const { url } = await fixture.start({ extensions: [readOnly] });
    const c = fixture.client(url, 'report/2025', { v: '1', caps: 'access' });
    const announced = recordAccess(c);
    await c.synced;
    expect(announced).toEqual(['read-only']);
    const { dir, remove } = tempDir('fokuswerk-ext-');
    fixture.later(remove);
    expect(() => createSyncServer({ dataDir: dir, logger: memoryLogger().logger, extensions: [readOnly], auth: true })).toThrow(TypeError);
  });

  it('serve an extension’s HTTP route below the path prefix next to the built-in ones', async () => {
    const clock: SyncExtension = {
      name: 'clock',
      onRequest: (req, res, path) => {
        if (path !== '/clock' || req.method !== 'GET') {
          return false;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ now: 42 }));
        return true;
      },
    };
    const { httpUrl } = await fixture.start({ extensions: [clock], pathPrefix: '/sync' });
    expect(await (await fetch(`${httpUrl}/clock`)).json()).toEqual({ now: 42 });
    expect((await fetch(`${httpUrl}/healthz`)).status).toBe(200);
    expect((await fetch(`${httpUrl}/nothing`)).status).toBe(404);
  });

  it('keep a commit committed when an onCommitted hook throws: no retry, no second write', async () => {
    let calls = 0;
    const faulty: SyncExtension = {
      name: 'faulty',
      onCommitted: () => {
        calls += 1;
        throw new Error('kaputt');
      },
    };
    const { server, url, dir, logs } = await fixture.start({ extensions: [faulty] });
    const c = fixture.client(url, 'report/2025');
    await c.synced;
    c.doc.getText('t').insert(0, 'einmal');
    await waitFor(() => calls === 1, 'the commit');
    await new Promise((resolve) => setTimeout(resolve, 1_300)); // longer than the room's write retry
    expect(calls).toBe(1);
    expect(logs.some((line) => line.includes('extension hook failed'))).toBe(true);
    await server.close();
    const store = openDocStore(dir);
    try {
      expect(store.count('report/2025')).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('allow only one extension to supply the document store, and free the data directory on that error', () => {
    const { dir, remove } = tempDir('fokuswerk-ext-');
    fixture.later(remove);
    const one = tempDir('fokuswerk-ext-');
    fixture.later(one.remove);
    const store = openDocStore(one.dir);
    fixture.later(() => store.close());
    const extensions = [
      { name: 'a', docStore: store },
      { name: 'b', docStore: store },
    ];
    expect(() => createSyncServer({ dataDir: dir, logger: memoryLogger().logger, extensions })).toThrow(TypeError);
    const next = createSyncServer({ dataDir: dir, logger: memoryLogger().logger });
    fixture.later(() => next.close());
  });
});
