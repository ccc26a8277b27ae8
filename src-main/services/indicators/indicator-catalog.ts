import type { Indicator } from '../../../shared/indicators/types';

/** A base indicator: one variable (header path) of one GENESIS table, with its German label. */
export interface IndicatorDefinition extends Omit<Indicator, 'periods'> {
  variable: readonly string[];
}

const BEV = 'Fortschreibung des Bevölkerungsstandes zum Stichtag 31.12., Personen mit Hauptwohnsitz in der Gemeinde; ab 2011 auf Grundlage des Zensus 2011.';
const SVB = 'Sozialversicherungspflichtig Beschäftigte nach ihrem Wohnort (nicht Arbeitsort), Stichtag 30.06.; Statistik der Bundesagentur für Arbeit.';
const WANDERUNG = 'Wanderungsstatistik, Jahressumme der Umzüge über die Gemeindegrenze (auch innerhalb des Kreises).';

/** The indicators the app offers; `list()` shows those whose table is in the cache. */
export const BASE_INDICATORS: readonly IndicatorDefinition[] = [
  { id: 'bevoelkerung-insgesamt', label: 'Bevölkerung insgesamt', unit: 'Personen', definition: BEV, tableCode: '12411-01-01-5', variable: ['Insgesamt'] },
  { id: 'bevoelkerung-maennlich', label: 'Bevölkerung männlich', unit: 'Personen', definition: BEV, tableCode: '12411-01-01-5', variable: ['männlich'] },
  { id: 'bevoelkerung-weiblich', label: 'Bevölkerung weiblich', unit: 'Personen', definition: BEV, tableCode: '12411-01-01-5', variable: ['weiblich'] },
  { id: 'kinder-unter-3', label: 'Kinder unter 3 Jahren', unit: 'Personen', definition: BEV, tableCode: '12411-02-03-5', variable: ['Insgesamt', 'unter 3 Jahre'] },
  { id: 'kinder-3-bis-unter-6', label: 'Kinder von 3 bis unter 6 Jahren', unit: 'Personen', definition: BEV, tableCode: '12411-02-03-5', variable: ['Insgesamt', '3 bis unter 6 Jahre'] },
  { id: 'bevoelkerung-75-und-aelter', label: 'Bevölkerung 75 Jahre und älter', unit: 'Personen', definition: BEV, tableCode: '12411-02-03-5', variable: ['Insgesamt', '75 Jahre und mehr'] },
  {
    id: 'durchschnittsalter',
    label: 'Durchschnittsalter der Bevölkerung',
    unit: 'Jahre',
    definition: `Arithmetisches Mittel des Alters der Bevölkerung am 31.12. ${BEV} Hinweis: „-“ (z. B. bei aufgelösten Gemeinden) wird als 0 gespeichert.`,
    tableCode: '12411-07-01-5',
    variable: ['Durchschnittsalter der Bevölkerung'],
  },
  { id: 'sv-beschaeftigte-wohnort', label: 'Sozialversicherungspflichtig Beschäftigte am Wohnort', unit: 'Personen', definition: SVB, tableCode: '13111-02-02-5', variable: ['Insgesamt', 'Insgesamt'] },
  {
    id: 'sv-beschaeftigte-wohnort-auslaendisch',
    label: 'Sozialversicherungspflichtig Beschäftigte am Wohnort, Ausländer(innen)',
    unit: 'Personen',
    definition: `${SVB} Nur Beschäftigte ohne deutsche Staatsangehörigkeit; kleine Zahlen sind geheim („.“).`,
    tableCode: '13111-02-02-5',
    variable: ['Ausländer(innen)', 'Insgesamt'],
  },
  { id: 'zuzuege', label: 'Zuzüge über die Gemeindegrenzen', unit: 'Personen', definition: WANDERUNG, tableCode: '12711-01-03-5', variable: ['Zuzüge über die Gemeindegrenzen', 'Insgesamt', 'Insgesamt'] },
  { id: 'fortzuege', label: 'Fortzüge über die Gemeindegrenzen', unit: 'Personen', definition: WANDERUNG, tableCode: '12711-01-03-5', variable: ['Fortzüge über die Gemeindegrenzen', 'Insgesamt', 'Insgesamt'] },
];

/** The region keys offered in the region picker: Germany, Schleswig-Holstein, Kreis Pinneberg and its municipalities. */
export function isPickerRegion(ags: string): boolean {
  return ags === 'DG' || ags === '01' || ags === '01056' || /^01056\d{3}$/.test(ags);
}
