import { DocConnection, type ConnectionOptions, type SyncStatus } from './doc-connection';

/** How long an unused document stays connected, so a push or last keystrokes still reach the server. */
const LINGER_MS = 15_000;

interface Entry {
  connection: DocConnection;
  refs: number;
  lingerTimer: ReturnType<typeof setTimeout> | null;
  unsubscribe: () => void;
}

/** What the open documents add up to, for a status line on pages without a document of their own. */
export type OverallStatus = Pick<SyncStatus, 'connection' | 'serverSynced' | 'unsynced' | 'pendingSince' | 'refusedCode'>;

const NOTHING_OPEN: OverallStatus = { connection: 'connecting', serverSynced: false, unsynced: 0, pendingSince: null, refusedCode: null };

/**
 * Sums the open documents: changes not yet confirmed anywhere and the oldest of them; connected
 * when one is connected, offline when the device is (refusals of single documents are their
 * pages' business and not summed).
 */
export function overallStatus(statuses: readonly OverallStatus[], online: boolean): OverallStatus {
  if (statuses.length === 0) {
    return { ...NOTHING_OPEN, connection: online ? 'connecting' : 'offline' };
  }
  const unsynced = statuses.reduce((sum, s) => sum + s.unsynced, 0);
  const since = statuses.flatMap((s) => (s.pendingSince === null ? [] : [s.pendingSince]));
  const connected = statuses.filter((s) => s.connection === 'connected');
  const connection = !online || statuses.every((s) => s.connection === 'offline') ? 'offline' : connected.length > 0 ? 'connected' : 'connecting';
  return {
    connection,
    serverSynced: connected.length > 0 && connected.every((s) => s.serverSynced),
    unsynced,
    pendingSince: since.length > 0 ? Math.min(...since) : null,
    refusedCode: null,
  };
}

/**
 * Hands out one DocConnection per document name and reference-counts it, so the group list, the
 * editor and a report push share the same Y.Doc instead of opening competing copies.
 */
export class DocRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<() => void>();
  private overall: OverallStatus = NOTHING_OPEN;

  constructor(private readonly options: ConnectionOptions) {}

  /** A fresh access token for every open and future connection. */
  setToken(token: string): void {
    this.options.token = token;
    for (const entry of this.entries.values()) {
      entry.connection.setToken(token);
    }
  }

  /** The connection for a document, opened if needed; it closes after a while unless acquired. */
  get(name: string): DocConnection {
    return this.entry(name).connection;
  }

  /** Holds a document open until the returned release function is called. */
  acquire(name: string): { connection: DocConnection; release: () => void } {
    const entry = this.entry(name);
    if (entry.lingerTimer) {
      clearTimeout(entry.lingerTimer);
      entry.lingerTimer = null;
    }
    entry.refs += 1;
    let released = false;
    return {
      connection: entry.connection,
      release: () => {
        if (!released) {
          released = true;
          entry.refs -= 1;
          this.lingerIfUnused(name, entry);
        }
      },
    };
  }

  /** Whether any open document has changes the server has not yet confirmed as stored. */
  hasUnsyncedChanges(): boolean {
    return [...this.entries.values()].some((entry) => entry.connection.getStatus().unsynced > 0);
  }

  /** The open documents' status summed up (see overallStatus); subscribe() for changes. */
  readonly getOverallStatus = (): OverallStatus => this.overall;

  /** Calls `listener` whenever the summed status may have changed; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private readonly recompute = (): void => {
    const next = overallStatus(
      [...this.entries.values()].map((e) => e.connection.getStatus()),
      typeof navigator === 'undefined' || navigator.onLine,
    );
    const same = (Object.keys(next) as (keyof OverallStatus)[]).every((k) => next[k] === this.overall[k]);
    if (!same) {
      this.overall = next;
      for (const listener of this.listeners) {
        listener();
      }
    }
  };

  /**
   * Closes every document at once, used or not (sign-out); resolves when their local databases are
   * closed, so they can be deleted. The registry stays usable.
   */
  async closeAll(): Promise<void> {
    const closing: Promise<void>[] = [];
    for (const entry of this.entries.values()) {
      if (entry.lingerTimer) {
        clearTimeout(entry.lingerTimer);
      }
      entry.unsubscribe();
      closing.push(entry.connection.destroy());
    }
    this.entries.clear();
    this.recompute();
    await Promise.all(closing);
  }

  private entry(name: string): Entry {
    let entry = this.entries.get(name);
    if (!entry) {
      const connection = new DocConnection(name, this.options);
      entry = { connection, refs: 0, lingerTimer: null, unsubscribe: connection.subscribe(this.recompute) };
      this.entries.set(name, entry);
      this.recompute();
      this.lingerIfUnused(name, entry);
    }
    return entry;
  }

  private lingerIfUnused(name: string, entry: Entry): void {
    if (entry.refs > 0 || entry.lingerTimer) {
      return;
    }
    entry.lingerTimer = setTimeout(() => {
      entry.lingerTimer = null;
      if (entry.refs === 0 && this.entries.get(name) === entry) {
        this.entries.delete(name);
        entry.unsubscribe();
        this.recompute();
        void entry.connection.destroy();
      }
    }, LINGER_MS);
  }
}
