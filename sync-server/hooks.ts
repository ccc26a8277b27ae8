import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../shared/log.js';
import type { Authorize, AuthorizeRequest, AuthorizeResult, Grant } from './authorize.js';
import type { ConnectionInfo, Refusal, SyncExtension } from './extension.js';
import type { DocStore, PendingWrite } from './persistence.js';
import type { Room } from './room.js';

/** The extensions' hooks, called in order; see SyncExtension for what each one means. */
export interface Hooks {
  onServe(): void;
  onAuthorize(request: AuthorizeRequest): Promise<AuthorizeResult>;
  onConnect(connection: ConnectionInfo): Refusal | undefined;
  onUpdate(connection: ConnectionInfo, room: Room, update: Uint8Array): Refusal | undefined;
  onConnected(connection: ConnectionInfo): void;
  onDisconnect(connection: ConnectionInfo): void;
  onRoomLoaded(room: Room): void;
  onRoomUnloaded(room: Room): void;
  /** null if no extension listens (then the store is not wrapped). */
  onCommitted: ((writes: readonly PendingWrite[]) => void) | null;
  onAccountsChanged(): void;
  onRequest(req: IncomingMessage, res: ServerResponse, path: string): boolean;
  onClose(): Promise<void>;
}

/**
 * Turns the extensions into one call per hook. Notifications (loaded, committed, disconnect …)
 * reach every extension even if one throws; that one is logged. Vetoes (authorize, connect) and
 * requests stop at the first extension that refuses or answers.
 */
export function collectHooks(extensions: readonly SyncExtension[], authorize: Authorize, logger: Logger): Hooks {
  const notify = <A extends unknown[]>(pick: (extension: SyncExtension) => ((...args: A) => void) | undefined) => {
    const listeners = extensions.flatMap((extension) => {
      const hook = pick(extension);
      return hook === undefined ? [] : [{ name: extension.name, hook: hook.bind(extension) }];
    });
    return (...args: A): void => {
      for (const { name, hook } of listeners) {
        try {
          hook(...args);
        } catch (error: unknown) {
          logger.error('extension hook failed', { extension: name, error });
        }
      }
    };
  };
  const committed = extensions.some((extension) => extension.onCommitted !== undefined)
    ? notify((extension) => extension.onCommitted)
    : null;
  return {
    onServe: notify((extension) => extension.onServe),
    async onAuthorize(request) {
      const own = extensions.reduce<AuthorizeResult | undefined>((found, extension) => found ?? extension.authorizeOwnToken?.(request), undefined);
      let result = own ?? (await authorize(request));
      if ('deny' in result) {
        return result;
      }
      for (const extension of extensions) {
        const veto = await extension.onAuthorize?.(request, result);
        if (veto !== undefined && 'deny' in veto) {
          return veto;
        }
        if (veto !== undefined) {
          result = readOnly(result);
        }
      }
      return result;
    },
    onConnect(connection) {
      for (const extension of extensions) {
        const refusal = extension.onConnect?.(connection);
        if (refusal !== undefined) {
          return refusal;
        }
      }
      return undefined;
    },
    onUpdate(connection, room, update) {
      for (const extension of extensions) {
        const refusal = extension.onUpdate?.(connection, room, update);
        if (refusal !== undefined) {
          return refusal;
        }
      }
      return undefined;
    },
    onConnected: notify((extension) => extension.onConnected),
    onDisconnect: notify((extension) => extension.onDisconnect),
    onRoomLoaded: notify((extension) => extension.onRoomLoaded),
    onRoomUnloaded: notify((extension) => extension.onRoomUnloaded),
    onCommitted: committed,
    onAccountsChanged: notify((extension) => extension.onAccountsChanged),
    onRequest(req, res, path) {
      return extensions.some((extension) => extension.onRequest?.(req, res, path) === true);
    },
    async onClose() {
      for (const extension of extensions) {
        try {
          await extension.onClose?.();
        } catch (error: unknown) {
          logger.error('extension close failed', { extension: extension.name, error });
        }
      }
    },
  };
}

/** The grant narrowed to reading, also when it is re-checked later. */
function readOnly(grant: Grant): Grant {
  const { recheck } = grant;
  return {
    ...grant,
    access: 'read-only',
    ...(recheck === undefined
      ? {}
      : {
          recheck: () => {
            const again = recheck();
            return 'deny' in again ? again : readOnly(again);
          },
        }),
  };
}

/** Wraps `store` so that every committed append and seed is told to `onCommitted` (after the commit). */
export function notifyCommits(store: DocStore, onCommitted: Hooks['onCommitted']): DocStore {
  if (onCommitted === null) {
    return store;
  }
  return {
    load: (doc) => store.load(doc),
    compact: (doc) => store.compact(doc),
    count: (doc) => store.count(doc),
    documents: () => store.documents(),
    close: () => store.close(),
    ready: () => store.ready(),
    ...(store.bindClientId === undefined ? {} : { bindClientId: store.bindClientId.bind(store) }),
    async append(writes) {
      await store.append(writes);
      onCommitted(writes);
    },
    seedIfEmpty(docs) {
      const seeded = store.seedIfEmpty(docs);
      if (seeded) {
        onCommitted([...docs].map(([doc, update]) => ({ doc, update })));
      }
      return seeded;
    },
  };
}
