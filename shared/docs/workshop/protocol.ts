import type { Measure, Method, ParkingItem, VoteResult } from './model';
import type { PublicWorkshop } from './public-view';

/**
 * The protocol of a session, made from its public view only (so it can never contain a card's
 * author or who gave which dots). A plain structure the moderator can edit and the report
 * exporters render (PDF/DOCX): sections in agenda order, then decisions, measures, Themenspeicher.
 */
export interface Protocol {
  title: string;
  groupId: string;
  /** `YYYY-MM-DD`; exporters format it German (`31.12.2025`). */
  date: string;
  place: string;
  attendance: { count: number; names: string[]; proxies: number };
  agenda: { title: string; method: Method; minutes: number }[];
  items: ProtocolItem[];
  decisions: { text: string; itemTitle: string | null }[];
  measures: (Omit<Measure, 'whoId' | 'clusterId'> & { who: string | null; cluster: string | null })[];
  parkingLot: Pick<ParkingItem, 'text' | 'status' | 'source'>[];
  /** When the session started and closed (server ms), from the audit log. */
  startedAt: number | null;
  closedAt: number | null;
}

export interface ProtocolItem {
  title: string;
  method: Method;
  prompt: string;
  /** Kartenabfrage: the revealed cards of this item. */
  cards: string[];
  /** Clusters holding cards of this item (or every cluster for a Clustering/Punktabfrage item), with dots if voted. */
  clusters: { name: string; cards: string[]; dots: number | null }[];
  /** Punktabfrage results, most dots first; null if the vote did not close. */
  vote: { results: VoteResult[]; voters: number; budget: number; maxPerCluster: number } | null;
  /** Blitzlicht answers, if shown. */
  answers: string[];
}

/** Builds the protocol of `view` (normally a closed session's). */
export function generateProtocol(view: PublicWorkshop): Protocol {
  const itemTitle = new Map(view.agenda.map((item) => [item.id, item.title]));
  const names = new Map(view.participants.map((participant) => [participant.id, participant.name]));
  const clusterName = new Map(view.clusters.map((found) => [found.id, found.name]));
  const lastResults = [...view.items].reverse().find((item) => (item.vote?.results ?? null) !== null)?.vote?.results ?? null;
  const dotsOf = (clusterId: string, results: VoteResult[] | null): number | null =>
    results === null ? null : (results.find((result) => result.clusterId === clusterId)?.dots ?? 0);
  const cardsOfCluster = (clusterId: string, itemId?: string) =>
    view.cards.filter((card) => card.clusterId === clusterId && (itemId === undefined || card.itemId === itemId)).map((card) => card.text);
  const items = view.agenda.map((item): ProtocolItem => {
    const state = view.items.find((candidate) => candidate.itemId === item.id);
    const vote = state?.vote;
    const results = vote?.status === 'closed' ? (vote.results ?? []) : null;
    const ownCards = view.cards.filter((card) => card.itemId === item.id);
    const relevantClusters =
      item.method === 'kartenabfrage'
        ? view.clusters.filter((found) => ownCards.some((card) => card.clusterId === found.id))
        : item.method === 'clustering' || item.method === 'punktabfrage'
          ? view.clusters
          : [];
    return {
      title: item.title,
      method: item.method,
      prompt: item.prompt,
      cards: ownCards.map((card) => card.text),
      clusters: relevantClusters.map((found) => ({
        name: found.name,
        cards: cardsOfCluster(found.id, item.method === 'kartenabfrage' ? item.id : undefined),
        dots: dotsOf(found.id, item.method === 'punktabfrage' ? results : item.method === 'clustering' ? lastResults : null),
      })),
      vote:
        vote !== null && vote !== undefined && results !== null
          ? { results, voters: vote.voters, budget: vote.budget, maxPerCluster: vote.maxPerCluster }
          : null,
      answers: state?.blitzlicht?.shown === true ? (state.blitzlicht.answers ?? []) : [],
    };
  });
  const started = view.log.find((entry) => entry.kind === 'phase-started');
  const closed = [...view.log].reverse().find((entry) => entry.kind === 'session-closed');
  return {
    title: view.session.title,
    groupId: view.session.groupId,
    date: view.session.date,
    place: view.session.place,
    attendance: {
      count: view.participants.length,
      names: view.participants.map((participant) => participant.name),
      proxies: view.participants.filter((participant) => participant.kind === 'proxy').length,
    },
    agenda: view.agenda.map(({ title, method, minutes }) => ({ title, method, minutes })),
    items,
    decisions: view.decisions.map((decision) => ({
      text: decision.text,
      itemTitle: decision.itemId === null ? null : (itemTitle.get(decision.itemId) ?? null),
    })),
    measures: view.measures.map(({ whoId, clusterId, ...measure }) => ({
      ...measure,
      who: whoId === null ? null : (names.get(whoId) ?? null),
      cluster: clusterId === null ? null : (clusterName.get(clusterId) ?? null),
    })),
    parkingLot: view.parking.map(({ text, status, source }) => ({ text, status, source })),
    startedAt: started?.at ?? null,
    closedAt: view.session.closedAt ?? closed?.at ?? null,
  };
}
