/**
 * Sync benchmark, `npm run bench:sync [-- --clients 150 --docs 30 --duration 30 …]`.
 *
 * Runs the same workload (sync-workload.ts: stock y-websocket clients typing at a human rate over
 * real WebSockets) first against our sync server (sync-server/cli.ts as its own process, durable
 * SQLite persistence, accounts and tokens (--auth), stored acknowledgements on) and then against the reference y-websocket
 * server (@y/websocket-server, in memory, no auth), and prints ONE JSON object: both servers'
 * propagation latency p50/p95/p99, deliveries/s, server CPU and peak RSS, our figures as ratios to
 * the reference, and whether the aims hold (p99 < 50 ms, throughput ≥ reference, RSS < 300 MB).
 * Progress goes to stderr as log lines. Not part of `npm test`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { processLogger } from '../../shared/log.js';
import { runAdminCommand } from '../../sync-server/admin/commands.js';
import { benchArgs } from './bench-args.js';
import { sampleProcess, startOurServer, startReferenceServer, type ServerProcess } from './sync-processes.js';
import { runWorkload, type WorkloadOptions, type WorkloadResult } from './sync-workload.js';

const USAGE = `Aufruf / usage: npm run bench:sync -- [--clients 150] [--docs 30] [--peers-per-doc 5,10,40] [--duration 30] [--warmup 3] [--rate 4] [--only fokuswerk|reference]
  --clients   simulierte Clients / simulated clients
  --docs      Dokumente, auf die sie verteilt werden / documents they are spread over
  --peers-per-doc  statt --docs: je Wert ein Lauf mit so vielen Clients je Dokument (Dokumente =
              Clients / Wert, gerundet; ab 40 ein Dokument: ein Workshop) / instead of --docs: one
              run per value with that many clients per document (documents = clients / value,
              rounded; from 40 on one document: one workshop)
  --duration  gemessene Sekunden / measured seconds
  --warmup    Sekunden Tippen vor der Messung / seconds of typing before measuring
  --rate      Zeichen pro Sekunde und Client (Mittel) / characters per second and client (mean)
  --only      nur einen der beiden Server messen / measure only one of the two servers`;

interface ServerFigures extends WorkloadResult {
  server: { cpuPercentOfOneCore: number; cpuSeconds: number; peakRssMb: number; cpuMicrosPerDelivery: number };
  /** 1-minute load average when the window opened: other work on the machine skews latencies. */
  machineLoadAvg1m: number;
}

const logger = processLogger(process, { bench: 'sync' });

type Workload = Omit<WorkloadOptions, 'params' | 'storedAcks'>;

function parseOptions(): { workload: Workload; peersPerDoc: number[] | null; only: string | undefined } {
  const { values, number } = benchArgs(
    {
      clients: { type: 'string', default: '150' },
      docs: { type: 'string', default: '30' },
      'peers-per-doc': { type: 'string' },
      duration: { type: 'string', default: '30' },
      warmup: { type: 'string', default: '3' },
      rate: { type: 'string', default: '4' },
      only: { type: 'string' },
    },
    USAGE,
  );
  if (values.only !== undefined && values.only !== 'fokuswerk' && values.only !== 'reference') {
    process.stderr.write(`--only erwartet fokuswerk oder reference / --only expects fokuswerk or reference\n\n${USAGE}\n`);
    process.exit(2);
  }
  const clients = number('clients', values.clients, 2);
  const peersPerDoc =
    values['peers-per-doc'] === undefined
      ? null
      : values['peers-per-doc'].split(',').map((value) => number('peers-per-doc', value.trim(), 2));
  return {
    peersPerDoc,
    workload: {
      clients,
      docs: Math.min(number('docs', values.docs, 1), Math.floor(clients / 2)),
      durationSec: number('duration', values.duration, 1),
      warmupSec: number('warmup', values.warmup, 0),
      rate: number('rate', values.rate, 0.1),
    },
    only: values.only,
  };
}

/**
 * Provisions accounts with the admin command's own code: working group `bench`, one member account
 * per client (the server limits connections per user), and a token for each.
 */
