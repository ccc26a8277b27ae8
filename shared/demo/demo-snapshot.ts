import { IndicatorSnapshot, type IndicatorQuery } from '../indicators/types';
import { DEMO_SNAPSHOT_SERIES } from './demo-snapshot-data';

/** What the demo proposal's snapshot shows: the population of Uetersen and Tornesch over the bundled years. */
export const DEMO_SNAPSHOT_QUERY: IndicatorQuery = {
  indicatorId: 'bevoelkerung-insgesamt',
  regions: ['01056049', '01056048'],
  periods: ['2008-12-31', '2009-12-31', '2010-12-31', '2011-12-31', '2012-12-31', '2013-12-31', '2014-12-31', '2015-12-31'],
};

/**
 * The frozen snapshot in the demo proposal, as if Anke Petersen had inserted it with "Kennzahl
 * einfügen". The figures come from the bundled data (see scripts/demo-snapshot.ts), never by hand.
 */
export function demoSnapshot(): IndicatorSnapshot {
  return IndicatorSnapshot.parse({
    ...(DEMO_SNAPSHOT_SERIES as object),
    id: 'demo-bevoelkerung-uetersen-tornesch',
    takenAt: '2026-09-14T09:45:00.000Z',
    takenBy: 'Anke Petersen',
  });
}
