/**
 * The sync benchmark's workload: N stock y-websocket clients over M documents, each typing at a
 * human rate (one character every 1000/rate ms, ±50 % jitter, now and then a backspace) and moving
 * its cursor in awareness with every keystroke, as the editor does.
 *
 * Propagation latency is measured without touching the payload: all clients live in this process,
 * so when client A inserts, we note (A's clientID, A's new clock, time); when a peer's document
 * receives a remote update, its state vector says up to which clock it now has A's edits, and each
 * edit that became visible yields one sample "edit → arrival at that peer". Only inserts are
 * measured (deletions do not advance a clock). For our server the MESSAGE_STORED acknowledgements
 * give, the same way, the time from an edit to the server's confirmation that it is durable.
 */
import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MESSAGE_STORED } from '../../shared/sync/protocol.js';
import { decodeStoredAck } from '../../shared/sync/stored.js';
import { seededRandom } from '../../shared/seeded-random.js';
import { sendOwnAwarenessOnly } from '../../shared/sync/awareness-echo.js';

/** Parameters of one workload run. */
export interface WorkloadOptions {
  clients: number;
  docs: number;
  /** Characters per second and client (mean). */
  rate: number;
  /** Seconds of typing that are measured (after the warm-up). */
  durationSec: number;
  warmupSec: number;
  /** Extra URL parameters (protocol version, capabilities, token) per client index. */
  params: (clientIndex: number) => Record<string, string>;
  /** Listen for MESSAGE_STORED acknowledgements. */
  storedAcks: boolean;
  /** Called when the measured window opens and closes (to sample the server process). */
  onWindow?: (phase: 'start' | 'end') => void;
}

/** Figures of one workload run. */
export interface WorkloadResult {
  connectMs: number;
  edits: number;
  editsPerSec: number;
  /** Remote edits that arrived at a peer within the window (one per edit and peer). */
  deliveries: number;
  deliveriesPerSec: number;
  /** Measured edits that some peer had still not received 5 s after typing stopped. */
  undelivered: number;
  latencyMs: Percentiles;
  storedAckMs?: Percentiles;
  /** Measured edits never acknowledged as stored (our server only). */
  unacknowledged?: number;
  /** How late the bench's own timers fired (p99): client-side delay included in the latencies. */
  clientLoopLagP99Ms: number;
  reconnects: number;
}

/** p50/p95/p99/max of a sample, in ms with 0.1 ms resolution. */
export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(values: number[]): Percentiles {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number): number => {
    const v = sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
    return Math.round(v * 10) / 10;
  };
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

interface Edit {
  /** The sender's clock after the insert: a peer has it when its state vector reaches this. */
  clock: number;
  at: number;
  measured: boolean;
}

