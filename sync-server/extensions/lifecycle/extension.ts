import type { IncomingMessage, ServerResponse } from 'node:http';
import * as Y from 'yjs';
import { z } from 'zod';
import { checkTransition, mayConfigureRating, mayRate, mayReadGroup, mayReadUnpublishedRatings, mayTrackImplementation, mayWriteGroup } from '../../../shared/access/index.js';
import {
  ImplementationRequest,
  LifecyclePath,
  ProposalRef,
  PublishRatingRequest,
  RateRequest,
  RestoreVersionRequest,
  SaveVersionRequest,
  TransitionRequest,
  type RestoreResponse,
  type TransitionResponse,
} from '../../../shared/docs/lifecycle/api.js';
import {
  Implementation,
  LIFECYCLE_MAP,
  LifecycleKey,
  legacyStatusOf,
  readLifecycle,
  readPublishedRatings,
  type HistoryEntry,
} from '../../../shared/docs/lifecycle/document.js';
import { RatingConfig } from '../../../shared/docs/lifecycle/rating.js';
import { isDecided, STATUS_LABEL_DE } from '../../../shared/docs/lifecycle/status.js';
import { listAllProposals, listProposals, patchProposalSummary } from '../../../shared/docs/proposal.js';
import { Fragment, MapName } from '../../../shared/schema/fragments.js';
import { groupIndexDocName, parseDocName, proposalDocName, type DocName } from '../../../shared/sync/doc-names.js';
import { CloseCode } from '../../../shared/sync/protocol.js';
import type { AuthService } from '../../auth/service.js';
import type { ExtensionHost, Refusal, SyncExtension } from '../../extension.js';
import type { Room } from '../../room.js';
import { commentRoutes } from './comment-routes.js';
import type { Actor, LifecycleContext, Route } from './context.js';
import { LifecycleHttpError, readJson, readQuery, sendError } from './http.js';
import { sendJson } from '../../http-json.js';
import { manageRoutes, purgeExpired } from './manage-routes.js';
import { overviewRoutes } from './overview-routes.js';
import { RatingStore } from './ratings.js';
import { replaceFragmentContent } from './restore-content.js';
import { inspectUpdate } from './update-inspect.js';
import { contentOf, VersionStore } from './versions.js';

/** Options of lifecycleExtension. */
export interface LifecycleExtensionOptions {
  /** null: the server runs without accounts; then every request acts as `admin`. */
  auth: AuthService | null;
  /** The clock of recorded times; default the system clock. */
  now?: (() => Date) | undefined;
  /**
   * Refuse connections to proposals their group's index does not list (close code 4504, transient),
   * so a mistyped address cannot create a phantom proposal. Off by default: tools and tests that
   * write proposal documents without an index keep working.
   */
  requireListed?: boolean | undefined;
  /** The accounts that can be @mentioned; default none (without accounts, @login is taken as written). */
  accounts?: (() => { login: string; name: string }[]) | undefined;
}


const VersionQuery = ProposalRef.extend({ versionId: z.string().min(1).max(100) });
const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2199) });

/**
 * The proposal lifecycle on the server (issue 11): status changes, saved versions, Steuerungsgruppe
 * ratings and implementation tracking as HTTP actions (routes in shared/docs/lifecycle/api.ts), and
 * the rules that keep clients from writing what only the server may write:
 * - every client update to a proposal that touches the `lifecycle` map, or the old status in
 *   `meta` (`status`, `finalizedAt`, `finalizedBy`), is refused (4403);
 * - an update that empties a proposal's title is refused (4403);
 * - a connection to a proposal its group's index does not list is refused with 4504 (transient, so
 *   a client that created the proposal a moment ago gets in once its index entry arrived);
 * - an edit of a decided recommendation marks it "geändert seit Beschluss".
 */
