/**
 * Workshop benchmark, `npm run bench:workshop [-- --participants 40 --cards 3 --dots 3 --rate 1 --ramp 40,80,160,320]`.
 *
 * Our sync server runs as its own process (durable SQLite). Per round, one session: N simulated
 * participants join by code, open the public document like their devices do, write cards and then
 * cast dots over raw HTTP at a human-like random rate, while a projector client watches the public
 * document. Measured: time from sending a card or dot to the projector seeing the revision that
 * holds it (each action's answer names that revision), p50/p95/p99; server CPU and peak RSS (from
 * /proc); whether anything was lost (the projector's final card and dot totals). The ramp goes up
 * until p95 passes 1 s (or its last step). Prints ONE JSON object with an `aims` object; progress
 * goes to stderr. Not part of `npm test`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { readPublicWorkshop, WorkshopPath, type JoinResponse, type WorkshopAction } from '../../shared/docs/workshop/index.js';
import { createLogger } from '../../shared/log.js';
import { connectClient, type TestClient } from '../../sync-server/test-support.js';
import { benchArgs } from './bench-args.js';
import { sampleProcess, startOurServer } from './sync-processes.js';

const USAGE = `Aufruf / usage: npm run bench:workshop -- [--participants 40] [--cards 3] [--dots 3] [--rate 1] [--ramp 40,80,160,320]
  --participants  Teilnehmende der Hauptmessung / participants of the main measurement
  --cards         Karten je Person / cards per person
  --dots          Punkte je Person / dots per person
  --rate          Aktionen je Person und Sekunde (Mittel) / actions per person and second (mean)
  --ramp          weitere Stufen, bis p95 1 s überschreitet / further steps until p95 passes 1 s ('' = none)
  --device-docs   wie viele Geräte das öffentliche Dokument offen halten (Standard: alle) / devices holding the document open (default: all);
                  alle Geräte laufen in diesem einen Prozess, der bei großen Stufen selbst zum Engpass wird / all run in this one process`;

const logger = createLogger((line) => process.stderr.write(line), 'info', { bench: 'workshop' });

interface RoundResult {
  participants: number;
  actions: number;
  refused: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** Until the HTTP answer arrived (the action is committed then), for comparison. */
  answerMs: { p50: number; p95: number; p99: number };
  lost: number;
  durationSec: number;
  server: { cpuPercentOfOneCore: number; cpuSeconds: number; peakRssMb: number };
  machineLoadAvg1m: number;
}

