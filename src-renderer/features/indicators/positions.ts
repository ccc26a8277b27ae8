/**
 * Approximate positions (latitude, longitude of the town centre, WGS 84, rounded to about 1 km) of
 * the 49 municipalities of Kreis Pinneberg, for the map-like view only. Compiled by hand from
 * general geographic knowledge, not surveyed: good enough to place each municipality roughly where
 * it is relative to its neighbours, not for measuring. Helgoland lies about 60 km out in the North
 * Sea; the map draws it in an inset instead of at its true position.
 */
export const MUNICIPALITY_POSITIONS: Readonly<Record<string, readonly [lat: number, lon: number]>> = {
  '01056001': [53.667, 9.738], // Appen
  '01056002': [53.792, 9.77], // Barmstedt
  '01056003': [53.842, 9.752], // Bevern
  '01056004': [53.83, 9.845], // Bilsen
  '01056005': [53.67, 9.912], // Bönningstedt
  '01056006': [53.874, 9.675], // Bokel
  '01056008': [53.792, 9.72], // Bokholt-Hanredder
  '01056009': [53.683, 9.823], // Borstel-Hohenraden
  '01056010': [53.853, 9.717], // Brande-Hörnerkirchen
  '01056011': [53.815, 9.707], // Bullenkuhlen
  '01056013': [53.657, 9.87], // Ellerbek
  '01056014': [53.717, 9.77], // Ellerhoop
  '01056015': [53.753, 9.652], // Elmshorn
  '01056016': [53.7, 9.645], // Groß Nordende
  '01056017': [53.808, 9.68], // Groß Offenseth-Aspern
  '01056018': [53.633, 9.85], // Halstenbek
  '01056019': [53.667, 9.615], // Haselau
  '01056020': [53.637, 9.593], // Haseldorf
  '01056021': [53.697, 9.917], // Hasloh
  '01056022': [53.797, 9.81], // Heede
  '01056023': [53.703, 9.683], // Heidgraben
  '01056024': [53.648, 9.652], // Heist
  '01056025': [54.182, 7.885], // Helgoland (drawn in an inset)
  '01056026': [53.772, 9.832], // Hemdingen
  '01056027': [53.607, 9.617], // Hetlingen
  '01056028': [53.617, 9.667], // Holm
  '01056029': [53.728, 9.655], // Klein Nordende
  '01056030': [53.783, 9.683], // Klein Offenseth-Sparrieshoop
  '01056031': [53.755, 9.703], // Kölln-Reisiek
  '01056032': [53.692, 9.795], // Kummerfeld
  '01056033': [53.733, 9.585], // Seester
  '01056034': [53.822, 9.74], // Langeln
  '01056035': [53.858, 9.79], // Lutzhorn
  '01056036': [53.667, 9.667], // Moorrege
  '01056037': [53.69, 9.617], // Neuendeich
  '01056038': [53.868, 9.72], // Osterhorn
  '01056039': [53.66, 9.799], // Pinneberg
  '01056040': [53.683, 9.767], // Prisdorf
  '01056041': [53.73, 9.902], // Quickborn
  '01056042': [53.765, 9.6], // Raa-Besenbek
  '01056043': [53.65, 9.817], // Rellingen
  '01056044': [53.603, 9.827], // Schenefeld
  '01056045': [53.7, 9.567], // Seestermühe
  '01056046': [53.772, 9.705], // Seeth-Ekholt
  '01056047': [53.68, 9.85], // Tangstedt
  '01056048': [53.7, 9.717], // Tornesch
  '01056049': [53.687, 9.668], // Uetersen
  '01056050': [53.583, 9.7], // Wedel
  '01056051': [53.855, 9.67], // Westerhorn
};

/** Helgoland's key: drawn in an inset box, not at its position. */
export const HELGOLAND = '01056025';
