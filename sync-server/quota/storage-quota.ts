import { parseDocName } from '../../shared/sync/doc-names.js';
import type { AccountUsage } from '../auth/store.js';
import type { DocStore } from '../persistence.js';

/** Where the per-account usage is kept across restarts (the account store: SQLite or PostgreSQL). */
export interface AccountUsageStore {
  accountUsage(logins: readonly string[]): Map<string, AccountUsage>;
  addAccountUsage(deltas: ReadonlyMap<string, AccountUsage>): void;
}

/** Storage quotas; 0 switches one off. */
export interface QuotaLimits {
  /** Documents one working group may hold (its index and proposals). */
  maxDocumentsPerGroup: number;
  /** Stored bytes of all documents of one working group. */
  maxBytesPerGroup: number;
  /** Documents one account may create (counted in the account store, across restarts). */
  maxDocumentsPerAccount: number;
  /** Bytes one account may add (counted in the account store, across restarts). */
  maxBytesPerAccount: number;
}

export const DEFAULT_QUOTAS: Readonly<QuotaLimits> = Object.freeze({
  maxDocumentsPerGroup: 2_000,
  maxBytesPerGroup: 512 * 1024 * 1024,
  maxDocumentsPerAccount: 1_000,
  maxBytesPerAccount: 1024 * 1024 * 1024,
});

/** Why an update was refused, German first (shown by the app as the close reason). */
export const quotaReasons = {
  groupDocuments: (limit: number) => `Speicherkontingent der Gruppe erschöpft: höchstens ${formatNumber(limit)} Dokumente / group document quota reached`,
  groupBytes: (limit: number) => `Speicherkontingent der Gruppe erschöpft: höchstens ${formatBytes(limit)} / group storage quota reached`,
  accountDocuments: (limit: number) => `Speicherkontingent des Kontos erschöpft: höchstens ${formatNumber(limit)} neue Dokumente / account document quota reached`,
  accountBytes: (limit: number) => `Speicherkontingent des Kontos erschöpft: höchstens ${formatBytes(limit)} / account storage quota reached`,
} as const;

/** What the quota needs to know about a loaded document. */
export interface QuotaDoc {
  readonly name: string;
  /** Bytes stored and queued for this document now. */
  readonly storedBytes: number;
}

interface GroupUsage {
  docs: Set<string>;
  bytes: number;
  /** performance.now() of the last exact count from the store. */
  countedAt: number;
}

/** A trivial update (an empty client's sync answer) creates nothing; anything longer may. */
const EMPTY_UPDATE_BYTES = 2;
const RECOUNT_INTERVAL_MS = 5_000;

/**
 * Storage quotas per working group (documents and bytes stored under `group/<id>/…`) and per
 * account (documents created and bytes added, kept in the account store so a restart does not
 * reset them: charges are added there in batches by flush(), and an account's usage is read
 * again after each flush, so instances sharing a PostgreSQL store see each other's charges). Usage is charged with
 * each update's size before it is applied: an estimate from above, since merged and compacted
 * logs are smaller. When an update would pass a group's quota, the group is recounted exactly
 * from the store (at most every few seconds) before it is refused, so compaction is credited.
 * A refused update is neither applied nor stored; what was stored before stays.
 */
export class StorageQuota {
  private readonly groups = new Map<string, GroupUsage>();
  private readonly accounts = new Map<string, AccountUsage>();
  /** Charges not yet added to the usage store. */
  private readonly pending = new Map<string, AccountUsage>();

  constructor(
    private readonly store: DocStore,
    private readonly limits: QuotaLimits,
    /** Live size of a loaded document (null if not loaded), so recounts include unwritten queues. */
    private readonly loadedBytes: (name: string) => number | null,
    private readonly now: () => number = () => performance.now(),
    /** Keeps account usage across restarts; without it, usage counts since the start. */
    private readonly usageStore: AccountUsageStore | null = null,
  ) {}

  /** Adds the pending account charges to the usage store and reads usage afresh next time. */
  flush(): void {
    if (this.usageStore === null) {
      return;
    }
    if (this.pending.size > 0) {
      const deltas = new Map(this.pending);
      this.pending.clear();
      try {
        this.usageStore.addAccountUsage(deltas);
      } catch (error: unknown) {
        // Keep the charges for the next flush.
        for (const [login, usage] of deltas) {
          const left = this.pending.get(login) ?? { docs: 0, bytes: 0 };
          this.pending.set(login, { docs: left.docs + usage.docs, bytes: left.bytes + usage.bytes });
        }
        throw error;
      }
    }
    this.accounts.clear();
  }

