import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createSyncServer } from '../../sync-server/server.js';
import { connectClient, memoryLogger, seededRandom, tempDir, testSeed, waitFor, type TestClient } from '../../sync-server/test-support.js';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup();
  }
});

/** A TCP proxy in front of the server for one client; cut() drops its connections and refuses new ones. */
interface Proxy {
  port: number;
  cut(): void;
  restore(): void;
  readonly isCut: boolean;
  close(): Promise<void>;
}

async function startProxy(upstreamPort: number): Promise<Proxy> {
  const sockets = new Set<Socket>();
  let isCut = false;
  const server: Server = createServer((downstream) => {
    if (isCut) {
      downstream.destroy();
      return;
    }
    const upstream = connect(upstreamPort, '127.0.0.1');
    for (const [a, b] of [
      [downstream, upstream],
      [upstream, downstream],
    ] as const) {
      sockets.add(a);
      a.on('error', () => b.destroy());
      a.on('close', () => {
        sockets.delete(a);
        b.destroy();
      });
      a.pipe(b);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get isCut() {
      return isCut;
    },
    cut() {
      isCut = true;
      for (const socket of sockets) {
        socket.destroy();
      }
    },
    restore() {
      isCut = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => resolve());
      }),
  };
}

/** One random edit of text, map or array. */
function randomEdit(doc: Y.Doc, random: () => number, label: string): void {
  const text = doc.getText('t');
  const roll = random();
  if (roll < 0.5 || text.length === 0) {
    text.insert(Math.floor(random() * (text.length + 1)), `${label};`);
  } else if (roll < 0.7) {
    const from = Math.floor(random() * text.length);
    text.delete(from, Math.min(text.length - from, 1 + Math.floor(random() * 5)));
  } else if (roll < 0.9) {
    doc.getMap('m').set(`k${Math.floor(random() * 8)}`, label);
  } else {
    doc.getArray('a').insert(0, [label]);
  }
}

function contentOf(doc: Y.Doc): string {
  // Map entries sorted: each replica keeps its own insertion order of keys.
  const map = Object.entries(doc.getMap('m').toJSON()).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify({ t: doc.getText('t').toString(), m: map, a: doc.getArray('a').toJSON() });
}

describe('random network partitions', () => {
  it('end with identical documents on every client and the server', async () => {
    const seed = testSeed('partitions');
    const random = seededRandom(seed);
    const { dir, remove } = tempDir();
    const server = createSyncServer({ dataDir: dir, logger: memoryLogger().logger });
    cleanups.push(remove, () => server.close());
    const { port } = await server.listen(0);
    const DOC = 'group/ag-netz/proposal/p-1';
    const clients: { proxy: Proxy; client: TestClient }[] = [];
    for (let i = 0; i < 4; i++) {
      const proxy = await startProxy(port);
      const client = connectClient(`ws://127.0.0.1:${proxy.port}`, DOC);
      cleanups.push(() => proxy.close(), () => client.destroy());
      clients.push({ proxy, client });
    }
    await Promise.all(clients.map(({ client }) => client.synced));

    for (let step = 0; step < 200; step++) {
      const pick = clients[Math.floor(random() * clients.length)]!;
      if (random() < 0.08) {
        if (pick.proxy.isCut) {
          pick.proxy.restore();
        } else {
          pick.proxy.cut();
        }
      }
      randomEdit(pick.client.doc, random, `c${clients.indexOf(pick)}s${step}`);
      await new Promise((resolve) => setTimeout(resolve, random() < 0.9 ? 0 : 15));
    }
    for (const { proxy } of clients) {
      proxy.restore();
    }

    const serverContent = async (): Promise<string> => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, await server.getDocState(DOC));
      return contentOf(doc);
    };
    let last = '';
    const converged = async (): Promise<boolean> => {
      const contents = [...clients.map(({ client }) => contentOf(client.doc)), await serverContent()];
      const vectors = clients.map(({ client }) => Buffer.from(Y.encodeStateVector(client.doc)).toString('hex'));
      last = `${new Set(contents).size} distinct contents, state vectors ${vectors.join(' ')}`;
      return new Set(contents).size === 1 && new Set(vectors).size === 1;
    };
    const deadline = Date.now() + 15_000;
    while (!(await converged())) {
      if (Date.now() > deadline) {
        const links = clients.map(({ client }) => (client.provider.wsconnected ? 'connected' : 'offline')).join(', ');
        throw new Error(`no convergence within 15 s (seed ${seed}): ${last}; clients ${links}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await waitFor(() => clients.every(({ client }) => client.provider.wsconnected), 'all reconnected');
    expect(clients[0]!.client.doc.getText('t').length, `seed ${seed}`).toBeGreaterThan(0);
  });
});