function options() {
  const { values, number } = benchArgs(
    {
      participants: { type: 'string', default: '40' },
      cards: { type: 'string', default: '3' },
      dots: { type: 'string', default: '3' },
      rate: { type: 'string', default: '1' },
      ramp: { type: 'string', default: '80,160,320' },
      'device-docs': { type: 'string', default: 'all' },
    },
    USAGE,
  );
  return {
    participants: number('participants', values.participants, 1),
    cards: number('cards', values.cards, 1),
    dots: number('dots', values.dots, 0),
    rate: number('rate', values.rate, 0.05),
    /** How many participants' devices hold the public document open (all: realistic; fewer: less load on this benchmark process). */
    deviceDocs: values['device-docs'] === 'all' ? Number.POSITIVE_INFINITY : number('device-docs', values['device-docs'], 0),
    ramp: values.ramp
      .split(',')
      .filter((step) => step.trim() !== '')
      .map((step) => number('ramp', step, 1)),
  };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Exponentially distributed pause with the given mean (Poisson arrivals, like people acting independently). */
const pause = (meanMs: number): Promise<void> => sleep(-Math.log(1 - Math.random()) * meanMs);

async function post<T>(base: string, route: string, body: unknown, token?: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${base}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function runRound(wsUrl: string, pid: number, n: number, opts: ReturnType<typeof options>): Promise<RoundResult> {
  const base = wsUrl.replace(/^ws/, 'http');
  const clients: TestClient[] = [];
  try {
    const mod = (
      await post<JoinResponse>(base, WorkshopPath.sessions, {
        groupId: 'bench',
        title: `Bench ${n}`,
        date: '2026-03-12',
        moderatorName: 'Moderation',
        settings: { cardsPerPerson: opts.cards, dotBudget: opts.dots, maxDotsPerCluster: Math.max(1, Math.ceil(opts.dots / 8)) },
        agenda: [
          { title: 'Karten', method: 'kartenabfrage', minutes: 30 },
          { title: 'Punkte', method: 'punktabfrage', minutes: 30 },
        ],
      })
    ).body;
    const act = async (token: string, action: WorkshopAction) => post<{ revision?: number; id?: string; error?: string }>(base, WorkshopPath.actions(mod.sessionId), action, token);
    const people: JoinResponse[] = [];
    for (let i = 0; i < n; i += 20) {
      const batch = Array.from({ length: Math.min(20, n - i) }, (_, j) =>
        post<JoinResponse>(base, WorkshopPath.join, { code: mod.joinCode, name: `Person ${i + j}`, deviceId: `bench-device-${n}-${i + j}` }),
      );
      people.push(...(await Promise.all(batch)).map((answer) => answer.body));
    }
    // The projector and every participant's device hold the public document open.
    const projector = connectClient(wsUrl, mod.docName, { token: mod.token });
    clients.push(projector);
    for (const person of people.slice(0, Math.min(people.length, opts.deviceDocs))) {
      clients.push(connectClient(wsUrl, mod.docName, { token: person.token }));
    }
    await Promise.all(clients.map((client) => client.synced));
    const seenAt = new Map<number, number>();
    const onUpdate = (): void => {
      const revision = projector.doc.getMap('workshop').get('revision');
      if (typeof revision === 'number' && !seenAt.has(revision)) {
        seenAt.set(revision, performance.now());
      }
    };
    projector.doc.on('update', onUpdate);

    // Clusters to vote on, made by the moderator from the first cards after a reveal.
    await act(mod.token, { type: 'phase.next' });
    const sent: { at: number; revision: number; answeredMs: number }[] = [];
    let refused = 0;
    const timed = async (token: string, action: WorkshopAction): Promise<void> => {
      const at = performance.now();
      const answer = await act(token, action);
      if (answer.status === 200 && answer.body.revision !== undefined) {
        sent.push({ at, revision: answer.body.revision, answeredMs: performance.now() - at });
      } else {
        refused += 1;
      }
    };
    const start = sampleProcess(pid);
    const started = performance.now();
    const meanPauseMs = 1000 / opts.rate;
    await Promise.all(
      people.map(async (person, i) => {
        for (let c = 0; c < opts.cards; c++) {
          await pause(meanPauseMs);
          await timed(person.token, { type: 'card.add', text: `Idee ${c + 1} von Person ${i}: mehr bezahlbarer Wohnraum im Kreis` });
        }
      }),
    );
    await act(mod.token, { type: 'cards.reveal' });
    const cards = readPublicWorkshop(projector.doc)?.cards ?? [];
    const clusterIds: string[] = [];
    for (let k = 0; k < 8; k++) {
      const id = (await act(mod.token, { type: 'cluster.create', name: `Thema ${k + 1}`, cardIds: cards.filter((_, j) => j % 8 === k).map((card) => card.id) })).body.id;
      if (id !== undefined) {
        clusterIds.push(id);
      }
    }
    await act(mod.token, { type: 'phase.next' });
    await act(mod.token, { type: 'vote.open' });
    await Promise.all(
      people.map(async (person) => {
        // Distinct clusters per person, so the per-cluster maximum never refuses a dot.
        const order = [...clusterIds].sort(() => Math.random() - 0.5);
        for (let d = 0; d < opts.dots; d++) {
          await pause(meanPauseMs);
          await timed(person.token, { type: 'dot.cast', clusterId: order[d % order.length] ?? '' });
        }
      }),
    );
    const durationSec = (performance.now() - started) / 1000;
    const end = sampleProcess(pid);
    const lastRevision = Math.max(0, ...sent.map((s) => s.revision));
    const deadline = performance.now() + 10_000;
    while (!seenAt.has(lastRevision) && [...seenAt.keys()].every((r) => r < lastRevision) && performance.now() < deadline) {
      await sleep(20);
    }
    const revisions = [...seenAt.entries()].sort((a, b) => a[0] - b[0]);
    const appearance = (revision: number): number | undefined => revisions.find(([r]) => r >= revision)?.[1];
    const latencies = sent.flatMap(({ at, revision }) => {
      const seen = appearance(revision);
      return seen === undefined ? [] : [seen - at];
    });
    latencies.sort((a, b) => a - b);
    const answered = sent.map((s) => s.answeredMs).sort((a, b) => a - b);
    const view = readPublicWorkshop(projector.doc);
    const cardsSeen = view?.items[0]?.cards.total ?? 0;
    const dotsSeen = view?.items[1]?.vote?.dotsCast ?? 0;
    const expected = n * opts.cards + n * opts.dots;
    const lost = expected - cardsSeen - dotsSeen + (sent.length - latencies.length);
    const cpuSeconds = end.cpuSeconds - start.cpuSeconds;
    return {
      participants: n,
      actions: sent.length,
      refused,
      latencyMs: {
        p50: round1(percentile(latencies, 50)),
        p95: round1(percentile(latencies, 95)),
        p99: round1(percentile(latencies, 99)),
        max: round1(latencies.at(-1) ?? Number.NaN),
      },
      answerMs: { p50: round1(percentile(answered, 50)), p95: round1(percentile(answered, 95)), p99: round1(percentile(answered, 99)) },
      lost,
      durationSec: round1(durationSec),
      server: { cpuPercentOfOneCore: round1((cpuSeconds / durationSec) * 100), cpuSeconds: Math.round(cpuSeconds * 100) / 100, peakRssMb: round1(end.peakRssMb) },
      machineLoadAvg1m: round1(loadavg()[0] ?? 0),
    };
  } finally {
    for (const client of clients) {
      client.destroy();
    }
  }
}

async function main(): Promise<void> {
  const opts = options();
  process.setMaxListeners(0); // every y-websocket provider adds an 'exit' listener
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fokuswerk-bench-workshop-'));
  const server = await startOurServer(dataDir);
  try {
    logger.info('round', { participants: opts.participants });
    const main40 = await runRound(server.url, server.pid, opts.participants, opts);
    logger.info('round done', { ...main40.latencyMs, lost: main40.lost });
    const ramp: RoundResult[] = [];
    let passesOneSecondAt: number | null = null;
    for (const n of opts.ramp) {
      logger.info('ramp', { participants: n });
      const result = await runRound(server.url, server.pid, n, opts);
      logger.info('ramp done', { participants: n, ...result.latencyMs, lost: result.lost });
      ramp.push(result);
      if (result.latencyMs.p95 > 1000) {
        passesOneSecondAt = n;
        break;
      }
    }
    const output = {
      benchmark: 'workshop',
      config: { ...opts, node: process.version, cpus: cpus().length },
      main: main40,
      ramp: ramp.map(({ participants, latencyMs, answerMs, lost, server: s, actions, machineLoadAvg1m }) => ({ participants, actions, latencyMs, answerMs, lost, server: s, machineLoadAvg1m })),
      /** Participants at which p95 passed 1 s; null if it did not within the ramp (then it lies above the last step). */
      p95PassesOneSecondAt: passesOneSecondAt,
      aims: {
        p95Under300msAtMain: main40.latencyMs.p95 < 300,
        nothingLostAtMain: main40.lost === 0,
      },
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    logger.error('benchmark failed', { error });
    process.stderr.write(`Benchmark fehlgeschlagen / benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
