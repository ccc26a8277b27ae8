import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { processLogger, type Logger } from '../shared/log.js';
import { parseDocName } from '../shared/sync/doc-names.js';
import { CloseCode } from '../shared/sync/protocol.js';
import { AuthService } from './auth/service.js';
import type { AttemptBucketsFactory } from './auth/sign-in-limits.js';
import { SqliteAuthStore, type AuthStore } from './auth/store.js';
import { loadOrCreateKey } from './auth/token.js';
import { allowAll, type Authorize, type AuthorizeResult } from './authorize.js';
import { closeReasons, fitCloseReason } from './close-reasons.js';
import { Connection } from './connection.js';
import { createClientIdRegistry, sqliteClientIdBindings, type ClientIdBindings } from './guards/client-ids.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { openDatabase } from './database.js';
import type { ConnectionInfo, ExtensionHost, SyncExtension } from './extension.js';
import { accountsExtension, authorizeExtension } from './extensions/accounts.js';
import { connectionLimitExtension } from './extensions/connection-limit.js';
import { healthExtension } from './extensions/health.js';
import { metricsExtension } from './extensions/metrics.js';
import { scaleOutExtension, type RoomObserver } from './extensions/scale-out/extension.js';
import { lifecycleExtension } from './extensions/lifecycle/extension.js';
import { workspaceGroupsExtension } from './extensions/workspace-groups.js';
import { workshopExtension } from './extensions/workshop/extension.js';
import { GroupCommit } from './group-commit.js';
import { collectHooks, notifyCommits } from './hooks.js';
import { resolveLimits, type Limits } from './limits.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createDocStore, type DocStore } from './persistence.js';
import { normalizePathPrefix, parseConnectionUrl, type ConnectionRequest } from './request-params.js';
import { DEFAULT_QUOTAS, StorageQuota, type QuotaLimits } from './quota/storage-quota.js';
import { Room } from './room.js';
import { validateUpdate } from './validate.js';

export type { RoomObserver } from './extensions/scale-out/extension.js';
export type { SyncExtension } from './extension.js';

/** Options of createSyncServer. */
export interface SyncServerOptions {
  /** Directory of the SQLite database; created if missing. */
  dataDir: string;
  /** Defaults to JSON lines on stderr at level info. */
  logger?: Logger;
  limits?: Partial<Limits>;
  /**
   * Accounts and access control (off by default: the demo and the embedded server have no
   * accounts). On: every connection needs a valid token, see shared/access/ for the rules.
   */
  auth?: boolean | AuthSettings;
  /** Custom access decision (tests, embedders); not together with `auth`. Default: read-write for everyone. */
  authorize?: Authorize;
  /** Browser origins allowed to call /auth/* cross-origin. */
  corsOrigins?: readonly string[];
  /** Serve wss:// and https:// with this PEM certificate (chain) and key. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** Serve documents below this path, e.g. '/sync' → ws://host/sync/workspace. */
  pathPrefix?: string;
  /** better-sqlite3 addon built for the running ABI; needed inside Electron. */
  nativeBinding?: string;
  /**
   * Store documents here instead of in the SQLite database of `dataDir` (which keeps the accounts).
   * Scale-out: PostgreSQL, see extensions/scale-out/. The server closes it on close().
   */
  docStore?: DocStore;
  /** Told when a document is loaded into memory and when it is unloaded (scale-out: Redis, see extensions/scale-out/). */
  roomObserver?: RoomObserver;
  /**
   * Take the device address for sign-in limits from X-Forwarded-For when a request comes from this
   * machine: set when a browser-mode host or reverse proxy next to the server forwards sign-ins.
   */
  trustProxy?: boolean;
  /** Storage quotas per working group and account (quota/storage-quota.ts); defaults in DEFAULT_QUOTAS. */
  quotas?: Partial<QuotaLimits>;
  /**
   * Keep accounts (and the token signing key) here instead of in the data directory (scale-out:
   * PostgreSQL, see extensions/scale-out/pg-auth-store.ts). The caller closes it after close().
   */
  accounts?: { store: AuthStore; key: Buffer };
  /** Where sign-in attempts are counted; default in memory. A cluster shares them through Redis. */
  signInBuckets?: AttemptBucketsFactory;
  /**
   * Where the client ids bound to accounts are kept (guards/client-ids.ts); default the data
   * directory's database. A cluster keeps them in PostgreSQL, so every instance enforces them.
   */
  clientIdBindings?: ClientIdBindings;
  /** Lets requests from other machines read `/metrics` with `Authorization: Bearer <token>`; see metrics-access.ts. */
  metricsToken?: string;
  /** Refuse connections to proposals their group's index does not list (4504); see extensions/lifecycle/. */
  requireListedProposals?: boolean;
  /** The clock of server-recorded times (status changes, versions, ratings); tests set it. */
  now?: () => Date;
  /**
   * More server concerns (feature rules, scale-out …), see extension.ts. Their hooks run after
   * the scale-out options' and before the built-in ones.
   */
  extensions?: readonly SyncExtension[];
}

