import { availableParallelism } from 'node:os';

/** Thrown when too many password hashes are already waiting: answer "try again shortly" instead of queueing. */
export class HashPoolBusy extends Error {
  constructor() {
    super('Zu viele Anmeldungen gleichzeitig / too many sign-ins at once');
  }
}

/**
 * Runs password hashes (scrypt, 32 MiB and ~50–100 ms each in libuv's thread pool) with bounded
 * concurrency and a bounded queue. Unbounded, a flood of sign-ins fills the thread pool (which
 * file and DNS work share) and memory, and a legitimate sign-in waits behind all of them; bounded,
 * it waits behind at most `maxQueued` hashes and the flood gets "busy" answers that cost nothing.
 */
export class HashPool {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency: number = Math.max(1, Math.min(4, availableParallelism() - 1)),
    readonly maxQueued = 16,
  ) {}

  /** Runs `task` when a slot is free; rejects with HashPoolBusy at once if the queue is full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.maxQueued) {
        throw new HashPoolBusy();
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next === undefined) {
        this.running -= 1;
      } else {
        next(); // the slot passes on without being released
      }
    }
  }

  /** Hashes running and waiting (for tests and metrics). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}

/** The process's one pool: every scrypt call of the sync server goes through it. */
export const passwordHashPool = new HashPool();
