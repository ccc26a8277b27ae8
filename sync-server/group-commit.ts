import type { Logger } from '../shared/log.js';
import type { Metrics } from './metrics.js';
import type { DocStore, PendingWrite } from './persistence.js';

/** Writes taken out of a room for one commit; exactly one of stored() / failed() is called. */
export interface CommitWrite {
  writes: PendingWrite[];
  /** The writes are durable: count them and acknowledge the stored state. */
  stored(): void;
  /** The commit failed: put the writes back in front of the queue (they are retried). */
  failed(error: unknown): void;
}

/** Something with queued writes, e.g. a room. */
export interface CommitSource {
  /** Takes the queued writes out (null if none). */
  takeWrite(): CommitWrite | null;
}

const RETRY_MS = 1_000;

/**
 * The one place where documents are committed (group commit). Every room with queued updates asks
 * to be written; the writes of all waiting rooms go to the store in ONE transaction, which runs
 * off the event loop (a worker thread, see persistence.ts), so peers keep getting updates while
 * the disk works. One commit is in flight at a time: what arrives meanwhile waits and goes into the
 * next one, so batches grow with the load and the commit rate is bounded by the disk. A room's
 * acknowledgement is sent only after its commit is durable; after a failure, the failed writes go
 * back in front of their rooms' queues and everything is retried after a pause, never out of order.
 */
export class GroupCommit {
  private readonly waiting = new Set<CommitSource>();
  private running: Promise<boolean> | null = null;
  private scheduled: NodeJS.Immediate | null = null;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: DocStore,
    private readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {}

  /** Asks for `source`'s queue to be written with the next commit. */
  request(source: CommitSource): void {
    this.waiting.add(source);
    this.schedule();
  }

  /**
   * Commits everything queued so far (after the commit in flight), without waiting for a pending
   * retry. Resolves true once it is durable, false if a commit failed (it is retried later).
   */
  async flush(): Promise<boolean> {
    for (;;) {
      if (this.running !== null) {
        await this.running;
        continue;
      }
      this.cancelTimers();
      return this.commit();
    }
  }

  private schedule(): void {
    if (this.running === null && this.scheduled === null && this.retryTimer === null) {
      // Once per event-loop turn, after the messages read in this turn are applied.
      this.scheduled = setImmediate(() => {
        this.scheduled = null;
        void this.commit();
      });
    }
  }

  private cancelTimers(): void {
    if (this.scheduled !== null) {
      clearImmediate(this.scheduled);
      this.scheduled = null;
    }
    if (this.retryTimer !== null) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
  }

  /** Takes every waiting room's writes and commits them in one transaction. */
  private commit(): Promise<boolean> {
    const taken: CommitWrite[] = [];
    const sources: CommitSource[] = [];
    for (const source of this.waiting) {
      const write = source.takeWrite();
      if (write !== null) {
        taken.push(write);
        sources.push(source);
      }
    }
    this.waiting.clear();
    if (taken.length === 0) {
      return Promise.resolve(true);
    }
    const started = performance.now();
    let appended: Promise<void>;
    try {
      appended = this.store.append(taken.flatMap((write) => write.writes));
    } catch (error: unknown) {
      appended = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const running = appended.then(
      () => {
        this.metrics.durableWrites.observe((performance.now() - started) / 1000);
        for (const write of taken) {
          write.stored();
        }
        return true;
      },
      (error: unknown) => {
        this.logger.error('group commit failed; retrying', { rooms: taken.length, error });
        for (const write of taken) {
          write.failed(error);
        }
        for (const source of sources) {
          this.waiting.add(source);
        }
        return false;
      },
    );
    this.running = running.then((ok) => {
      this.running = null;
      if (!ok && this.retryTimer === null) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.schedule();
        }, RETRY_MS);
      }
      if (this.waiting.size > 0) {
        this.schedule();
      }
      return ok;
    });
    return this.running;
  }
}
