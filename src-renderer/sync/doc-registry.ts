import { DocConnection, type ConnectionOptions } from './doc-connection';

/** How long an unused document stays connected, so a push or last keystrokes still reach the server. */
const LINGER_MS = 15_000;

interface Entry {
  connection: DocConnection;
  refs: number;
  lingerTimer: ReturnType<typeof setTimeout> | null;
}

/**
 * Hands out one DocConnection per document name and reference-counts it, so the group list, the
 * editor and a report push share the same Y.Doc instead of opening competing copies.
 */
export class DocRegistry {
  private readonly entries = new Map<string, Entry>();

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
      closing.push(entry.connection.destroy());
    }
    this.entries.clear();
    await Promise.all(closing);
  }

  private entry(name: string): Entry {
    let entry = this.entries.get(name);
    if (!entry) {
      entry = { connection: new DocConnection(name, this.options), refs: 0, lingerTimer: null };
      this.entries.set(name, entry);
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
        void entry.connection.destroy();
      }
    }, LINGER_MS);
  }
}
