import { z } from 'zod';
import { Id } from './model';
import type { PublicWorkshop } from './public-view';

/**
 * "Create a proposal from this cluster / measure": the draft's title and opening text, and the link
 * back to the session (to keep in the proposal's `meta` map under `workshopSource`). Pure, from the
 * public view only, so a draft never carries a card's author.
 */
export const WorkshopSource = z.object({
  sessionId: Id,
  kind: z.enum(['cluster', 'measure']),
  id: Id,
  sessionTitle: z.string(),
  date: z.string(),
});
export type WorkshopSource = z.infer<typeof WorkshopSource>;

export interface ProposalDraft {
  title: string;
  /** Paragraphs for the proposal's body, German. */
  paragraphs: string[];
  source: WorkshopSource;
}

/** `2026-03-12` → `12.03.2026`. */
export function germanDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return year !== undefined && month !== undefined && day !== undefined ? `${day}.${month}.${year}` : isoDate;
}

function origin(view: PublicWorkshop): string {
  return `Aus der Sitzung „${view.session.title}“ vom ${germanDate(view.session.date)}`;
}

/** The draft for a cluster: its name, its cards, its dots if a vote closed. Null if it does not exist. */
export function draftFromCluster(view: PublicWorkshop, clusterId: string): ProposalDraft | null {
  const cluster = view.clusters.find((candidate) => candidate.id === clusterId);
  if (cluster === undefined) {
    return null;
  }
  const dots = view.items
    .flatMap((item) => item.vote?.results ?? [])
    .filter((result) => result.clusterId === clusterId)
    .reduce((sum, result) => sum + result.dots, 0);
  const voted = view.items.some((item) => item.vote?.results !== null && item.vote?.results !== undefined);
  const cards = view.cards.filter((card) => card.clusterId === clusterId).map((card) => `– ${card.text}`);
  return {
    title: cluster.name,
    paragraphs: [
      `${origin(view)}, Thema „${cluster.name}“${voted ? ` (${dots} ${dots === 1 ? 'Punkt' : 'Punkte'})` : ''}.`,
      ...(cards.length === 0 ? [] : ['Karten:', ...cards]),
    ],
    source: { sessionId: view.session.id, kind: 'cluster', id: clusterId, sessionTitle: view.session.title, date: view.session.date },
  };
}

/** The draft for a measure: Was, Wer, mit wem, bis wann. Null if it does not exist. */
export function draftFromMeasure(view: PublicWorkshop, measureId: string): ProposalDraft | null {
  const measure = view.measures.find((candidate) => candidate.id === measureId);
  if (measure === undefined) {
    return null;
  }
  const who = view.participants.find((participant) => participant.id === measure.whoId)?.name;
  return {
    title: measure.what,
    paragraphs: [
      `${origin(view)}, Maßnahme „${measure.what}“.`,
      ...(who === undefined ? [] : [`Verantwortlich: ${who}`]),
      ...(measure.withWhom === '' ? [] : [`Mit: ${measure.withWhom}`]),
      ...(measure.due === null ? [] : [`Bis: ${germanDate(measure.due)}`]),
    ],
    source: { sessionId: view.session.id, kind: 'measure', id: measureId, sessionTitle: view.session.title, date: view.session.date },
  };
}
