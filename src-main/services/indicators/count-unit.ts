/** Units that mean "a number of persons" (subject to disclosure control; whole numbers only). */
const COUNT_UNITS = new Set(['anzahl', 'personen']);

/** Whether a unit counts persons. */
export function isCountUnit(unit: string): boolean {
  return COUNT_UNITS.has(unit.trim().toLowerCase());
}
