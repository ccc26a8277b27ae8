import { describe, expect, it } from 'vitest';
import { HashPool, HashPoolBusy } from './hash-pool.js';

/** A task that finishes when its `finish` is called, and records how many run at once. */
function gate(state: { running: number; peak: number }): { task: () => Promise<void>; finish: () => void } {
  let finish = (): void => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    task: async () => {
      state.running += 1;
      state.peak = Math.max(state.peak, state.running);
      await done;
      state.running -= 1;
    },
    finish: () => finish(),
  };
}

describe('hash pool', () => {
  it('runs at most `concurrency` tasks, queues up to `maxQueued`, refuses the rest at once', async () => {
    const pool = new HashPool(2, 3);
    const state = { running: 0, peak: 0 };
    const gates = Array.from({ length: 6 }, () => gate(state));
    const runs = gates.map((g) => pool.run(g.task).then(() => 'done', (e: unknown) => (e instanceof HashPoolBusy ? 'busy' : 'error')));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(pool.load).toEqual({ running: 2, waiting: 3 });
    expect(await runs[5]).toBe('busy');
    for (const g of gates) {
      g.finish();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(await Promise.all(runs.slice(0, 5))).toEqual(['done', 'done', 'done', 'done', 'done']);
    expect(state.peak).toBe(2);
    expect(pool.load).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot when a task throws', async () => {
    const pool = new HashPool(1, 1);
    await expect(pool.run(() => Promise.reject(new Error('kaputt')))).rejects.toThrow('kaputt');
    expect(await pool.run(() => Promise.resolve(7))).toBe(7);
    expect(pool.load).toEqual({ running: 0, waiting: 0 });
  });

  it('starts waiting hashes by priority, and a newcomer with a better one takes the worst place of a full queue', async () => {
    const pool = new HashPool(1, 2);
    const state = { running: 0, peak: 0 };
    const order: string[] = [];
    const first = gate(state);
    const running = pool.run(first.task);
    const settle = (name: string, run: Promise<unknown>): Promise<string> =>
      run.then(
        () => {
          order.push(name);
          return 'done';
        },
        (e: unknown) => (e instanceof HashPoolBusy ? 'busy' : 'error'),
      );
    const sprayA = settle('spray-a', pool.run(() => Promise.resolve(), 5));
    const sprayB = settle('spray-b', pool.run(() => Promise.resolve(), 7));
    const colleague = settle('colleague', pool.run(() => Promise.resolve(), 0));
    const another = settle('another spray', pool.run(() => Promise.resolve(), 9));
    expect(await sprayB).toBe('busy'); // the worst waiting one made room for the colleague
    expect(await another).toBe('busy'); // no better than anything waiting
    first.finish();
    await running;
    expect(await colleague).toBe('done');
    expect(await sprayA).toBe('done');
    expect(order).toEqual(['colleague', 'spray-a']);
    expect(pool.load).toEqual({ running: 0, waiting: 0 });
  });
});