/** Settings of accounts and access control. */
export interface AuthSettings {
  /** Lifetime of issued access tokens; default 12 h. */
  tokenTtlSeconds?: number;
  /** How often open connections are re-checked against the account database; default 1000 ms. */
  recheckIntervalMs?: number;
}

/** A running sync server; see createSyncServer. */
export interface SyncServer {
  /**
   * Takes over a WebSocket upgrade from a host's http.Server. Returns false, without touching the
   * socket, if the URL lies outside the path prefix, so the host can route it elsewhere.
   */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /**
   * Answers the server's HTTP endpoints below the path prefix (`/healthz`, `/metrics`, `/auth/*`)
   * for a host that mounts the server; false, without touching `res`, for any other path.
   */
  handleHttp(req: IncomingMessage, res: ServerResponse): boolean;
  /** Starts an own HTTP(S) server (WebSocket + HTTP endpoints); resolves with its ws:// or wss:// URL. */
  listen(port: number, host?: string): Promise<{ url: string; port: number }>;
  /** Closes all sockets with 1001, writes everything queued and closes the database. Idempotent. */
  close(): Promise<void>;
  /** Stores initial updates only if the database holds no document at all; true if it seeded. */
  seedIfEmpty(docs: Record<string, Uint8Array>): Promise<boolean>;
  /** The document's current state as one Yjs update (empty document if it was never written). */
  getDocState(name: string): Promise<Uint8Array>;
  /** Writes queued updates of every loaded document now; true once they are durable. */
  flush(): Promise<boolean>;
  /** Accounts and tokens, if the server runs with `auth`. */
  readonly auth: { service: AuthService; store: AuthStore } | null;
  readonly metrics: Metrics;
}

const NOT_FOUND = JSON.stringify({ error: 'not found' });
const DEFAULT_RECHECK_MS = 1_000;
/** How often charges against the per-account quota are written to the account store. */
const QUOTA_FLUSH_MS = 5_000;

/**
 * Creates a sync server storing its documents in `options.dataDir`; opens the database at once.
 * The server is the assembly of its extensions (see extension.ts): the core below owns sockets,
 * rooms and the commit path; accounts, limits, HTTP endpoints and scale-out are extensions.
 */