export function lifecycleExtension(options: LifecycleExtensionOptions): SyncExtension {
  let host: ExtensionHost | null = null;
  let versions: VersionStore | null = null;
  let ratings: RatingStore | null = null;
  const now = (): string => (options.now?.() ?? new Date()).toISOString();

  const ready = (): { host: ExtensionHost; versions: VersionStore; ratings: RatingStore } => {
    if (host === null || versions === null || ratings === null) {
      throw new Error('lifecycle extension not configured');
    }
    return { host, versions, ratings };
  };

  const actorOf = (req: IncomingMessage): Actor => {
    if (options.auth === null) {
      const name = String(req.headers['x-fokuswerk-name'] ?? '').slice(0, 100).trim() || 'anonym';
      return { principal: { role: 'admin', groups: [] }, login: name, name };
    }
    const match = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '');
    if (match?.[1] === undefined) {
      throw new LifecycleHttpError('unauthorized', 'Token fehlt (Authorization: Bearer …) / token missing');
    }
    const session = options.auth.session(match[1]);
    if (!session.ok) {
      throw new LifecycleHttpError('unauthorized', session.reason);
    }
    const info = options.auth.accountInfo(session.session.account);
    return { principal: info, login: info.login, name: info.name };
  };

  /** Runs `fn` with the proposal's loaded room; 404 if the group's index does not list it. */
  const withProposal = async <T>(ref: ProposalRef, fn: (room: Room) => T | Promise<T>): Promise<T> => {
    const { host: h } = ready();
    if (!isListed(h, ref.groupId, ref.proposalId)) {
      throw new LifecycleHttpError('not-found', 'Vorschlag nicht gefunden / proposal not found');
    }
    const room = h.openRoom(proposalDocName(ref.groupId, ref.proposalId));
    try {
      return await fn(room);
    } finally {
      h.releaseRoom(room);
    }
  };

  const requireRead = (actor: Actor, groupId: string): void => {
    if (!mayReadGroup(actor.principal, groupId)) {
      throw new LifecycleHttpError('forbidden', 'Kein Zugriff auf diese Gruppe / no access to this group');
    }
  };
  const requireWrite = (actor: Actor, groupId: string): void => {
    if (!mayWriteGroup(actor.principal, groupId)) {
      throw new LifecycleHttpError('forbidden', 'Keine Schreibrechte in dieser Gruppe / no write access to this group');
    }
  };

  const transition = async (req: IncomingMessage, actor: Actor): Promise<TransitionResponse> => {
    const body = await readJson(req, TransitionRequest);
    const reason = body.reason?.trim() || null;
    requireRead(actor, body.groupId);
    return withProposal(body, async (room) => {
      const lifecycle = readLifecycle(room.doc);
      if (lifecycle.status !== body.from) {
        throw new LifecycleHttpError('conflict', `Status ist inzwischen „${STATUS_LABEL_DE[lifecycle.status]}“ / status changed meanwhile`);
      }
      const checked = checkTransition(actor.principal, body.groupId, body.from, body.to, reason);
      if (!checked.ok) {
        throw new LifecycleHttpError(
          checked.refusal === 'forbidden' ? 'forbidden' : checked.refusal,
          checked.refusal === 'forbidden'
            ? 'Diese Statusänderung ist Ihnen nicht erlaubt / you may not make this change'
            : checked.refusal === 'reason-required'
              ? 'Bitte eine Begründung angeben / a reason is required'
              : 'Diese Statusänderung gibt es nicht / no such change',
        );
      }
      const at = now();
      const version = await ready().versions.save(body.groupId, body.proposalId, room.doc, {
        name: `Status: ${STATUS_LABEL_DE[body.to]}`,
        kind: 'status',
        status: body.to,
        by: actor.login,
        byName: actor.name,
        at,
      });
      const entry: HistoryEntry = { from: body.from, to: body.to, by: actor.login, byName: actor.name, at, reason, versionId: version.id };
      const legacy = legacyStatusOf(body.to);
      room.applyServerChange((doc) => {
        const map = doc.getMap(LIFECYCLE_MAP);
        map.set(LifecycleKey.status, body.to);
        map.set(LifecycleKey.history, [...lifecycle.history, entry]);
        if (lifecycle.changedSinceDecision !== null && (!isDecided(body.to) || body.to === 'ag-beschlossen')) {
          map.set(LifecycleKey.changedSinceDecision, null); // decided anew (or reopened): the mark is settled
        }
        const meta = doc.getMap(MapName.meta);
        if (meta.get('status') !== legacy) {
          meta.set('status', legacy);
          meta.set('finalizedAt', legacy === 'final' ? at : null);
          meta.set('finalizedBy', legacy === 'final' ? actor.name : null);
        }
      });
      updateIndex(body.groupId, body.proposalId, (index) => patchProposalSummary(index, body.proposalId, { status: legacy, lifecycle: body.to, updatedAt: at }));
      return { status: body.to, entry };
    });
  };

  const updateIndex = (groupId: string, proposalId: string, change: (doc: Y.Doc) => void): void => {
    const { host: h } = ready();
    const index = h.openRoom(groupIndexDocName(groupId));
    try {
      if (listAllProposals(index.doc).some((summary) => summary.id === proposalId)) {
        index.applyServerChange(change);
      }
    } finally {
      h.releaseRoom(index);
    }
  };

  const restore = async (req: IncomingMessage, actor: Actor): Promise<RestoreResponse> => {
    const body = await readJson(req, RestoreVersionRequest);
    requireWrite(actor, body.groupId);
    const store = ready().versions;
    const old = store.state(body.groupId, body.proposalId, body.versionId);
    if (old === null) {
      throw new LifecycleHttpError('not-found', 'Version nicht gefunden / version not found');
    }
    const content = contentOf(old.doc);
    old.doc.destroy();
    return withProposal(body, async (room) => {
      const status = readLifecycle(room.doc).status;
      const by = { status, by: actor.login, byName: actor.name };
      const before = await store.save(body.groupId, body.proposalId, room.doc, {
        ...by,
        name: `Vor Wiederherstellung von „${old.info.name}“`,
        kind: 'before-restore',
        at: now(),
      });
      room.applyServerChange((doc) => {
        replaceFragmentContent(doc.getXmlFragment(Fragment.proposalBody), content.body);
        replaceFragmentContent(doc.getXmlFragment(Fragment.proposalRecommendation), content.recommendation);
        const meta = doc.getMap(MapName.meta);
        if (content.title.trim() !== '' && meta.get('title') !== content.title) {
          meta.set('title', content.title);
        }
      });
      const restored = await store.save(body.groupId, body.proposalId, room.doc, {
        ...by,
        name: `Wiederhergestellt: ${old.info.name}`,
        kind: 'restore',
        at: now(),
      });
      return { before, restored };
    });
  };

  const publishRating = async (req: IncomingMessage, actor: Actor): Promise<unknown> => {
    const body = await readJson(req, PublishRatingRequest);
    if (!mayRate(actor.principal)) {
      throw new LifecycleHttpError('forbidden', 'Nur die Steuerungsgruppe veröffentlicht Einschätzungen / only the Steuerungsgruppe publishes ratings');
    }
    return withProposal(body, async (room) => {
      const published = await ready().ratings.publish(body.groupId, body.proposalId, body.ratingId, actor.login, now());
      if (published === null) {
        throw new LifecycleHttpError('not-found', 'Einschätzung nicht gefunden / rating not found');
      }
      const copies = readPublishedRatings(room.doc).filter((rating) => rating.id !== published.id);
      room.applyServerChange((doc) => doc.getMap(LIFECYCLE_MAP).set(LifecycleKey.ratings, [...copies, published].sort((a, b) => a.revision - b.revision)));
      return published;
    });
  };

  const implementation = async (req: IncomingMessage, actor: Actor): Promise<Implementation> => {
    const body = await readJson(req, ImplementationRequest);
    if (!mayTrackImplementation(actor.principal, body.groupId)) {
      throw new LifecycleHttpError('forbidden', 'Keine Berechtigung / not allowed');
    }
    return withProposal(body, (room) => {
      const lifecycle = readLifecycle(room.doc);
      if (!['kreistag-beschlossen', 'kreistag-kenntnis', 'in-umsetzung', 'umgesetzt', 'nicht-umgesetzt'].includes(lifecycle.status)) {
        throw new LifecycleHttpError('conflict', 'Umsetzung erst nach dem Kreistag / implementation only after the Kreistag');
      }
      const at = now();
      const notes = [...(lifecycle.implementation?.notes ?? [])];
      if (body.note !== undefined && body.note !== '') {
        notes.push({ at, by: actor.name, text: body.note, percent: body.percent });
      }
      const next = Implementation.parse({ responsible: body.responsible, state: body.state, percent: body.percent, notes, updatedAt: at });
      room.applyServerChange((doc) => doc.getMap(LIFECYCLE_MAP).set(LifecycleKey.implementation, next));
      return next;
    });
  };

  const withRoom = <T>(name: string, fn: (room: Room) => T): T => {
    const { host: h } = ready();
    const room = h.openRoom(name);
    try {
      return fn(room);
    } finally {
      h.releaseRoom(room);
    }
  };
  const context: LifecycleContext = {
    host: () => ready().host,
    now,
    accounts: () => options.accounts?.() ?? [],
    withProposal,
    withRoom,
    readDoc: (name) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, withRoom(name, (room) => Y.encodeStateAsUpdate(room.doc)));
      return doc;
    },
    requireRead,
    requireWrite,
  };
  const groupIds = (): string[] =>
    ready()
      .host.store.documents()
      .flatMap((name) => {
        const doc = parseDocName(name);
        return doc?.kind === 'group-index' ? [doc.groupId] : [];
      });

  const routes: Record<string, Route> = {
    ...commentRoutes(context),
    ...manageRoutes(context),
    ...overviewRoutes(context),
    [LifecyclePath.transition]: transition,
    [LifecyclePath.versions]: (req, actor) => {
      const query = readQuery(req, ProposalRef);
      requireRead(actor, query.groupId);
      return withProposal(query, () => ({ versions: ready().versions.list(query.groupId, query.proposalId) }));
    },
    [LifecyclePath.saveVersion]: async (req, actor) => {
      const body = await readJson(req, SaveVersionRequest);
      requireWrite(actor, body.groupId);
      return withProposal(body, (room) =>
        ready().versions.save(body.groupId, body.proposalId, room.doc, {
          name: body.name,
          kind: 'manual',
          status: readLifecycle(room.doc).status,
          by: actor.login,
          byName: actor.name,
          at: now(),
        }),
      );
    },
    [LifecyclePath.version]: (req, actor) => {
      const query = readQuery(req, VersionQuery);
      requireRead(actor, query.groupId);
      const content = ready().versions.content(query.groupId, query.proposalId, query.versionId);
      if (content === null) {
        throw new LifecycleHttpError('not-found', 'Version nicht gefunden / version not found');
      }
      return content;
    },
    [LifecyclePath.restoreVersion]: restore,
    [LifecyclePath.ratingConfig]: (req) => ready().ratings.config(readQuery(req, YearQuery).year),
    [LifecyclePath.setRatingConfig]: async (req, actor) => {
      const config = await readJson(req, RatingConfig);
      if (!mayConfigureRating(actor.principal)) {
        throw new LifecycleHttpError('forbidden', 'Nur die Stabsstelle legt die Kriterien fest / only the Stabsstelle sets the criteria');
      }
      return ready().ratings.setConfig(config);
    },
    [LifecyclePath.ratings]: (req, actor) => {
      const query = readQuery(req, ProposalRef);
      if (!mayReadUnpublishedRatings(actor.principal)) {
        throw new LifecycleHttpError('forbidden', 'Unveröffentlichte Einschätzungen sind nicht sichtbar / unpublished ratings are not visible');
      }
      return { ratings: ready().ratings.list(query.groupId, query.proposalId) };
    },
    [LifecyclePath.rate]: async (req, actor) => {
      const body = await readJson(req, RateRequest);
      if (!mayRate(actor.principal)) {
        throw new LifecycleHttpError('forbidden', 'Nur die Steuerungsgruppe schätzt ein / only the Steuerungsgruppe rates');
      }
      return withProposal(body, () => ready().ratings.rate(body.groupId, body.proposalId, body.rating, { login: actor.login, name: actor.name, at: now() }));
    },
    [LifecyclePath.publishRating]: publishRating,
    [LifecyclePath.implementation]: implementation,
  };

  const answer = async (req: IncomingMessage, res: ServerResponse, route: Route): Promise<void> => {
    try {
      const result = await route(req, actorOf(req));
      sendJson(res, 200, result);
    } catch (error: unknown) {
      if (!(error instanceof LifecycleHttpError)) {
        host?.logger.error('lifecycle request failed', { error });
      }
      sendError(res, error);
    }
  };

  // Every update passes here: the parsed name of each room is kept instead of parsed per keystroke.
  const docNames = new WeakMap<Room, DocName | null>();
  const guardUpdate = (room: Room, update: Uint8Array): Refusal | undefined => {
    let doc = docNames.get(room);
    if (doc === undefined) {
      doc = parseDocName(room.name);
      docNames.set(room, doc);
    }
    if (doc?.kind === 'group-index') {
      return guardIndexUpdate(room, update);
    }
    if (doc?.kind !== 'proposal') {
      return undefined;
    }
    const changes = inspectUpdate(room.doc, update);
    if (changes === null) {
      return { code: CloseCode.Forbidden, reason: 'Änderung nicht prüfbar / update cannot be checked' };
    }
    if (changes.inserted.some((change) => change.root === LIFECYCLE_MAP) || changes.deleted.some((change) => change.root === LIFECYCLE_MAP)) {
      return { code: CloseCode.Forbidden, reason: 'Status nur über den Server / status is written by the server only' };
    }
    const titles = changes.inserted.filter((change) => change.root === MapName.meta && change.key === 'title');
    const emptyTitle = titles.some((change) => !(typeof change.values?.[0] === 'string' && change.values[0].trim() !== ''));
    const titleRemoved = titles.length === 0 && changes.deleted.some((change) => change.root === MapName.meta && change.key === 'title');
    if (emptyTitle || titleRemoved) {
      return { code: CloseCode.Forbidden, reason: 'Ein Vorschlag braucht einen Titel / a proposal needs a title' };
    }
    const touchesLegacyStatus = [...changes.inserted, ...changes.deleted].some(
      (change) => change.root === MapName.meta && change.key !== null && SERVER_META_KEYS.has(change.key),
    );
    if (touchesLegacyStatus) {
      return { code: CloseCode.Forbidden, reason: 'Status nur über den Server / status is written by the server only' };
    }
    return undefined;
  };

  const watchRecommendation = (room: Room): void => {
    if (parseDocName(room.name)?.kind !== 'proposal') {
      return;
    }
    let pending = false;
    // observeDoc: again on the document that replaces this one if an update made Yjs throw.
    room.observeDoc((doc) => doc.getXmlFragment(Fragment.proposalRecommendation).observeDeep((_events, transaction) => {
      const origin: unknown = transaction.origin;
      if (pending || (typeof origin === 'symbol' && origin.description === 'stored')) {
        return;
      }
      const lifecycle = readLifecycle(room.doc);
      if (!isDecided(lifecycle.status) || lifecycle.changedSinceDecision !== null) {
        return;
      }
      pending = true;
      setImmediate(() => {
        pending = false;
        if (room.doc.isDestroyed) {
          return;
        }
        const current = readLifecycle(room.doc);
        if (isDecided(current.status) && current.changedSinceDecision === null) {
          room.applyServerChange((doc) =>
            doc.getMap(LIFECYCLE_MAP).set(LifecycleKey.changedSinceDecision, { at: now(), status: current.status }),
          );
        }
      });
    }));
  };

  return {
    name: 'lifecycle',
    onConfigure(configured) {
      host = configured;
      versions = new VersionStore(configured.store);
      ratings = new RatingStore(configured.store);
    },
    onServe() {
      try {
        const purged = purgeExpired(context, groupIds(), Date.parse(now()));
        if (purged > 0) {
          host?.logger.info('recycle bin emptied of expired proposals', { purged });
        }
      } catch (error: unknown) {
        host?.logger.error('emptying the recycle bin failed', { error });
      }
    },
    onConnect(connection) {
      const doc = parseDocName(connection.docName);
      if (options.requireListed !== true || doc?.kind !== 'proposal' || host === null || isListed(host, doc.groupId, doc.proposalId)) {
        return undefined;
      }
      return { code: CloseCode.NotListed, reason: 'Vorschlag nicht gefunden / proposal not listed' };
    },
    onUpdate: (_connection, room, update) => guardUpdate(room, update),
    onRoomLoaded: watchRecommendation,
    onRequest(req, res, path) {
      const route = routes[path];
      if (route === undefined) {
        return false;
      }
      void answer(req, res, route);
      return true;
    },
  };
}

