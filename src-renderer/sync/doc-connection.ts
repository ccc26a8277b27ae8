import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as decoding from 'lib0/decoding';
import { fromBase64, toBase64 } from 'lib0/buffer';
import {
  CAPABILITIES_PARAM,
  CAPABILITY_ACCESS,
  CAPABILITY_STORED,
  CloseCode,
  MESSAGE_ACCESS,
  MESSAGE_STORED,
  PROTOCOL_VERSION_PARAM,
  SYNC_PROTOCOL_VERSION,
  TOKEN_PARAM,
} from '../../shared/sync/protocol';
import { readAccessPayload } from '../../shared/sync/access-message';
import { decodeStoredAck, snapshotCovers } from '../../shared/sync/stored';
import { sendOwnAwarenessOnly } from '../../shared/sync/awareness-echo';
import { localCopyName, PENDING_KEY, PENDING_SINCE_KEY, unconfirmedKey } from './local-copy-names';

/** State of the connection to the sync server. */
export type ConnectionState = 'connecting' | 'connected' | 'offline' | 'refused';

/** What the UI shows about one document. */
export interface SyncStatus {
  connection: ConnectionState;
  /** The local copy (IndexedDB) has been loaded. */
  localLoaded: boolean;
  /** The first exchange with the server has completed in this session. */
  serverSynced: boolean;
  /** Local changes the server has not yet confirmed as durably stored. */
  unsynced: number;
  /** When the oldest of those changes was made (ms since 1970), kept with the local copy; null when there are none. */
  pendingSince: number | null;
  /** Close reason from the server when it refused the connection (for logs; the UI says it by code). */
  refusedReason: string | null;
  /** Close code from the server when it refused the connection (shared/sync/protocol.ts CloseCode). */
  refusedCode: number | null;
  /** The server lets this account read but not change the document. */
  readOnly: boolean;
}

/** How a DocConnection reaches the server, and whom to tell when the sign-in is no longer valid. */
export interface ConnectionOptions {
  syncUrl: string;
  token: string | null;
  onUnauthorized?: () => void;
  /** Whose local copies these are: the account's login, '' without accounts (see local-copy-names.ts). */
  localScope: string;
}

const STORED_KEY = 'fokuswerk:stored-snapshot';
/** Origin of changes restored from the localStorage copy of unconfirmed changes (see rescue()). */
const RESCUE_ORIGIN = Symbol('rescued-from-local-storage');

/**
 * One collaborative document: a Y.Doc kept in IndexedDB (so edits survive restarts and offline
 * periods) and synced through the y-websocket protocol.
 *
 * Why IndexedDB in the renderer rather than a store in the Node host: the renderer is where edits
 * happen, and on iPads in browser mode the host is a server across the network. Keeping the local
 * copy next to the editor makes offline work identical on desktop, browser and iPad.
 */
