import * as Y from 'yjs';
import { contentProblem, contentRules } from '../../shared/schema/content-rules.js';
import type { UpdateSummary } from '../validate.js';
import type { ClientIdRegistry } from './client-ids.js';

// Built from the editor schema when the server loads (tens of milliseconds), not while the first
// update waits.
const rules = contentRules();

/** Content refs (see validate.ts) the app never produces: refused before Yjs sees them. */
const CONTENT_EMBED = 5;
const CONTENT_DOC = 9;
const SKIP = 10;

/**
 * Why an update's content may not enter a document, or null. Refused: sub-documents (ContentDoc:
 * the app has none, and their options reach Yjs's Doc constructor unchecked), Skip structs (gaps
 * inside an update), Y.XmlHook types, and content the shared editor schema cannot show (see
 * shared/schema/content-rules.ts). Everything is decided on the update alone, before it is applied.
 */
export function updateContentProblem(summary: UpdateSummary): string | null {
  if ((summary.contentRefs & (1 << CONTENT_DOC)) !== 0) {
    return 'Unterdokument / sub-document';
  }
  if ((summary.contentRefs & (1 << SKIP)) !== 0) {
    return 'Lücke im Update / skip struct';
  }
  if (summary.hasHook) {
    return 'XmlHook';
  }
  const embeds = (summary.contentRefs & (1 << CONTENT_EMBED)) !== 0 ? 1 : 0;
  if (embeds === 0 && summary.elementNames.length === 0 && summary.formats.length === 0) {
    return null; // plain text, maps, arrays, deletions: nothing the editor schema rules on
  }
  return contentProblem({ elementNames: summary.elementNames, formats: summary.formats, embeds }, rules);
}

/** The next clock the document expects from `client`, counting structs that wait for dependencies. */
function nextClock(doc: Y.Doc, client: number): number {
  let clock = Y.getState(doc.store, client);
  const pending = doc.store.pendingStructs;
  if (pending !== null) {
    clock = Math.max(clock, Y.parseUpdateMeta(pending.update).to.get(client) ?? 0);
  }
  return clock;
}

/** What to do with an update after checking whose clocks it claims. */
export type ClockVerdict =
  | { kind: 'ok'; bind: number[] }
  /** Starts after the client's current clock: not applied (a gap Yjs would keep pending). */
  | { kind: 'gap'; client: number }
  /** Adds structs under a client id bound to someone else. */
  | { kind: 'taken'; client: number };

/**
 * Checks the client ids an update writes under: every block must start at or before the
 * document's next clock for that client (no gaps: Yjs would keep the rest pending and let it win
 * over the real client's later edits), and blocks that add new clocks must be under client ids
 * bound to `owner` or not bound yet (returned in `bind`; bind them once the update is accepted).
 * Blocks that only repeat what the document has are no-ops and allowed.
 */
export function checkClocks(doc: Y.Doc, docName: string, summary: UpdateSummary, owner: string, registry: ClientIdRegistry): ClockVerdict {
  const bind: number[] = [];
  for (const block of summary.blocks) {
    const next = nextClock(doc, block.client);
    if (block.clock > next) {
      return { kind: 'gap', client: block.client };
    }
    if (block.end <= next) {
      continue;
    }
    const bound = registry.owner(docName, block.client);
    if (bound === undefined) {
      bind.push(block.client);
    } else if (bound !== owner) {
      return { kind: 'taken', client: block.client };
    }
  }
  return { kind: 'ok', bind };
}
