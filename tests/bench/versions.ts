/**
 * Saved versions of a proposal (issue 11): a proposal with 2,000 edits from a real y-websocket
 * client, 50 saved versions and 200 comments on a real sync server (HTTP and WebSocket over real
 * sockets, SQLite). Measures the time to list the versions, to show a comparison (fetch an old
 * version's content and the current one as ProseMirror JSON), to restore a version, and the storage
 * each version costs, printed as one JSON object with an `aims` object.
 *
 * Run: npm run bench:versions
 */
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { CommentPath, LifecyclePath, type VersionContent, type VersionInfo, type VersionList } from '../../shared/docs/lifecycle/api.js';
import { putProposalSummary, setProposalTitle } from '../../shared/docs/proposal.js';
import { Fragment } from '../../shared/schema/fragments.js';
import { seededRandom } from '../../shared/seeded-random.js';
import { createSyncServer } from '../../sync-server/server.js';
import { connectClient, memoryLogger, tempDir } from '../../sync-server/test-support.js';

const EDITS = 2_000;
const VERSIONS = 50;
const COMMENTS = 200;
const G = 'bench';
const P = 'versions';

interface VersionFigures {
  edits: number;
  versions: number;
  comments: number;
  listMs: number;
  compareMs: number;
  restoreMs: number;
  fullStateBytes: number;
  storage: { meanVersionBytes: number; firstDiffBytes: number; lastDiffBytes: number; fullSnapshots: number[]; meanEditsPerVersion: number };
  aims: { listUnder300ms: boolean; compareUnder300ms: boolean; restoreUnder300ms: boolean; storageProportionalToChange: boolean };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function time(run: () => Promise<unknown>, repeat: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return Math.round(median(samples) * 10) / 10;
}

/** Runs the benchmark against a fresh server in a temporary directory. */
export async function benchVersions(): Promise<VersionFigures> {
  const { dir, remove } = tempDir('fokuswerk-bench-versions-');
  const server = createSyncServer({ dataDir: dir, logger: memoryLogger().logger });
  const { url } = await server.listen(0);
  const http = url.replace(/^ws/, 'http');
  const call = async <T>(path: string, body?: unknown, query: Record<string, string> = {}): Promise<T> => {
    const target = new URL(`${http}${path}`);
    for (const [key, value] of Object.entries({ groupId: G, proposalId: P, ...query })) {
      if (body === undefined) {
        target.searchParams.set(key, value);
      }
    }
    const response = await fetch(target, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify({ groupId: G, proposalId: P, ...(body as object) }) }),
    });
    if (!response.ok) {
      throw new Error(`${path}: ${response.status} ${await response.text()}`);
    }
    return (await response.json()) as T;
  };
  const index = connectClient(url, `group/${G}/index`);
  const proposal = connectClient(url, `group/${G}/proposal/${P}`);
  try {
    await Promise.all([index.synced, proposal.synced]);
    const now = new Date().toISOString();
    putProposalSummary(index.doc, { id: P, groupId: G, title: 'Benchmark', status: 'draft', createdAt: now, createdBy: 'Bench', updatedAt: now });
    setProposalTitle(proposal.doc, 'Benchmark');
    const body = proposal.doc.getXmlFragment(Fragment.proposalBody);
    const random = seededRandom(11);
    const caughtUp = async (): Promise<void> => {
      const want = Y.encodeStateVector(proposal.doc);
      for (;;) {
        const serverDoc = new Y.Doc();
        Y.applyUpdate(serverDoc, await server.getDocState(`group/${G}/proposal/${P}`));
        if (Buffer.from(Y.encodeStateVector(serverDoc)).equals(Buffer.from(want))) {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    for (let edit = 0; edit < EDITS; edit++) {
      const paragraphs = body.length;
      if (paragraphs === 0 || random() < 0.08) {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(`Absatz ${edit}: Die Versorgung mit bezahlbarem Wohnraum im Kreis Pinneberg. `)]);
        body.insert(Math.floor(random() * (paragraphs + 1)), [paragraph]);
      } else {
        const text = (body.get(Math.floor(random() * paragraphs)) as Y.XmlElement).get(0) as Y.XmlText;
        if (text.length > 20 && random() < 0.3) {
          text.delete(Math.floor(random() * (text.length - 5)), 1 + Math.floor(random() * 4));
        } else {
          text.insert(Math.floor(random() * (text.length + 1)), random() < 0.5 ? 'Wort ' : 'e');
        }
      }
      if ((edit + 1) % (EDITS / VERSIONS) === 0) {
        await caughtUp();
        await call<VersionInfo>(LifecyclePath.saveVersion, { name: `Stand nach Änderung ${edit + 1}` });
      }
    }
    const first = (body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    for (let i = 0; i < COMMENTS; i++) {
      const at = Math.floor(random() * Math.max(1, first.length - 5));
      const anchor = {
        fragment: 'body',
        start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(first, at)) as unknown,
        end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(first, at + 4)) as unknown,
        quote: String(first.toJSON()).slice(at, at + 4),
      };
      await call(CommentPath.add, i % 4 === 0 ? { anchor, text: `Kommentar ${i} @Bench` } : { anchor: null, text: `Kommentar ${i}` });
    }
    const list = await call<VersionList>(LifecyclePath.versions);
    const listMs = await time(() => call<VersionList>(LifecyclePath.versions), 10);
    // A comparison needs the old version's content and the current one (the client diffs the two).
    const latest = list.versions.at(-1) as VersionInfo;
    const worst = list.versions.at(-2) as VersionInfo; // the 49th: nine diffs after its full snapshot
    const compareMs = await time(
      () => Promise.all([call<VersionContent>(LifecyclePath.version, undefined, { versionId: worst.id }), call<VersionContent>(LifecyclePath.version, undefined, { versionId: latest.id })]),
      10,
    );
    let restoreTarget = 0;
    const restoreMs = await time(() => call(LifecyclePath.restoreVersion, { versionId: list.versions[(restoreTarget += 7) % VERSIONS]?.id }), 5);
    const diffs = list.versions.filter((_v, i) => i % 10 !== 0).map((v) => v.bytes);
    const fullStateBytes = (await server.getDocState(`group/${G}/proposal/${P}`)).length;
    const firstDiffBytes = diffs[0] ?? 0;
    const lastDiffBytes = diffs.at(-1) ?? 0;
    const meanVersionBytes = Math.round(list.versions.reduce((sum, v) => sum + v.bytes, 0) / list.versions.length);
    return {
      edits: EDITS,
      versions: list.versions.length,
      comments: COMMENTS,
      listMs,
      compareMs,
      restoreMs,
      fullStateBytes,
      storage: {
        meanVersionBytes,
        firstDiffBytes,
        lastDiffBytes,
        fullSnapshots: list.versions.filter((_v, i) => i % 10 === 0).map((v) => v.bytes),
        meanEditsPerVersion: EDITS / VERSIONS,
      },
      aims: {
        listUnder300ms: listMs < 300,
        compareUnder300ms: compareMs < 300,
        restoreUnder300ms: restoreMs < 300,
        // A diff version costs about what its 40 edits cost, not the document: well under the full state.
        storageProportionalToChange: Math.max(...diffs) < fullStateBytes / 4,
      },
    };
  } finally {
    index.destroy();
    proposal.destroy();
    await server.close();
    remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify({ versions: await benchVersions() }, null, 2)}\n`);
}