  /** An account's usage: stored usage plus charges not yet flushed. */
  private accountUsage(login: string): AccountUsage {
    let usage = this.accounts.get(login);
    if (usage === undefined) {
      const stored = this.usageStore?.accountUsage([login]).get(login) ?? { docs: 0, bytes: 0 };
      const pending = this.pending.get(login) ?? { docs: 0, bytes: 0 };
      usage = { docs: stored.docs + pending.docs, bytes: stored.bytes + pending.bytes };
      this.accounts.set(login, usage);
    }
    return usage;
  }

  /** Charges an update of `bytes` to `doc` by `login` (null without accounts); a reason if it is refused. */
  charge(doc: QuotaDoc, login: string | null, bytes: number): string | null {
    const creates = doc.storedBytes === 0 && bytes > EMPTY_UPDATE_BYTES;
    const groupId = groupOf(doc.name);
    const group = groupId === null ? null : this.groupUsage(groupId);
    if (group !== null && groupId !== null) {
      const refusal = this.groupRefusal(group, doc.name, bytes, creates) && this.groupRefusal(this.recount(groupId, group), doc.name, bytes, creates);
      if (refusal) {
        return refusal;
      }
    }
    const account = login === null ? null : this.accountUsage(login);
    if (account !== null) {
      if (creates && this.limits.maxDocumentsPerAccount > 0 && account.docs + 1 > this.limits.maxDocumentsPerAccount) {
        return quotaReasons.accountDocuments(this.limits.maxDocumentsPerAccount);
      }
      if (this.limits.maxBytesPerAccount > 0 && account.bytes + bytes > this.limits.maxBytesPerAccount) {
        return quotaReasons.accountBytes(this.limits.maxBytesPerAccount);
      }
    }
    if (group !== null) {
      if (creates || doc.storedBytes > 0) {
        group.docs.add(doc.name);
      }
      group.bytes += bytes;
    }
    if (account !== null && login !== null) {
      account.docs += creates ? 1 : 0;
      account.bytes += bytes;
      if (this.usageStore !== null) {
        const pending = this.pending.get(login) ?? { docs: 0, bytes: 0 };
        this.pending.set(login, { docs: pending.docs + (creates ? 1 : 0), bytes: pending.bytes + bytes });
      }
    }
    return null;
  }

  /** A group's current usage as this quota sees it (for tests and the admin). */
  usageOfGroup(groupId: string): { documents: number; bytes: number } {
    const usage = this.groupUsage(groupId);
    return { documents: usage.docs.size, bytes: usage.bytes };
  }

  private groupRefusal(usage: GroupUsage, name: string, bytes: number, creates: boolean): string | null {
    const newDoc = creates && !usage.docs.has(name);
    if (newDoc && this.limits.maxDocumentsPerGroup > 0 && usage.docs.size + 1 > this.limits.maxDocumentsPerGroup) {
      return quotaReasons.groupDocuments(this.limits.maxDocumentsPerGroup);
    }
    if (this.limits.maxBytesPerGroup > 0 && usage.bytes + bytes > this.limits.maxBytesPerGroup) {
      return quotaReasons.groupBytes(this.limits.maxBytesPerGroup);
    }
    return null;
  }

  private groupUsage(groupId: string): GroupUsage {
    return this.groups.get(groupId) ?? this.count(groupId);
  }

  private recount(groupId: string, usage: GroupUsage): GroupUsage {
    return this.now() - usage.countedAt < RECOUNT_INTERVAL_MS ? usage : this.count(groupId);
  }

  /** Counts a group's documents and bytes from the store (loaded documents: their live size). */
  private count(groupId: string): GroupUsage {
    const prefix = `group/${groupId}/`;
    const docs = new Set<string>();
    let bytes = 0;
    for (const name of this.store.documents()) {
      if (name.startsWith(prefix)) {
        const size = this.loadedBytes(name) ?? this.store.load(name).bytes;
        if (size > 0) {
          docs.add(name);
          bytes += size;
        }
      }
    }
    const usage: GroupUsage = { docs, bytes, countedAt: this.now() };
    this.groups.set(groupId, usage);
    return usage;
  }
}

function groupOf(name: string): string | null {
  const parsed = parseDocName(name);
  return parsed !== null && (parsed.kind === 'group-index' || parsed.kind === 'proposal') ? parsed.groupId : null;
}

function formatNumber(value: number): string {
  return new Intl.NumberFormat('de-DE').format(value);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MiB`
    : `${formatNumber(bytes)} Bytes`;
}
