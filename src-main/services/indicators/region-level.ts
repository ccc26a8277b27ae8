import type { RegionLevel } from '../../../shared/indicators/types';

/**
 * Level of a region from its key and its parent's level: "DG" country, 2 digits Land; below a
 * Kreis (or Amt) a municipality (9 digits: Amt); 3 digits (Regierungsbezirk/statistische Region)
 * have no level of their own (null); anything else above Kreis level is a Kreis (incl. kreisfreie Städte).
 */
export function regionLevelOf(key: string, parentLevel: RegionLevel | null): RegionLevel | null {
  if (key === 'DG') {
    return 'country';
  }
  if (key.length === 2) {
    return 'land';
  }
  if (parentLevel === 'kreis' || parentLevel === 'amt' || parentLevel === 'gemeinde') {
    return key.length === 9 ? 'amt' : 'gemeinde';
  }
  if (key.length === 3) {
    return null;
  }
  return 'kreis';
}