export class DocConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly whenLocalLoaded: Promise<void>;
  private readonly persistence: IndexeddbPersistence;
  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private stored: Y.Snapshot | null = null;
  private status: SyncStatus = { connection: 'connecting', localLoaded: false, serverSynced: false, unsynced: 0, pendingSince: null, refusedReason: null, refusedCode: null, readOnly: false };
  private checkTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;
  /** Writes to the local copy still running; closing waits for them (a write on a closing database throws). */
  private readonly writes = new Set<Promise<unknown>>();
  private persistedPending = 0;
  /** localStorage key of the synchronous copy of unconfirmed changes, written when the page goes away. */
  private readonly unconfirmedKey: string;

  constructor(
    readonly name: string,
    options: ConnectionOptions,
  ) {
    const copyName = localCopyName(options.localScope, name);
    this.unconfirmedKey = unconfirmedKey(copyName);
    this.persistence = new IndexeddbPersistence(copyName, this.doc);
    this.whenLocalLoaded = this.persistence.whenSynced.then(async () => {
      if (this.destroyed) {
        return;
      }
      const [storedBytes, pending, since] = await this.track(
        Promise.all([this.persistence.get(STORED_KEY), this.persistence.get(PENDING_KEY), this.persistence.get(PENDING_SINCE_KEY)]) as Promise<unknown[]>,
      );
      if (this.destroyed) {
        return;
      }
      // An acknowledgement that arrived over the connection while IndexedDB was still loading is
      // newer than the one kept from last time; the older one must not replace it.
      if (storedBytes instanceof ArrayBuffer && this.stored === null) {
        this.stored = safeDecode(new Uint8Array(storedBytes));
      }
      this.restoreRescued();
      const restoredPending = typeof pending === 'number' ? pending : 0;
      this.persistedPending = restoredPending;
      const unsynced = Math.max(this.status.unsynced, restoredPending);
      // The oldest unconfirmed change: the one kept from last time (if its time was kept) or one typed since loading.
      const restoredSince = restoredPending > 0 && typeof since === 'number' && since > 0 ? since : null;
      const candidates = [restoredSince, this.status.pendingSince].filter((t): t is number => t !== null);
      const pendingSince = unsynced === 0 ? null : candidates.length > 0 ? Math.min(...candidates) : Date.now();
      this.update({ localLoaded: true, unsynced, pendingSince });
      this.scheduleCheck();
    }).catch((error: unknown) => {
      // Closed while loading (sign-out, page left): nothing to load into any more.
      if (!this.destroyed) {
        throw error;
      }
    });

    this.provider = new WebsocketProvider(options.syncUrl, name, this.doc, {
      connect: navigator.onLine,
      params: {
        [PROTOCOL_VERSION_PARAM]: String(SYNC_PROTOCOL_VERSION),
        [CAPABILITIES_PARAM]: `${CAPABILITY_STORED},${CAPABILITY_ACCESS}`,
        ...(options.token ? { [TOKEN_PARAM]: options.token } : {}),
      },
      maxBackoffTime: 4000,
    });
    sendOwnAwarenessOnly(this.provider);
    this.provider.messageHandlers[MESSAGE_STORED] = (_encoder, decoder) => {
      this.onStored(decoding.readVarUint8Array(decoder));
    };
    this.provider.messageHandlers[MESSAGE_ACCESS] = (_encoder, decoder) => {
      const access = readAccessPayload(decoder);
      if (access) {
        this.update({ readOnly: access === 'read-only' });
      }
    };
    this.provider.on('status', ({ status }) => {
      this.update({ connection: status === 'connected' ? 'connected' : navigator.onLine ? 'connecting' : 'offline' });
    });
    this.provider.on('sync', (synced: boolean) => {
      if (synced) {
        this.update({ serverSynced: true });
      }
    });
    // 'closed' comes last, after the status change: the server refused for good (44xx close codes).
    this.provider.on('closed', ({ code, reason }: { code: number; reason: string }) => {
      this.update({ connection: 'refused', refusedReason: reason || String(code), refusedCode: code });
      if (code === CloseCode.Unauthorized) {
        options.onUnauthorized?.();
      }
    });
    this.doc.on('update', this.onUpdate);
    window.addEventListener('offline', this.onOffline);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('pagehide', this.rescue);
    document.addEventListener('visibilitychange', this.onVisibilityChange);
    if (!navigator.onLine) {
      this.status.connection = 'offline';
    }
  }

  /** Uses a new access token from the next connection on; reconnects if the old one was refused. */
  setToken(token: string): void {
    this.provider.params[TOKEN_PARAM] = token;
    if (this.status.connection === 'refused') {
      this.update({ connection: 'connecting', refusedReason: null, refusedCode: null });
      this.provider.connect();
    }
  }

  /** Current status; subscribe() for changes. */
  getStatus(): SyncStatus {
    return this.status;
  }

  /** Calls `listener` on every status change; returns the unsubscribe function. */
  subscribe(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Stops syncing and releases the document (the local copy stays in IndexedDB). Resolves once the
   * local database is closed, so that it can be deleted right after (sign-out) without a
   * "database connection is closing" error from a write still under way.
   */
  async destroy(): Promise<void> {
    if (this.destroyed) {
      return;
    }
    this.destroyed = true;
    if (this.checkTimer) {
      clearTimeout(this.checkTimer);
    }
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('pagehide', this.rescue);
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
    this.doc.off('update', this.onUpdate);
    this.provider.destroy();
    await Promise.allSettled([...this.writes]);
    try {
      await this.persistence.destroy();
    } catch {
      // The database failed to open in the first place: nothing to close.
    }
    this.doc.destroy();
  }

  /** Runs one read or write of the local copy so that destroy() waits for it; failures after destroy are expected. */
  private track<T>(operation: Promise<T>): Promise<T> {
    this.writes.add(operation);
    const done = (): void => {
      this.writes.delete(operation);
    };
    operation.then(done, done);
    return operation;
  }

  private write(key: string, value: ArrayBuffer | number): void {
    if (this.destroyed) {
      return;
    }
    this.track(this.persistence.set(key, value)).catch(() => {
      // Lost only if the local database went away (deleted by another tab, storage cleared).
    });
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin === this.provider || origin === this.persistence) {
      return;
    }
    this.update({ unsynced: this.status.unsynced + 1, pendingSince: this.status.pendingSince ?? Date.now() });
    this.scheduleCheck();
  };

  private readonly onOffline = (): void => {
    this.provider.disconnect();
    this.update({ connection: 'offline' });
  };

  private readonly onOnline = (): void => {
    this.update({ connection: 'connecting' });
    this.provider.connect();
  };

  /**
   * IndexedDB writes are asynchronous, and the browser drops those still queued when the page is
   * closed or reloaded: the last words typed before closing the app could be lost. So when the page
   * goes away (or is hidden, the last reliable moment on an iPad), the changes the server has not
   * confirmed are also written synchronously to localStorage. The copy is applied again at the next
   * start (a no-op where IndexedDB has it) and removed once the server has confirmed everything.
   */
  private readonly rescue = (): void => {
    if (this.destroyed || !this.status.localLoaded || this.status.unsynced === 0) {
      return;
    }
    try {
      const unconfirmed = Y.encodeStateAsUpdate(this.doc, this.stored ? Y.encodeStateVector(this.stored.sv) : undefined);
      localStorage.setItem(this.unconfirmedKey, toBase64(unconfirmed));
    } catch {
      // Storage full or unavailable: IndexedDB still has all but the very last changes.
    }
  };

  private readonly onVisibilityChange = (): void => {
    if (document.visibilityState === 'hidden') {
      this.rescue();
    }
  };

  private restoreRescued(): void {
    let saved: string | null = null;
    try {
      saved = localStorage.getItem(this.unconfirmedKey);
      if (saved) {
        Y.applyUpdate(this.doc, fromBase64(saved), RESCUE_ORIGIN);
      }
    } catch {
      // Unreadable copy: what IndexedDB has stands; the copy is dropped.
      if (saved) {
        localStorage.removeItem(this.unconfirmedKey);
      }
    }
  }

  private forgetRescued(): void {
    try {
      localStorage.removeItem(this.unconfirmedKey);
    } catch {
      // Unavailable storage has nothing to forget.
    }
  }

  private onStored(payload: Uint8Array): void {
    const snapshot = safeDecode(payload);
    if (!snapshot) {
      return;
    }
    this.stored = snapshot;
    this.write(STORED_KEY, payload.slice().buffer);
    this.scheduleCheck();
  }

  /** Compares the whole local state with the stored snapshot, at most every 200 ms. */
  private scheduleCheck(): void {
    if (this.checkTimer || this.destroyed) {
      return;
    }
    this.checkTimer = setTimeout(() => {
      this.checkTimer = null;
      if (this.destroyed || !this.status.localLoaded) {
        return;
      }
      if (this.stored && snapshotCovers(this.stored, Y.snapshot(this.doc))) {
        this.update({ unsynced: 0, pendingSince: null });
        this.forgetRescued();
      } else if (this.stored && this.status.unsynced === 0) {
        // Restored from IndexedDB with changes the server never confirmed.
        this.update({ unsynced: 1, pendingSince: this.status.pendingSince ?? Date.now() });
      }
      this.persistPending();
    }, 200);
  }

  private persistPending(): void {
    if (this.persistedPending !== this.status.unsynced) {
      if (this.persistedPending === 0 || this.status.unsynced === 0) {
        this.write(PENDING_SINCE_KEY, this.status.pendingSince ?? 0);
      }
      this.persistedPending = this.status.unsynced;
      this.write(PENDING_KEY, this.status.unsynced);
    }
  }

  private update(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) {
      listener(this.status);
    }
  }
}

function safeDecode(bytes: Uint8Array): Y.Snapshot | null {
  try {
    return decodeStoredAck(bytes);
  } catch {
    return null;
  }
}
