/**
 * Cost of the renderer's "Gespeichert" check on long, heavily edited documents (an annual report
 * after a year of work), printed as one JSON object. Per size: the server's acknowledgement
 * (snapshot encode + decode) and one client check (snapshot of the local document compared with
 * the acknowledgement), in ms. The renderer runs the check at most every 200 ms while typing.
 *
 * Run: npm run bench:save-status
 */
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { seededRandom } from '../../shared/seeded-random';
import { decodeStoredAck, encodeStoredAck, snapshotCovers } from '../../shared/sync/stored';

interface SaveStatusFigures {
  edits: number;
  characters: number;
  deleteRanges: number;
  ackMs: number;
  checkMs: number;
}

/** Random inserts and deletions all over one text, so its items and delete ranges fragment as in real editing. */
function editedDocument(edits: number): Y.Doc {
  const random = seededRandom(edits);
  const doc = new Y.Doc();
  const text = doc.getText('t');
  for (let i = 0; i < edits; i++) {
    if (text.length > 50 && random() < 0.3) {
      text.delete(Math.floor(random() * (text.length - 5)), 1 + Math.floor(random() * 3));
    } else {
      text.insert(Math.floor(random() * (text.length + 1)), 'Wohnraum ');
    }
  }
  return doc;
}

function median(run: () => void, times: number): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return Number(samples[Math.floor(samples.length / 2)]!.toFixed(2));
}

export function benchSaveStatus(): SaveStatusFigures[] {
  return [10_000, 50_000, 100_000].map((edits) => {
    const doc = editedDocument(edits);
    const stored = decodeStoredAck(encodeStoredAck(doc));
    if (!snapshotCovers(stored, Y.snapshot(doc))) {
      throw new Error('an acknowledgement of the same document must cover it');
    }
    return {
      edits,
      characters: doc.getText('t').length,
      deleteRanges: [...Y.snapshot(doc).ds.clients.values()].reduce((n, ranges) => n + ranges.length, 0),
      ackMs: median(() => decodeStoredAck(encodeStoredAck(doc)), 9),
      checkMs: median(() => snapshotCovers(stored, Y.snapshot(doc)), 9),
    };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.stdout.write(`${JSON.stringify(benchSaveStatus(), null, 2)}\n`);
}