export function createSyncServer(options: SyncServerOptions): SyncServer {
  const logger = options.logger ?? processLogger(process);
  const limits = resolveLimits(options.limits);
  const pathPrefix = normalizePathPrefix(options.pathPrefix);
  if (options.auth && options.authorize !== undefined) {
    throw new TypeError('auth und authorize schließen sich aus / auth and authorize are exclusive');
  }
  // One server per data directory: a second one (or a restore) would work on a database under it.
  const lock = acquireDataDirLock(options.dataDir, options.nativeBinding);
  let db;
  try {
    db = openDatabase(options.dataDir, options.nativeBinding);
  } catch (error: unknown) {
    lock.release();
    throw error;
  }
  const authStore: AuthStore = options.accounts?.store ?? new SqliteAuthStore(db);
  const authSettings: AuthSettings = typeof options.auth === 'object' ? options.auth : {};
  const auth = options.auth
    ? {
        service: new AuthService(authStore, options.accounts?.key ?? loadOrCreateKey(options.dataDir), authSettings.tokenTtlSeconds),
        store: authStore,
      }
    : null;
  const rooms = new Map<string, Room>();
  /** Connections admitted to a document (for the gauge and the re-checks). */
  const attached = new Set<Connection>();
  const metrics = createMetrics({ connections: () => attached.size, documents: () => rooms.size });

  const extensions: SyncExtension[] = [
    ...(options.docStore === undefined && options.roomObserver === undefined
      ? []
      : [scaleOutExtension({
          ...(options.docStore === undefined ? {} : { docStore: options.docStore }),
          ...(options.roomObserver === undefined ? {} : { roomObserver: options.roomObserver }),
        })]),
    ...(options.extensions ?? []),
    accountsExtension({
      auth,
      corsOrigins: options.corsOrigins ?? [],
      logger: logger.child({ service: 'auth' }),
      metrics,
      trustProxy: options.trustProxy ?? false,
      ...(options.signInBuckets === undefined ? {} : { signInBuckets: options.signInBuckets }),
    }),
    ...(auth === null && (options.authorize !== undefined || !options.extensions?.some((extension) => extension.authorize))
      ? [authorizeExtension(options.authorize ?? allowAll)]
      : []),
    workshopExtension({
      database: db,
      auth,
      logger: logger.child({ service: 'workshop' }),
      corsOrigins: options.corsOrigins ?? [],
      trustProxy: options.trustProxy ?? false,
    }),
    connectionLimitExtension(limits.maxConnectionsPerUser),
    workspaceGroupsExtension(() => authStore.groups()),
    lifecycleExtension({
      auth: auth?.service ?? null,
      now: options.now,
      requireListed: options.requireListedProposals,
      accounts: () => (auth === null ? [] : authStore.accounts().map(({ login, name }) => ({ login, name }))),
    }),
    healthExtension(),
    metricsExtension(metrics, options.metricsToken),
  ];
  const suppliedStores = extensions.flatMap((extension) => (extension.docStore === undefined ? [] : [extension.docStore]));
  const authorities = extensions.flatMap((extension) => (extension.authorize === undefined ? [] : [extension.authorize]));
  if (suppliedStores.length > 1 || authorities.length !== 1) {
    db.close();
    lock.release();
    throw new TypeError(
      suppliedStores.length > 1
        ? 'Mehrere Erweiterungen liefern einen Dokumentspeicher / more than one extension supplies a document store'
        : 'Genau eine Erweiterung muss über den Zugang entscheiden / exactly one extension must supply authorize',
    );
  }
  const hooks = collectHooks(extensions, authorities[0] ?? allowAll, logger);
  const store = notifyCommits(suppliedStores[0] ?? createDocStore(db, options.nativeBinding), hooks.onCommitted);

  // ws buffers at most this much per frame; frames between maxMessageBytes and this cap are refused
  // with our TooLarge close code, larger ones by ws itself with 1009.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes * 2, perMessageDeflate: false });
  const sockets = new Set<WebSocket>();
  const connections = new Set<Connection>();
  let nextConnectionId = 1;
  const commits = new GroupCommit(store, metrics, logger);
  const bindClientId = store.bindClientId?.bind(store);
  const clientIds = createClientIdRegistry(
    options.clientIdBindings ??
      sqliteClientIdBindings(
        db,
        bindClientId &&
          ((doc, client, owner) => {
            // Not awaited: the writer answers in order, so the binding is stored before the commit of
            // the update that made it, and close() waits for it like for every write.
            bindClientId(doc, client, owner).catch((error: unknown) => logger.error('storing a client-id binding failed', { doc, error }));
          }),
      ),
  );
  const quota = new StorageQuota(
    store,
    { ...DEFAULT_QUOTAS, ...options.quotas },
    (name) => rooms.get(name)?.storedBytes ?? null,
    undefined,
    authStore,
  );
  const flushQuota = (): void => {
    try {
      quota.flush();
    } catch (error: unknown) {
      logger.error('storing account usage failed', { error });
    }
  };
  const quotaTimer = setInterval(flushQuota, QUOTA_FLUSH_MS);
  quotaTimer.unref();
  let httpServer: Server | null = null;
  let closePromise: Promise<void> | null = null;

  const heartbeat =
    limits.pingIntervalMs > 0
      ? setInterval(() => {
          for (const connection of connections) {
            connection.heartbeat();
          }
        }, limits.pingIntervalMs)
      : null;
  heartbeat?.unref();

  const unloadRoom = (room: Room): void => {
    if (room.peerCount > 0 || rooms.get(room.name) !== room || closePromise !== null) {
      return;
    }
    if (!room.settled) {
      // Unload only what is written: a reload reads the database. After a failed commit the room
      // stays loaded (the commit is retried) until the next client leaves.
      void commits.flush().then((ok) => {
        if (ok) {
          unloadRoom(room);
        }
      });
      return;
    }
    room.destroy();
    rooms.delete(room.name);
    hooks.onRoomUnloaded(room);
    logger.debug('document unloaded', { doc: room.name });
  };

  const resetRoom = (room: Room): void => {
    if (rooms.get(room.name) !== room) {
      return;
    }
    logger.error('document reset: reloading it from the database', { doc: room.name });
    rooms.delete(room.name);
    for (const connection of connections) {
      if (connection.roomName === room.name) {
        connection.close(CloseCode.InternalError, closeReasons.documentReset);
      }
    }
    room.destroy();
    hooks.onRoomUnloaded(room);
  };

  const getRoom = (name: string): Room => {
    let room = rooms.get(name);
    if (room === undefined) {
      room = new Room(name, store, limits, logger.child({ doc: name }), unloadRoom, metrics, commits);
      rooms.set(name, room);
      hooks.onRoomLoaded(room);
    }
    return room;
  };

  const host: ExtensionHost = { logger, limits, metrics, openRoom: getRoom, releaseRoom: unloadRoom, store };
  for (const extension of extensions) {
    extension.onConfigure?.(host);
  }

  const refuse = (ws: WebSocket, request: Exclude<ConnectionRequest, { ok: true }>): void => {
    if (request.error === 'protocol-mismatch') {
      logger.info('connection refused: protocol version', { clientVersion: request.clientVersion });
      ws.close(CloseCode.ProtocolMismatch, fitCloseReason(closeReasons.protocolMismatch(request.clientVersion)));
    } else if (request.error === 'unknown-document') {
      logger.info('connection refused: unknown document', { name: request.name });
      ws.close(CloseCode.UnknownDocument, fitCloseReason(closeReasons.unknownDocument(request.name)));
    } else {
      ws.close(CloseCode.UnknownDocument, fitCloseReason(closeReasons.unknownDocument('')));
    }
  };

  const onConnection = async (ws: WebSocket, socket: Duplex, req: IncomingMessage, request: ConnectionRequest): Promise<void> => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    if (!request.ok) {
      refuse(ws, request);
      return;
    }
    const id = nextConnectionId++;
    const connLogger = logger.child({ conn: id, doc: request.docName });
    const caps = { wantsStoredAcks: request.wantsStoredAcks, wantsAccessMessages: request.wantsAccessMessages };
    const info: ConnectionInfo = {
      id,
      docName: request.docName,
      get identity() {
        return connection.identity;
      },
    };
    const connection: Connection = new Connection(id, ws, caps, limits, connLogger, {
      onClosed: (closed) => {
        connections.delete(closed);
        if (attached.delete(closed)) {
          hooks.onDisconnect(info);
        }
      },
      onBrokenRoom: resetRoom,
      vetoUpdate: (room, update) => hooks.onUpdate(info, room, update),
      chargeQuota: (room, login, bytes) => quota.charge(room, login, bytes),
    }, metrics, clientIds, socket);
    connections.add(connection);
    let result: AuthorizeResult;
    try {
      result = await hooks.onAuthorize({ req, docName: request.docName, token: request.token });
    } catch (error: unknown) {
      connLogger.error('authorize failed', { error });
      connection.close(CloseCode.InternalError, closeReasons.internalError);
      return;
    }
    if ('deny' in result) {
      connLogger.info('connection denied', { deny: result.deny });
      const code = result.deny === 'unauthorized' ? CloseCode.Unauthorized : CloseCode.Forbidden;
      connection.close(code, result.reason ?? closeReasons[result.deny]);
      return;
    }
    const login = result.identity?.login;
    const candidate: ConnectionInfo = { id, docName: request.docName, identity: result.identity ?? null };
    const refusal = hooks.onConnect(candidate);
    if (refusal !== undefined) {
      connLogger.warn('connection refused by an extension', { login, code: refusal.code, reason: refusal.reason });
      connection.close(refusal.code, refusal.reason);
      return;
    }
    if (closePromise !== null) {
      connection.close(CloseCode.GoingAway, closeReasons.shuttingDown);
      return;
    }
    let room: Room;
    try {
      room = getRoom(request.docName);
    } catch (error: unknown) {
      connLogger.error('loading document failed', { error });
      connection.close(CloseCode.InternalError, closeReasons.internalError);
      return;
    }
    if (connection.isClosing) {
      return; // the client left while authorization or loading was pending
    }
    attached.add(connection);
    metrics.connectionsOpened.inc();
    connection.attach(room, result);
    hooks.onConnected(info);
    connLogger.debug('connection opened', { access: result.access, login, storedAcks: request.wantsStoredAcks });
  };

  let authRevision = authStore.revision();
  /** Closes connections whose token expired; after account changes, re-checks every connection. */
  const recheckConnections = (): void => {
    const now = Date.now();
    const revision = authStore.revision();
    const changed = revision !== authRevision;
    authRevision = revision;
    if (changed) {
      hooks.onAccountsChanged();
    }
    for (const connection of attached) {
      if (changed) {
        connection.recheck(now);
      } else {
        connection.closeIfExpired(now);
      }
    }
  };
  const recheckTimer = setInterval(() => {
    try {
      recheckConnections();
    } catch (error: unknown) {
      logger.error('re-checking connections failed', { error });
    }
  }, authSettings.recheckIntervalMs ?? DEFAULT_RECHECK_MS);
  recheckTimer.unref();
  // A store that announces changes (PostgreSQL NOTIFY) gets them re-checked at once, not at the next poll.
  let recheckSoon: NodeJS.Immediate | null = null;
  const stopWatching = authStore.watch?.(() => {
    recheckSoon ??= setImmediate(() => {
      recheckSoon = null;
      try {
        recheckConnections();
      } catch (error: unknown) {
        logger.error('re-checking connections failed', { error });
      }
    });
  });
  let serving = false;
  const serveOnce = (): void => {
    if (!serving) {
      serving = true;
      hooks.onServe();
    }
  };

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    const request = parseConnectionUrl(req.url ?? '/', pathPrefix);
    if (!request.ok && request.error === 'outside-prefix') {
      return false;
    }
    if (closePromise !== null) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return true;
    }
    serveOnce();
    wss.handleUpgrade(req, socket, head, (ws) => {
      void onConnection(ws, socket, req, request);
    });
    return true;
  };

  const handleHttp = (req: IncomingMessage, res: ServerResponse): boolean => {
    let path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathPrefix !== '') {
      if (!path.startsWith(`${pathPrefix}/`)) {
        return false;
      }
      path = path.slice(pathPrefix.length);
    }
    return hooks.onRequest(req, res, path);
  };

  const answerHttp = (req: IncomingMessage, res: ServerResponse): void => {
    if (!handleHttp(req, res)) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(NOT_FOUND);
    }
  };

  const listen = async (port: number, host = '127.0.0.1'): Promise<{ url: string; port: number }> => {
    serveOnce();
    // Listening means ready to store: the first commit does not wait for the writer to start.
    await store.ready();
    if (httpServer !== null) {
      throw new Error('Server lauscht bereits / server is already listening');
    }
    const server = options.tls === undefined ? createServer(answerHttp) : createTlsServer(options.tls, answerHttp);
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (!handleUpgrade(req, socket, head)) {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      }
    });
    httpServer = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `${options.tls === undefined ? 'ws' : 'wss'}://${urlHost}:${address.port}${pathPrefix}`;
    logger.info('listening', { url });
    return { url, port: address.port };
  };

  const flush = (): Promise<boolean> => commits.flush();

  const shutdown = async (): Promise<void> => {
    if (heartbeat !== null) {
      clearInterval(heartbeat);
    }
    clearInterval(recheckTimer);
    clearInterval(quotaTimer);
    if (recheckSoon !== null) {
      clearImmediate(recheckSoon);
    }
    await stopWatching?.();
    const server = httpServer;
    const serverClosed =
      server === null ? Promise.resolve() : new Promise<void>((resolve) => server.close(() => resolve()));
    const socketsClosed = [...sockets].map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === ws.CLOSED) {
            resolve();
            return;
          }
          ws.once('close', () => resolve());
          if (ws.readyState === ws.OPEN) {
            ws.close(CloseCode.GoingAway, closeReasons.shuttingDown);
          }
        }),
    );
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), limits.closeTimeoutMs).unref());
    if ((await Promise.race([Promise.all(socketsClosed), timeout])) === 'timeout') {
      logger.warn('clients did not close in time; terminating them', { sockets: sockets.size });
      for (const ws of sockets) {
        ws.terminate();
      }
    }
    for (const room of rooms.values()) {
      room.destroy();
      hooks.onRoomUnloaded(room);
    }
    rooms.clear();
    // The destroyed rooms' queues are still written; then the store (and its writer) closes.
    if (!(await commits.flush())) {
      logger.error('closing with unwritten updates: the last commit failed');
    }
    flushQuota();
    await store.close();
    if (suppliedStores.length > 0) {
      db.close(); // the accounts' database; the default store closes it itself
    }
    lock.release();
    server?.closeAllConnections();
    await serverClosed;
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await hooks.onClose();
    logger.info('closed');
  };

  return {
    handleUpgrade,
    handleHttp,
    listen,
    flush,
    auth,
    metrics,
    close() {
      closePromise ??= shutdown();
      return closePromise;
    },
    seedIfEmpty: async (docs) => {
      const seeds = new Map<string, Uint8Array>();
      for (const [name, update] of Object.entries(docs)) {
        if (parseDocName(name) === null) {
          throw new TypeError(`Unbekanntes Dokument „${name}“ / unknown document name`);
        }
        validateUpdate(update);
        seeds.set(name, update);
      }
      await commits.flush();
      const seeded = store.seedIfEmpty(seeds);
      if (seeded) {
        for (const [name, update] of seeds) {
          rooms.get(name)?.applyStoredUpdate(update);
        }
        logger.info('database seeded', { docs: [...seeds.keys()] });
      }
      return seeded;
    },
    getDocState: (name) => settle(() => {
      if (parseDocName(name) === null) {
        throw new TypeError(`Unbekanntes Dokument „${name}“ / unknown document name`);
      }
      const room = rooms.get(name);
      if (room !== undefined) {
        return Y.encodeStateAsUpdate(room.doc);
      }
      const stored = store.load(name);
      return stored.updates.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : Y.mergeUpdates(stored.updates);
    }),
  };
}

/** Runs `fn` now and turns its result or exception into a promise. */
function settle<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => resolve(fn()));
}
