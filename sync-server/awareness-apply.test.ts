import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { seededRandom } from '../shared/seeded-random.js';
import { applyAwarenessEntries } from './awareness-apply.js';
import { encodeAwarenessEntries, type AwarenessEntry } from './awareness-stamp.js';

type Events = { added: number[]; updated: number[]; removed: number[] }[];

function serverAwareness(): awarenessProtocol.Awareness {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  return awareness;
}

function snapshot(awareness: awarenessProtocol.Awareness): unknown {
  return {
    states: [...awareness.getStates()].sort((a, b) => a[0] - b[0]),
    clocks: [...awareness.meta]
      .filter(([id]) => id !== awareness.clientID)
      .map(([id, meta]) => [id, meta.clock])
      .sort((a, b) => Number(a[0]) - Number(b[0])),
  };
}

describe('applyAwarenessEntries', () => {
  it('ends in the same states and reports the same changes as y-protocols, for random sequences', () => {
    const random = seededRandom(14);
    for (let round = 0; round < 50; round++) {
      const ours = serverAwareness();
      const theirs = serverAwareness();
      const theirChanges: Events = [];
      const theirUpdates: Events = [];
      theirs.on('change', (event: Events[number]) => theirChanges.push(event));
      theirs.on('update', (event: Events[number]) => theirUpdates.push(event));
      const ourChanges: Events = [];
      const ourUpdates: Events = [];
      for (let step = 0; step < 40; step++) {
        // Few client ids and clocks close together: stale, equal and newer clocks, removals and
        // states that repeat the previous one all occur.
        const entries: AwarenessEntry[] = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
          const roll = random();
          return {
            clientId: 1 + Math.floor(random() * 4),
            clock: Math.floor(random() * 6),
            state: roll < 0.25 ? null : { cursor: Math.floor(random() * 3), user: { name: 'Anke' } },
          };
        });
        awarenessProtocol.applyAwarenessUpdate(theirs, encodeAwarenessEntries(entries), 'peer');
        const result = applyAwarenessEntries(ours, entries);
        if (result.added.length + result.changedState.length + result.removed.length > 0) {
          ourChanges.push({ added: result.added, updated: result.changedState, removed: result.removed });
        }
        if (result.added.length + result.updated.length + result.removed.length > 0) {
          ourUpdates.push({ added: result.added, updated: result.updated, removed: result.removed });
        }
        expect(snapshot(ours)).toEqual(snapshot(theirs));
      }
      expect(ourChanges).toEqual(theirChanges);
      expect(ourUpdates).toEqual(theirUpdates);
      ours.destroy();
      theirs.destroy();
    }
  });

  it('returns exactly the entries that took effect, for the one encoding that is broadcast', () => {
    const awareness = serverAwareness();
    applyAwarenessEntries(awareness, [{ clientId: 7, clock: 3, state: { user: { name: 'Bea' } } }]);
    const result = applyAwarenessEntries(awareness, [
      { clientId: 7, clock: 2, state: { user: { name: 'alt' } } },
      { clientId: 8, clock: 1, state: { user: { name: 'Cem' } } },
      { clientId: 7, clock: 3, state: null },
    ]);
    expect(result.applied.map((entry) => [entry.clientId, entry.clock, entry.state])).toEqual([
      [8, 1, { user: { name: 'Cem' } }],
      [7, 3, null],
    ]);
    expect(result).toMatchObject({ added: [8], removed: [7], updated: [] });
    awareness.destroy();
  });
});
