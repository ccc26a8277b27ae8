import { availableParallelism } from 'node:os';

/** Thrown when too many password hashes are already waiting: answer "try again shortly" instead of queueing. */
export class HashPoolBusy extends Error {
  constructor() {
    super('Zu viele Anmeldungen gleichzeitig / too many sign-ins at once');
  }
}

interface Waiting {
  priority: number;
  seq: number;
  start: () => void;
  refuse: () => void;
}

/**
 * Runs password hashes (scrypt, 32 MiB and ~50–100 ms each in libuv's thread pool) with bounded
 * concurrency and a bounded queue. Unbounded, a flood of sign-ins fills the thread pool (which
 * file and DNS work share) and memory, and a legitimate sign-in waits behind all of them; bounded,
 * it waits behind at most `maxQueued` hashes and the flood gets "busy" answers that cost nothing.
 *
 * Waiting hashes start by priority (lower first; the sign-in limits pass the recent failures of
 * the requesting address), then in arrival order; when the queue is full, a newcomer with a lower
 * priority than the worst waiting hash takes that one's place (which is refused instead). So a
 * spray from many addresses, each failing all the time, can neither make a colleague wait behind
 * its guesses nor get her refused.
 */
export class HashPool {
  private running = 0;
  private seq = 0;
  private readonly waiting: Waiting[] = [];

  constructor(
    readonly concurrency: number = Math.max(1, Math.min(4, availableParallelism() - 1)),
    readonly maxQueued = 16,
  ) {}

  /** Runs `task` when a slot is free; rejects with HashPoolBusy if the queue is (or becomes) full. */
  async run<T>(task: () => Promise<T>, priority = 0): Promise<T> {
    if (this.running >= this.concurrency) {
      await new Promise<void>((resolve, reject) => this.enqueue({ priority, seq: this.seq++, start: resolve, refuse: () => reject(new HashPoolBusy()) }));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.takeNext();
      if (next === undefined) {
        this.running -= 1;
      } else {
        next.start(); // the slot passes on without being released
      }
    }
  }

  /** Hashes running and waiting (for tests and metrics). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private enqueue(entry: Waiting): void {
    if (this.waiting.length < this.maxQueued) {
      this.waiting.push(entry);
      return;
    }
    const worst = this.waiting.reduce<Waiting | undefined>((found, other) => (found === undefined || before(found, other) ? other : found), undefined);
    if (worst === undefined || !before(entry, worst)) {
      entry.refuse();
      return;
    }
    this.waiting.splice(this.waiting.indexOf(worst), 1, entry);
    worst.refuse();
  }

  private takeNext(): Waiting | undefined {
    let best = -1;
    for (let i = 0; i < this.waiting.length; i++) {
      if (best < 0 || before(this.waiting[i] as Waiting, this.waiting[best] as Waiting)) {
        best = i;
      }
    }
    return best < 0 ? undefined : this.waiting.splice(best, 1)[0];
  }
}

/** True if `a` starts before `b`: lower priority first, then first come. */
function before(a: Waiting, b: Waiting): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq);
}

/** The process's one pool: every scrypt call of the sync server goes through it. */
export const passwordHashPool = new HashPool();
