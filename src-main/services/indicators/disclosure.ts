/**
 * Statistical disclosure control (SDC) for counts of persons.
 *
 * The rule, applied by the host before any figure leaves it (snapshots, charts, tables, exports):
 *
 * 1. Primary suppression: a count of persons with 0 < value < threshold (default 3) is secret.
 *    True zeros stay visible: the statistical offices publish them themselves as "-".
 * 2. Secondary suppression: figures often come in sum groups – a total and parts that add up to it
 *    (Insgesamt = männlich + weiblich; Insgesamt = the age groups; a Kreis = its municipalities;
 *    an Amt = its municipalities; a Kreis = its Ämter + amtsfreie municipalities). If exactly one
 *    cell of a group is unknown and that cell is secret (by us or by the office's "."), it could be
 *    computed as total − the other parts. Then one more cell of that group is suppressed: the
 *    smallest positive visible part (else a visible zero part, else the total). This repeats until
 *    no group has exactly one unknown, secret cell.
 * 3. A group only counts when it really adds up: if all its cells are known and the parts do not
 *    sum to the total (e.g. "Insgesamt" next to a "darunter" column), it is not a sum group.
 *
 * Limits (stated, not hidden): this protects against recomputing a secret cell from any single sum.
 * It does not audit combinations of several overlapping sums with linear programming, as the
 * offices' tools (τ-ARGUS) do; with the groups that occur in these tables (sex × age × region
 * hierarchy) a cell then always has at least two unknowns in every group that contains it.
 */

/** A sum group: the index of the total cell and the indices of its parts. */
export interface SumGroup {
  total: number;
  parts: readonly number[];
}

/** The cells to protect, as parallel arrays indexed by cell. */
export interface SdcInput {
  /** Raw values; ignored where `unknown` is set. */
  values: Float64Array;
  /** 1 where the value is not known to a reader (any missing-value sign, or absent). */
  unknown: Uint8Array;
  /** 1 where the office already marked the cell secret (".") – it needs protection like ours. */
  officeSecret: Uint8Array;
  /** 1 where the cell counts persons (only these are primary-suppressed). */
  counts: Uint8Array;
}

/** Default threshold: counts of 1 and 2 persons are secret. */
export const DEFAULT_DISCLOSURE_THRESHOLD = 3;

/** The threshold from FOKUSWERK_DISCLOSURE_THRESHOLD (an integer ≥ 0; 0 switches control off), else the default. */
export function disclosureThresholdFromEnv(env: Record<string, string | undefined> = process.env): number {
  const raw = env['FOKUSWERK_DISCLOSURE_THRESHOLD'];
  if (raw === undefined || raw.trim() === '') {
    return DEFAULT_DISCLOSURE_THRESHOLD;
  }
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    throw new Error(
      `FOKUSWERK_DISCLOSURE_THRESHOLD muss eine ganze Zahl ≥ 0 sein, nicht „${raw}“ / FOKUSWERK_DISCLOSURE_THRESHOLD must be an integer ≥ 0, not "${raw}"`,
    );
  }
  return n;
}

/** Whether a group adds up (or cannot be checked because some cell is unknown). */
function isAdditive(input: SdcInput, g: SumGroup): boolean {
  if (input.unknown[g.total]) {
    return true;
  }
  let sum = 0;
  for (const p of g.parts) {
    if (input.unknown[p]) {
      return true;
    }
    sum += input.values[p] ?? 0;
  }
  return Math.abs(sum - (input.values[g.total] ?? 0)) < 0.5;
}

/**
 * Applies primary and secondary suppression (see the module comment) and returns 1 for every
 * cell that SDC makes secret. Office-secret cells are not marked again; they stay missing anyway.
 */
export function suppressCells(input: SdcInput, groups: readonly SumGroup[], threshold: number): Uint8Array {
  const n = input.values.length;
  const suppressed = new Uint8Array(n);
  if (threshold <= 0) {
    return suppressed;
  }
  for (let i = 0; i < n; i++) {
    const v = input.values[i] ?? 0;
    if (input.counts[i] && !input.unknown[i] && v > 0 && v < threshold) {
      suppressed[i] = 1;
    }
  }
  const active = groups.filter((g) => isAdditive(input, g));
  const unknown = (i: number): boolean => input.unknown[i] === 1 || suppressed[i] === 1;
  const protectedCell = (i: number): boolean => input.officeSecret[i] === 1 || suppressed[i] === 1;
  for (let changed = true; changed; ) {
    changed = false;
    for (const g of active) {
      let count = 0;
      let lone = -1;
      if (unknown(g.total)) {
        count++;
        lone = g.total;
      }
      for (const p of g.parts) {
        if (unknown(p)) {
          count++;
          lone = p;
        }
      }
      if (count !== 1 || !protectedCell(lone)) {
        continue;
      }
      const pick = complement(input, g, unknown);
      if (pick >= 0) {
        suppressed[pick] = 1;
        changed = true;
      }
    }
  }
  return suppressed;
}

/** The cell to suppress in addition: smallest positive visible part, else a visible zero part, else the total. */
function complement(input: SdcInput, g: SumGroup, unknown: (i: number) => boolean): number {
  let best = -1;
  let bestValue = Infinity;
  let zero = -1;
  for (const p of g.parts) {
    if (unknown(p)) {
      continue;
    }
    const v = input.values[p] ?? 0;
    if (v > 0 && v < bestValue) {
      best = p;
      bestValue = v;
    } else if (v <= 0 && zero < 0) {
      zero = p;
    }
  }
  if (best >= 0) {
    return best;
  }
  if (zero >= 0) {
    return zero;
  }
  return unknown(g.total) ? -1 : g.total;
}
