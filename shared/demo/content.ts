import type { Group } from '../docs/workspace';
import { SNAPSHOT_NODE } from '../schema/snapshot-node';
import { demoSnapshot } from './demo-snapshot';

/** Minimal ProseMirror JSON node, enough to write demo content by hand. */
export type PmNode = { type: string; attrs?: Record<string, unknown>; content?: PmNode[]; text?: string; marks?: { type: string }[] };

const text = (t: string, marks?: string[]): PmNode => (marks ? { type: 'text', text: t, marks: marks.map((type) => ({ type })) } : { type: 'text', text: t });
export const p = (...parts: (string | PmNode)[]): PmNode => ({
  type: 'paragraph',
  content: parts.map((part) => (typeof part === 'string' ? text(part) : part)),
});
export const bold = (t: string): PmNode => text(t, ['bold']);
export const h = (level: 2 | 3, t: string): PmNode => ({ type: 'heading', attrs: { level }, content: [text(t)] });
export const ul = (...items: string[]): PmNode => ({
  type: 'bulletList',
  content: items.map((item) => ({ type: 'listItem', content: [p(item)] })),
});
export const doc = (...content: PmNode[]): PmNode => ({ type: 'doc', content });

/** The working groups of Kreis Pinneberg's fields of action. */
export const DEMO_GROUPS: Group[] = [
  { id: 'wohnen', name: 'Wohnen', description: 'Bezahlbarer Wohnraum, Wohnungslosigkeit, Quartiersentwicklung', order: 1 },
  { id: 'gesundheit-pflege', name: 'Gesundheit und Pflege', description: 'Pflegeinfrastruktur, ambulante Versorgung, Prävention', order: 2 },
  { id: 'armut', name: 'Armut', description: 'Kinder- und Altersarmut, Teilhabe, Grundsicherung', order: 3 },
  { id: 'inklusion', name: 'Inklusion', description: 'Teilhabe von Menschen mit Behinderungen, Barrierefreiheit', order: 4 },
  { id: 'kinder-jugend-familie', name: 'Kinder, Jugend und Familie', description: 'Kita, Schulkindbetreuung, Familienbildung, Jugendhilfe', order: 5 },
  { id: 'arbeit', name: 'Arbeit', description: 'Beschäftigung, Langzeitarbeitslosigkeit, Fachkräftesicherung', order: 6 },
  { id: 'zuwanderung-integration', name: 'Zuwanderung und Integration', description: 'Ankommen, Sprache, Arbeitsmarktintegration', order: 7 },
  { id: 'mobilitaet', name: 'Mobilität', description: 'ÖPNV im ländlichen Raum, barrierefreie Mobilität', order: 8 },
];

/** A demo proposal: body and recommendation as ProseMirror JSON. */
export interface DemoProposal {
  id: string;
  groupId: string;
  title: string;
  createdBy: string;
  createdAt: string;
  status: 'draft' | 'final';
  body: PmNode;
  recommendation: PmNode;
}

/** A few realistic example proposals, one of them already final. */
export const DEMO_PROPOSALS: DemoProposal[] = [
  {
    id: 'seniorenwohnen-uetersen',
    groupId: 'wohnen',
    title: 'Barrierearmes Wohnen für Ältere in Uetersen und Tornesch',
    createdBy: 'Anke Petersen',
    createdAt: '2026-09-14T09:30:00.000Z',
    status: 'draft',
    body: doc(
      h(2, 'Ausgangslage'),
      p('Der Anteil der über 75-Jährigen wächst im Kreis deutlich. In Uetersen und Tornesch fehlen barrierearme Wohnungen mit bezahlbaren Mieten.'),
      ul('Wartelisten der Wohnungsbaugenossenschaften über zwei Jahre', 'kaum geförderter Neubau seit 2015', 'Umzüge ins Pflegeheim, weil die Wohnung nicht angepasst werden kann'),
      h(2, 'Analyse'),
      p('Die Einwohnerzahlen beider Städte sind seit 2008 nahezu unverändert (2011 mit dem Bruch durch den Zensus). Der Kennzahlen-Schnappschuss zeigt die Entwicklung:'),
      { type: SNAPSHOT_NODE, attrs: { snapshot: demoSnapshot() } },
      h(2, 'Begründung'),
      p('Wer im Alter in der eigenen Wohnung bleiben kann, braucht seltener stationäre Pflege. Jeder vermiedene Heimplatz entlastet den Sozialhaushalt des Kreises.'),
    ),
    recommendation: doc(p('Der Kreis legt gemeinsam mit den Städten Uetersen und Tornesch ein Förderprogramm für barrierearmen Umbau im Bestand auf.')),
  },
  {
    id: 'wohnungsnotfallhilfe',
    groupId: 'wohnen',
    title: 'Wohnungsnotfallhilfe kreisweit koordinieren',
    createdBy: 'Jens Hansen',
    createdAt: '2026-06-02T13:00:00.000Z',
    status: 'final',
    body: doc(
      h(2, 'Ausgangslage'),
      p('Die Zuständigkeit für drohende Wohnungslosigkeit ist zwischen Kreis, Ämtern und Städten verteilt. Räumungsklagen werden oft zu spät bekannt.'),
    ),
    recommendation: doc(
      p(bold('Handlungsempfehlung: '), 'Der Kreis richtet eine zentrale Fachstelle Wohnungsnotfallhilfe ein, die Meldungen der Amtsgerichte bündelt und präventiv berät.'),
      ul('Start als Pilot in Elmshorn und Pinneberg', 'Bericht an den Sozialausschuss nach 12 Monaten'),
    ),
  },
  {
    id: 'pflegestuetzpunkt-geest',
    groupId: 'gesundheit-pflege',
    title: 'Pflegeberatung in den Geestgemeinden',
    createdBy: 'Dr. Maren Voss',
    createdAt: '2026-08-21T08:15:00.000Z',
    status: 'draft',
    body: doc(
      h(2, 'Ausgangslage'),
      p('Der Pflegestützpunkt in Elmshorn ist für viele Geestgemeinden ohne Auto schwer erreichbar.'),
    ),
    recommendation: doc(p('Mobile Sprechstunden des Pflegestützpunkts in Barmstedt und Hörnerkirchen einrichten.')),
  },
  {
    id: 'kinderarmut-teilhabe',
    groupId: 'armut',
    title: 'Teilhabeleistungen für Kinder einfacher zugänglich machen',
    createdBy: 'Sabine Lorenzen',
    createdAt: '2026-10-05T10:00:00.000Z',
    status: 'draft',
    body: doc(
      h(2, 'Ausgangslage'),
      p('Leistungen für Bildung und Teilhabe werden nur von einem Teil der berechtigten Familien abgerufen.'),
    ),
    recommendation: doc(p('Antrag auf Bildungs- und Teilhabeleistungen digital und in einfacher Sprache anbieten.')),
  },
];
