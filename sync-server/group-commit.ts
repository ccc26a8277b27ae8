import type { Logger } from '../shared/log.js';
import type { Metrics } from './metrics.js';
import type { DocStore } from './persistence.js';
import type { Room, RoomWrite } from './room.js';

/**
 * Group commit: every room with queued updates asks to be written; once per event-loop tick all of
 * them are written in ONE transaction, then each acknowledges its stored state. With one commit
 * (one fsync) per room and tick, a busy server spent most of its time waiting for the disk while
 * no message was read; now the commit rate is bounded by the disk and batches grow with the load.
 * Nothing changes in what is acknowledged: each room's acknowledgement is computed when its
 * updates are taken and sent only after the commit succeeded.
 */
export function createGroupCommit(store: DocStore, metrics: Metrics, logger: Logger): (room: Room) => void {
  const waiting = new Set<Room>();
  let handle: NodeJS.Immediate | null = null;

  const commit = (): void => {
    handle = null;
    const taken: RoomWrite[] = [];
    for (const room of waiting) {
      const write = room.takeWrite();
      if (write !== null) {
        taken.push(write);
      }
    }
    waiting.clear();
    if (taken.length === 0) {
      return;
    }
    const started = performance.now();
    try {
      store.append(taken.flatMap((write) => write.writes));
    } catch (error: unknown) {
      logger.error('group commit failed; every room retries on its own', { rooms: taken.length, error });
      for (const write of taken) {
        write.failed(error);
      }
      return;
    }
    metrics.durableWrites.observe((performance.now() - started) / 1000);
    for (const write of taken) {
      write.stored();
    }
  };

  return (room) => {
    waiting.add(room);
    handle ??= setImmediate(commit);
  };
}
