import { describe, expect, it } from 'vitest';
import { disclosureThresholdFromEnv, suppressCells, type SumGroup } from './disclosure';

/** Cells from plain numbers; null is an office-secret ".", undefined a "..." (later). */
function cells(values: (number | null | undefined)[], counts = true): Parameters<typeof suppressCells>[0] {
  return {
    values: Float64Array.from(values.map((v) => v ?? 0)),
    unknown: Uint8Array.from(values.map((v) => (typeof v === 'number' ? 0 : 1))),
    officeSecret: Uint8Array.from(values.map((v) => (v === null ? 1 : 0))),
    counts: Uint8Array.from(values.map(() => (counts ? 1 : 0))),
  };
}

const hidden = (mask: Uint8Array): number[] => [...mask].flatMap((m, i) => (m ? [i] : []));

describe('disclosure control', () => {
  it('hides counts of 1 and 2 but not 0, 3 or figures that are not counts', () => {
    expect(hidden(suppressCells(cells([0, 1, 2, 3, 40]), [], 3))).toEqual([1, 2]);
    expect(hidden(suppressCells(cells([1, 2], false), [], 3))).toEqual([]);
    expect(hidden(suppressCells(cells([1, 2]), [], 0))).toEqual([]);
    expect(hidden(suppressCells(cells([1, 2, 4]), [], 5))).toEqual([0, 1, 2]);
  });

  it('suppresses a second part when one part of a sum could be recomputed from the total', () => {
    // total 30 = 2 + 12 + 16: the 2 alone would be 30 − 12 − 16.
    const groups: SumGroup[] = [{ total: 0, parts: [1, 2, 3] }];
    expect(hidden(suppressCells(cells([30, 2, 12, 16]), groups, 3))).toEqual([1, 2]);
  });

  it('leaves groups with two unknowns alone and needs no second cell when the total is secret too', () => {
    const groups: SumGroup[] = [{ total: 0, parts: [1, 2, 3] }];
    expect(hidden(suppressCells(cells([5, 1, 2, 2]), groups, 3))).toEqual([1, 2, 3]);
    expect(hidden(suppressCells(cells([30, 1, 2, 27]), groups, 3))).toEqual([1, 2]);
  });

  it('protects an office-secret cell the same way, but not a "later" one', () => {
    const groups: SumGroup[] = [{ total: 0, parts: [1, 2, 3] }];
    expect(hidden(suppressCells(cells([30, null, 12, 8]), groups, 3))).toEqual([3]);
    expect(hidden(suppressCells(cells([30, undefined, 12, 8]), groups, 3))).toEqual([]);
  });

  it('cascades through overlapping groups until none has exactly one secret unknown', () => {
    // A 2×2 table with margins: rows (0 = 1 + 2, 3 = 4 + 5), columns (6 = 1 + 4, 7 = 2 + 5), grand total 8.
    const values = [12, 2, 10, 20, 8, 12, 10, 22, 32];
    const groups: SumGroup[] = [
      { total: 0, parts: [1, 2] },
      { total: 3, parts: [4, 5] },
      { total: 6, parts: [1, 4] },
      { total: 7, parts: [2, 5] },
      { total: 8, parts: [0, 3] },
      { total: 8, parts: [6, 7] },
    ];
    const mask = suppressCells(cells(values), groups, 3);
    const unknown = (i: number): boolean => mask[i] === 1;
    for (const g of groups) {
      expect([g.total, ...g.parts].filter(unknown).length).not.toBe(1);
    }
    expect(hidden(mask)).toEqual([1, 2, 4, 5]);
  });

  it('does not treat columns that do not add up as a sum group', () => {
    // "Insgesamt" 30 with "darunter" 2 and 5: not a partition, nothing to protect beyond the 2.
    expect(hidden(suppressCells(cells([30, 2, 5]), [{ total: 0, parts: [1, 2] }], 3))).toEqual([1]);
  });

  it('reads the threshold from the environment, with a clear error for nonsense', () => {
    expect(disclosureThresholdFromEnv({})).toBe(3);
    expect(disclosureThresholdFromEnv({ FOKUSWERK_DISCLOSURE_THRESHOLD: '5' })).toBe(5);
    expect(disclosureThresholdFromEnv({ FOKUSWERK_DISCLOSURE_THRESHOLD: '0' })).toBe(0);
    expect(() => disclosureThresholdFromEnv({ FOKUSWERK_DISCLOSURE_THRESHOLD: 'drei' })).toThrow(/ganze Zahl ≥ 0.*integer ≥ 0/);
  });
});
