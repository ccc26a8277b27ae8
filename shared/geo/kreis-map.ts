/** Source note the BKG requires next to every map drawn from its boundaries (see quellenvermerk.txt). */
export const MAP_ATTRIBUTION = '© GeoBasis-DE / BKG 2021 (Daten verändert)';
/** The note links here on a web page. */
export const MAP_ATTRIBUTION_URL = 'https://www.bkg.bund.de';

/** Properties of a municipality in kreis-pinneberg.topo.json. */
export interface MapGemeinde {
  /** Amtlicher Gemeindeschlüssel, as in the statistics. */
  ags: string;
  name: string;
  /** "Stadt" or "Gemeinde". */
  kind: string;
  /** Official key (ARS, 9 digits) of the Amt it belongs to; null if amtsfrei. */
  amt: string | null;
}

/** Properties of an Amt in kreis-pinneberg.topo.json. */
export interface MapAmt {
  /** Official key (Regionalschlüssel of the Gemeindeverband, 9 digits). */
  key: string;
  name: string;
  /** AGS of its municipalities. */
  members: string[];
}