async function provisionAccounts(dataDir: string, clients: number): Promise<string[]> {
  const ignore = (): void => {};
  await runAdminCommand(dataDir, { name: 'create-group', groupId: 'bench', displayName: 'Bench' }, ignore);
  const tokens: string[] = [];
  for (let i = 0; i < clients; i++) {
    const login = `bench-${i}`;
    await runAdminCommand(dataDir, { name: 'create-user', login, displayName: `Bench ${i}`, role: 'member' }, ignore);
    await runAdminCommand(dataDir, { name: 'add-member', groupId: 'bench', login, lead: false }, ignore);
    let last = '';
    await runAdminCommand(dataDir, { name: 'issue-token', login }, (line) => {
      last = line;
    });
    tokens.push(last);
  }
  return tokens;
}

async function measure(
  server: ServerProcess,
  options: Omit<WorkloadOptions, 'params' | 'storedAcks'>,
  fokuswerk: boolean,
  tokens: readonly string[] = [],
): Promise<ServerFigures> {
  let start = sampleProcess(server.pid);
  let end = start;
  let windowStart = 0;
  let windowSec = 0;
  let load = 0;
  const result = await runWorkload(server.url, {
    ...options,
    // Our app's clients announce the protocol version and ask for stored acknowledgements.
    params: (i): Record<string, string> =>
      fokuswerk ? { v: '1', caps: 'stored', ...(tokens[i] === undefined ? {} : { token: tokens[i] }) } : {},
    storedAcks: fokuswerk,
    onWindow: (phase) => {
      if (phase === 'start') {
        start = sampleProcess(server.pid);
        load = loadavg()[0] ?? Number.NaN;
        windowStart = performance.now();
      } else {
        end = sampleProcess(server.pid);
        windowSec = (performance.now() - windowStart) / 1000;
      }
    },
  });
  const cpuSeconds = end.cpuSeconds - start.cpuSeconds;
  const peakRssMb = sampleProcess(server.pid).peakRssMb;
  return {
    ...result,
    server: {
      cpuPercentOfOneCore: Math.round((cpuSeconds / windowSec) * 1000) / 10,
      cpuSeconds: Math.round(cpuSeconds * 100) / 100,
      peakRssMb: Math.round(peakRssMb * 10) / 10,
      cpuMicrosPerDelivery: result.deliveries === 0 ? Number.NaN : Math.round((cpuSeconds / result.deliveries) * 1e7) / 10,
    },
    machineLoadAvg1m: load,
  };
}

function ratio(ours: number, reference: number): number {
  return reference === 0 ? Number.NaN : Math.round((ours / reference) * 100) / 100;
}

/** One workload against both servers (or the one chosen with --only): figures, ratios and aims. */
async function compare(workload: Workload, only: string | undefined): Promise<Record<string, unknown>> {
  const output: Record<string, unknown> = {};
  let ours: ServerFigures | undefined;
  let reference: ServerFigures | undefined;

  if (only !== 'reference') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'fokuswerk-bench-'));
    const tokens = await provisionAccounts(dataDir, workload.clients);
    const server = await startOurServer(dataDir, ['--auth']);
    try {
      logger.info('workload against our server', { url: server.url, ...workload });
      ours = await measure(server, workload, true, tokens);
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
    output.fokuswerk = {
      ...ours,
      setup:
        'sync-server/cli.ts --auth (one member account and token per client), SQLite WAL synchronous=FULL, group commit, MESSAGE_STORED acks, validation, limits, awareness stamping',
    };
  }
  if (only !== 'fokuswerk') {
    const server = await startReferenceServer();
    try {
      logger.info('workload against the reference server', { url: server.url, ...workload });
      reference = await measure(server, workload, false);
    } finally {
      await server.stop();
    }
    output.reference = { ...reference, setup: '@y/websocket-server 0.1.1 (its own bin), in memory, no auth' };
  }
  if (ours !== undefined && reference !== undefined) {
    output.ratios = {
      latencyP50: ratio(ours.latencyMs.p50, reference.latencyMs.p50),
      latencyP95: ratio(ours.latencyMs.p95, reference.latencyMs.p95),
      latencyP99: ratio(ours.latencyMs.p99, reference.latencyMs.p99),
      deliveriesPerSec: ratio(ours.deliveriesPerSec, reference.deliveriesPerSec),
      serverCpu: ratio(ours.server.cpuSeconds, reference.server.cpuSeconds),
      cpuPerDelivery: ratio(ours.server.cpuMicrosPerDelivery, reference.server.cpuMicrosPerDelivery),
      peakRss: ratio(ours.server.peakRssMb, reference.server.peakRssMb),
    };
  }
  if (ours !== undefined) {
    output.aims = {
      p99Under50ms: ours.latencyMs.p99 < 50,
      throughputNotBelowReference: reference === undefined ? null : ours.deliveriesPerSec >= reference.deliveriesPerSec * 0.98,
      peakRssUnder300Mb: ours.server.peakRssMb < 300,
      nothingLost: ours.undelivered === 0 && ours.unacknowledged === 0,
    };
  }
  return output;
}

