import type * as Y from 'yjs';
import type { z } from 'zod';
import { AgendaItem, Decision, LogEntry, Measure, ParkingItem, Timer } from './model';
import { ItemState, PublicCard, PublicCluster, PublicParticipant, SessionInfo, type PublicWorkshop } from './public-view';

/**
 * The layout of a session's public document `workshop/<sessionId>` (see workshopDocName). Only the
 * server writes it (clients open it read-only); the server rewrites only what changed, so clients
 * receive small updates:
 *
 * | Y type                         | key → value                                                   |
 * | ------------------------------ | ------------------------------------------------------------- |
 * | Map `workshop`                 | `revision` → number, `session` → SessionInfo, `timer` → Timer, `agenda` → AgendaItem[] |
 * | Map `workshop.items`           | item id → ItemState (card counts, vote, Blitzlicht)           |
 * | Map `workshop.cards`           | card id → PublicCard (revealed cards only, no author)         |
 * | Map `workshop.clusters`        | cluster id → PublicCluster                                    |
 * | Map `workshop.participants`    | participant id → PublicParticipant (attendance, "Wer")        |
 * | Map `workshop.parking`         | id → ParkingItem (Themenspeicher)                             |
 * | Map `workshop.measures`        | id → Measure                                                  |
 * | Map `workshop.decisions`       | id → Decision                                                 |
 * | Array `workshop.log`           | LogEntry, appended (audit log of moderator actions)           |
 */
export const WorkshopDocPart = {
  root: 'workshop',
  items: 'workshop.items',
  cards: 'workshop.cards',
  clusters: 'workshop.clusters',
  participants: 'workshop.participants',
  parking: 'workshop.parking',
  measures: 'workshop.measures',
  decisions: 'workshop.decisions',
  log: 'workshop.log',
} as const;

/** Writes `view` into `doc`, changing only entries whose value differs (server side). */
export function writePublicWorkshop(doc: Y.Doc, view: PublicWorkshop): void {
  doc.transact(() => {
    const root = doc.getMap<unknown>(WorkshopDocPart.root);
    setIfChanged(root, 'revision', view.revision);
    setIfChanged(root, 'session', view.session);
    setIfChanged(root, 'timer', view.timer);
    setIfChanged(root, 'agenda', view.agenda);
    syncMap(doc.getMap(WorkshopDocPart.items), view.items, (item) => item.itemId);
    syncMap(doc.getMap(WorkshopDocPart.cards), view.cards, (card) => card.id);
    syncMap(doc.getMap(WorkshopDocPart.clusters), view.clusters, (found) => found.id);
    syncMap(doc.getMap(WorkshopDocPart.participants), view.participants, (participant) => participant.id);
    syncMap(doc.getMap(WorkshopDocPart.parking), view.parking, (entry) => entry.id);
    syncMap(doc.getMap(WorkshopDocPart.measures), view.measures, (measure) => measure.id);
    syncMap(doc.getMap(WorkshopDocPart.decisions), view.decisions, (decision) => decision.id);
    const log = doc.getArray<unknown>(WorkshopDocPart.log);
    if (view.log.length > log.length) {
      log.push(view.log.slice(log.length));
    }
  });
}

/**
 * Reads the public document (client side: projector, participant view, moderator console). Returns
 * null while the document has not arrived yet. Entries that do not parse are skipped.
 */
export function readPublicWorkshop(doc: Y.Doc): PublicWorkshop | null {
  const root = doc.getMap<unknown>(WorkshopDocPart.root);
  const session = SessionInfo.safeParse(root.get('session'));
  const timer = Timer.safeParse(root.get('timer'));
  const agenda = AgendaItem.array().safeParse(root.get('agenda'));
  const revision = root.get('revision');
  if (!session.success || !timer.success || !agenda.success || typeof revision !== 'number') {
    return null;
  }
  return {
    revision,
    session: session.data,
    timer: timer.data,
    agenda: agenda.data,
    items: values(doc.getMap(WorkshopDocPart.items), ItemState),
    cards: values(doc.getMap(WorkshopDocPart.cards), PublicCard).sort((a, b) => a.order - b.order),
    clusters: values(doc.getMap(WorkshopDocPart.clusters), PublicCluster).sort((a, b) => a.order - b.order),
    participants: values(doc.getMap(WorkshopDocPart.participants), PublicParticipant).sort((a, b) => a.name.localeCompare(b.name, 'de')),
    parking: values(doc.getMap(WorkshopDocPart.parking), ParkingItem),
    measures: values(doc.getMap(WorkshopDocPart.measures), Measure),
    decisions: values(doc.getMap(WorkshopDocPart.decisions), Decision),
    log: doc
      .getArray<unknown>(WorkshopDocPart.log)
      .toArray()
      .flatMap((entry) => {
        const parsed = LogEntry.safeParse(entry);
        return parsed.success ? [parsed.data] : [];
      }),
  };
}

function setIfChanged(map: Y.Map<unknown>, key: string, value: unknown): void {
  if (JSON.stringify(map.get(key)) !== JSON.stringify(value)) {
    map.set(key, value);
  }
}

function syncMap<T>(map: Y.Map<unknown>, entries: readonly T[], key: (entry: T) => string): void {
  const wanted = new Map(entries.map((entry) => [key(entry), entry]));
  for (const existing of [...map.keys()]) {
    if (!wanted.has(existing)) {
      map.delete(existing);
    }
  }
  for (const [id, entry] of wanted) {
    setIfChanged(map, id, entry);
  }
}

function values<T extends z.ZodType>(map: Y.Map<unknown>, schema: T): z.infer<T>[] {
  const result: z.infer<T>[] = [];
  map.forEach((value) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      result.push(parsed.data);
    }
  });
  return result;
}