/**
 * Keys of a proposal's `meta` map that only the server writes: the old two-state status (`final`
 * counts as decided, so a client could skip the status machine with it) and who finalized when.
 */
const SERVER_META_KEYS: ReadonlySet<string> = new Set(['status', 'finalizedAt', 'finalizedBy']);

/** Index fields only the server sets (status changes, recycle bin, moves). */
const SERVER_INDEX_FIELDS = ['lifecycle', 'deletedAt', 'deletedBy', 'movedTo'] as const;

/**
 * A client may add and edit index entries, but not change what only the server sets (a deletion, a
 * move, the lifecycle status), and never leave a proposal without a title.
 */
function guardIndexUpdate(room: Room, update: Uint8Array): Refusal | undefined {
  const changes = inspectUpdate(room.doc, update);
  if (changes === null) {
    return { code: CloseCode.Forbidden, reason: 'Änderung nicht prüfbar / update cannot be checked' };
  }
  const entries = room.doc.getMap(MapName.proposals);
  for (const change of changes.inserted) {
    if (change.root !== MapName.proposals || change.key === null) {
      continue;
    }
    const next: unknown = change.values?.[0];
    const current: unknown = entries.get(change.key);
    const field = (value: unknown, key: string): unknown => (typeof value === 'object' && value !== null ? ((value as Record<string, unknown>)[key] ?? null) : null);
    if (SERVER_INDEX_FIELDS.some((key) => JSON.stringify(field(next, key)) !== JSON.stringify(field(current, key)))) {
      return { code: CloseCode.Forbidden, reason: 'Nur der Server ändert Status, Papierkorb und Umzug / only the server changes these' };
    }
    const title = field(next, 'title');
    if (typeof title !== 'string' || title.trim() === '') {
      return { code: CloseCode.Forbidden, reason: 'Ein Vorschlag braucht einen Titel / a proposal needs a title' };
    }
  }
  const removed = changes.deleted.filter((change) => change.root === MapName.proposals && change.key !== null);
  if (removed.some((change) => !changes.inserted.some((insert) => insert.root === MapName.proposals && insert.key === change.key))) {
    return { code: CloseCode.Forbidden, reason: 'Löschen nur über den Papierkorb / delete through the recycle bin' };
  }
  return undefined;
}

/** True if the group's index lists the proposal (it exists, or its creation already arrived). */
function isListed(host: ExtensionHost, groupId: string, proposalId: string): boolean {
  const index = host.openRoom(groupIndexDocName(groupId));
  try {
    return listProposals(index.doc).some((summary) => summary.id === proposalId);
  } finally {
    host.releaseRoom(index);
  }
}
