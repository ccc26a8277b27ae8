import { describe, expect, it } from 'vitest';
import { awarenessProblem, jsonDepthExceeds, OwnAwareness } from './awareness-guard.js';

const bounds = { maxEntries: 3, maxStateChars: 100, maxDepth: 4 };

describe('awareness guard', () => {
  it('measures depth without recursion, also for values far deeper than the stack', () => {
    expect(jsonDepthExceeds({ user: { name: 'Anke' }, cursor: { anchor: { type: { client: 1 } } } }, 4)).toBe(false);
    expect(jsonDepthExceeds({ a: { b: { c: { d: { e: 1 } } } } }, 4)).toBe(true);
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`) as unknown;
    expect(jsonDepthExceeds(deep, 16)).toBe(true);
    expect(jsonDepthExceeds('text', 0)).toBe(false);
  });

  it('bounds entries per frame, state size and depth', () => {
    const entry = (state: unknown, chars = 10) => ({ clientId: 1, clock: 1, state, chars });
    expect(awarenessProblem([entry({ user: {} })], bounds)).toBeNull();
    expect(awarenessProblem([entry(null), entry(null), entry(null), entry(null)], bounds)).toMatch(/too many/);
    expect(awarenessProblem([entry({}, 101)], bounds)).toMatch(/too large/);
    expect(awarenessProblem([entry([[[[[1]]]]])], bounds)).toMatch(/deep/);
  });

  it('keeps only the connection’s own entry: the first live id nobody else shows', () => {
    const own = new OwnAwareness();
    const live = new Set([7]);
    const elsewhere = (id: number): boolean => live.has(id);
    // Re-sent presence of another peer and a removal of someone else come first: dropped.
    expect(own.filter([{ clientId: 7, clock: 3, state: { u: 1 } }, { clientId: 8, clock: 2, state: null }], elsewhere)).toEqual([]);
    expect(own.filter([{ clientId: 9, clock: 1, state: { u: 2 } }, { clientId: 10, clock: 1, state: { u: 3 } }], elsewhere).map((e) => e.clientId)).toEqual([9]);
    expect(own.filter([{ clientId: 10, clock: 2, state: {} }, { clientId: 9, clock: 2, state: null }], elsewhere).map((e) => e.clientId)).toEqual([9]);
  });
});