interface BenchClient {
  index: number;
  /** Seeded per client, so that both servers get the same keystrokes at the same offsets. */
  random: () => number;
  doc: Y.Doc;
  text: Y.Text;
  provider: WebsocketProvider;
  edits: Edit[];
  /** Per peer clientID: index of the first edit of that peer not yet seen here. */
  seen: Map<number, number>;
  /** Index of the first own edit not yet acknowledged as stored. */
  acked: number;
  timer: NodeJS.Timeout | null;
  reconnects: number;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz äöüß.,';

/** Runs the workload against the server at `url`; resolves when typing stopped and peers drained. */
export async function runWorkload(url: string, options: WorkloadOptions): Promise<WorkloadResult> {
  const byDoc: BenchClient[][] = Array.from({ length: options.docs }, () => []);
  const clients: BenchClient[] = [];
  let measuring = false;
  const latencies: number[] = [];
  const ackLatencies: number[] = [];
  const lags: number[] = [];
  let deliveries = 0;

  const connectStart = performance.now();
  for (let i = 0; i < options.clients; i++) {
    const docIndex = i % options.docs;
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(url, `group/bench/proposal/p-${docIndex}`, doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: options.params(i),
      maxBackoffTime: 500,
    });
    // Like the app (doc-connection.ts), for both servers: no echo of received awareness.
    sendOwnAwarenessOnly(provider);
    const client: BenchClient = {
      index: i,
      random: seededRandom(i + 1),
      doc,
      text: doc.getText('body'),
      provider,
      edits: [],
      seen: new Map(),
      acked: 0,
      timer: null,
      reconnects: 0,
    };
    let connectedOnce = false;
    provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') {
        if (connectedOnce) {
          client.reconnects += 1;
        }
        connectedOnce = true;
      }
    });
    const peers = byDoc[docIndex]!;
    doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin !== provider) {
        return;
      }
      const now = performance.now();
      for (const peer of peers) {
        if (peer === client) {
          continue;
        }
        const have = Y.getState(doc.store, peer.doc.clientID);
        let next = client.seen.get(peer.doc.clientID) ?? 0;
        while (next < peer.edits.length && peer.edits[next]!.clock <= have) {
          const edit = peer.edits[next]!;
          if (edit.measured) {
            latencies.push(now - edit.at);
            deliveries += 1;
          }
          next += 1;
        }
        client.seen.set(peer.doc.clientID, next);
      }
    });
    if (options.storedAcks) {
      provider.messageHandlers[MESSAGE_STORED] = (_encoder, decoder) => {
        const stored = decodeStoredAck(decoding.readVarUint8Array(decoder));
        const have = stored.sv.get(doc.clientID) ?? 0;
        const now = performance.now();
        while (client.acked < client.edits.length && client.edits[client.acked]!.clock <= have) {
          const edit = client.edits[client.acked]!;
          if (edit.measured) {
            ackLatencies.push(now - edit.at);
          }
          client.acked += 1;
        }
      };
    }
    peers.push(client);
    clients.push(client);
  }
  await Promise.all(
    clients.map(
      (client) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`client ${client.index} not synced after 60 s (${url})`)), 60_000);
          const done = (): void => {
            clearTimeout(timer);
            resolve();
          };
          if (client.provider.synced) {
            done();
          } else {
            client.provider.once('sync', done);
          }
        }),
    ),
  );
  const connectMs = performance.now() - connectStart;

  const meanGap = 1000 / options.rate;
  const type = (client: BenchClient): void => {
    const { text, random } = client;
    if (text.length > 0 && random() < 0.1) {
      text.delete(Math.floor(random() * text.length), 1);
    } else {
      const char = ALPHABET[Math.floor(random() * ALPHABET.length)]!;
      // Typing happens at a cursor: mostly near the end of the text, sometimes anywhere.
      const index = random() < 0.8 ? text.length : Math.floor(random() * (text.length + 1));
      text.insert(index, char);
      client.edits.push({ clock: Y.getState(client.doc.store, client.doc.clientID), at: performance.now(), measured: measuring });
      client.provider.awareness.setLocalStateField('cursor', { index: index + 1 });
    }
  };
  const schedule = (client: BenchClient): void => {
    const gap = meanGap * (0.5 + client.random());
    const due = performance.now() + gap;
    client.timer = setTimeout(() => {
      lags.push(performance.now() - due);
      type(client);
      schedule(client);
    }, gap);
  };
  for (const client of clients) {
    client.provider.awareness.setLocalStateField('user', { name: `Bench ${client.index}` });
    // Random phase so that clients do not type in lock-step.
    client.timer = setTimeout(() => schedule(client), client.random() * meanGap);
  }

  await sleep(options.warmupSec * 1000);
  const reconnectsBefore = clients.reduce((sum, c) => sum + c.reconnects, 0);
  lags.length = 0;
  options.onWindow?.('start');
  measuring = true;
  const windowStart = performance.now();
  await sleep(options.durationSec * 1000);
  measuring = false;
  options.onWindow?.('end');
  const windowSec = (performance.now() - windowStart) / 1000;
  const deliveredInWindow = deliveries;
  for (const client of clients) {
    if (client.timer !== null) {
      clearTimeout(client.timer);
    }
  }
  const measuredEdits = clients.reduce((sum, c) => sum + c.edits.filter((e) => e.measured).length, 0);
  const expectedDeliveries = clients.reduce(
    (sum, c) => sum + c.edits.filter((e) => e.measured).length * (byDoc[c.index % options.docs]!.length - 1),
    0,
  );
  const drainStart = performance.now();
  while (deliveries < expectedDeliveries && performance.now() - drainStart < 5_000) {
    await sleep(50);
  }
  if (options.storedAcks) {
    while (performance.now() - drainStart < 5_000 && clients.some((c) => c.acked < c.edits.length)) {
      await sleep(50);
    }
  }
  const reconnects = clients.reduce((sum, c) => sum + c.reconnects, 0) - reconnectsBefore;
  for (const client of clients) {
    client.provider.destroy();
    client.doc.destroy();
  }

  const result: WorkloadResult = {
    connectMs: Math.round(connectMs),
    edits: measuredEdits,
    editsPerSec: round1(measuredEdits / windowSec),
    deliveries: deliveredInWindow,
    deliveriesPerSec: round1(deliveredInWindow / windowSec),
    undelivered: expectedDeliveries - deliveries,
    latencyMs: percentiles(latencies),
    clientLoopLagP99Ms: percentiles(lags).p99,
    reconnects,
  };
  if (options.storedAcks) {
    result.storedAckMs = percentiles(ackLatencies);
    result.unacknowledged = clients.reduce((sum, c) => sum + c.edits.slice(c.acked).filter((e) => e.measured).length, 0);
  }
  return result;
}


function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