/**
 * The aims of issue 14 for one --peers-per-doc run: with 10 people in a document our p99 and CPU
 * per delivered update within 1.25× the reference's; a workshop (40 in one document) under 50 ms
 * p99 propagation and 100 ms p99 until "Gespeichert"; nothing lost anywhere.
 */
const WORKSHOP_PEERS = 40;

function peerAims(peers: number, run: Record<string, unknown>): Record<string, boolean | null> {
  const ours = run.fokuswerk as ServerFigures | undefined;
  const ratios = run.ratios as { latencyP99: number; cpuPerDelivery: number } | undefined;
  if (ours === undefined) {
    return {};
  }
  const aims: Record<string, boolean | null> = {
    nothingLost: ours.undelivered === 0 && ours.unacknowledged === 0,
  };
  if (peers === 10) {
    aims.p99AtMost1_25xReference = ratios === undefined ? null : ratios.latencyP99 <= 1.25;
    aims.cpuPerDeliveryAtMost1_25xReference = ratios === undefined ? null : ratios.cpuPerDelivery <= 1.25;
  }
  if (peers >= WORKSHOP_PEERS) {
    aims.p99Under50ms = ours.latencyMs.p99 < 50;
    aims.storedAckP99Under100ms = ours.storedAckMs === undefined ? null : ours.storedAckMs.p99 < 100;
  }
  return aims;
}

async function main(): Promise<void> {
  // Every y-websocket provider adds a process 'exit' listener; 150 of them are expected here.
  process.setMaxListeners(0);
  const { workload, peersPerDoc, only } = parseOptions();
  if (peersPerDoc === null) {
    const output = { config: { ...workload, node: process.version, cpus: cpus().length }, ...(await compare(workload, only)) };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return;
  }
  const runs: Record<string, unknown>[] = [];
  for (const peers of peersPerDoc) {
    // 40 and more is one workshop: one document. Four of them (160 clients, ~50,000 frames/s to
    // decode) would measure the load generator, which runs all clients in this one process and
    // then lags by hundreds of milliseconds itself (clientLoopLagP99Ms shows it).
    const docs = peers >= WORKSHOP_PEERS ? 1 : Math.max(1, Math.round(workload.clients / peers));
    const run = await compare({ ...workload, docs, clients: docs * peers }, only);
    const ours = run.fokuswerk as ServerFigures | undefined;
    const reference = run.reference as ServerFigures | undefined;
    runs.push({
      peersPerDoc: peers,
      docs,
      clients: docs * peers,
      summary: {
        p99Ms: { fokuswerk: ours?.latencyMs.p99, reference: reference?.latencyMs.p99 },
        storedAckMs: ours?.storedAckMs === undefined ? undefined : { p50: ours.storedAckMs.p50, p99: ours.storedAckMs.p99 },
        cpuMicrosPerDelivery: { fokuswerk: ours?.server.cpuMicrosPerDelivery, reference: reference?.server.cpuMicrosPerDelivery },
      },
      ...run,
      aims: { ...(run.aims as object | undefined), ...peerAims(peers, run) },
    });
  }
  const output = { config: { ...workload, peersPerDoc, node: process.version, cpus: cpus().length }, runs };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    logger.error('benchmark failed', { error });
    process.stderr.write(`Benchmark fehlgeschlagen / benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
