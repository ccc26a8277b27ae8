import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/** Id of the answer a worker sends if its module could not be loaded. */
const FATAL_ID = -1;

/** A request from the main thread to a SyncCallWorker. */
export interface SyncRequest {
  id: number;
  op: string;
  args: unknown[];
}

/** A worker's answer to one SyncRequest. */
export type SyncResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** What the worker receives as workerData. */
export interface SyncWorkerData {
  port: MessagePort;
  /** Int32 flag the worker sets to 1 (and notifies) after posting each response. */
  signal: SharedArrayBuffer;
  config: unknown;
}

/**
 * Calls an asynchronous worker synchronously: posts the request, then blocks the calling thread
 * with Atomics.wait until the worker's answer is on the port (or the timeout passes).
 *
 * The sync server's DocStore contract is synchronous (SQLite commits block the event loop for one
 * fsync per tick, see group-commit.ts), so a PostgreSQL store keeps that contract this way: a
 * commit blocks the server exactly like a SQLite commit does, and an acknowledgement can never
 * overtake its commit.
 */
export class SyncCallWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag: Int32Array;
  private nextId = 1;
  private exitError: Error | null = null;

  constructor(workerFile: URL, config: unknown) {
    const signal = new SharedArrayBuffer(4);
    this.flag = new Int32Array(signal);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const data: SyncWorkerData = { port: port2, signal, config };
    this.worker = new Worker(bootstrap(workerFile), { eval: true, workerData: data, transferList: [port2] });
    this.worker.unref();
    this.port.unref();
    this.worker.on('error', (error) => {
      this.exitError = error;
    });
    this.worker.on('exit', (code) => {
      this.exitError ??= new Error(`Datenbank-Worker beendet (Code ${code}) / database worker exited`);
      // Wake a caller that might be waiting for an answer that will never come.
      Atomics.store(this.flag, 0, 1);
      Atomics.notify(this.flag, 0);
    });
  }

  /** Runs `op` in the worker and returns its result; throws its error, or after `timeoutMs`. */
  call<T>(op: string, args: unknown[], timeoutMs: number): T {
    if (this.exitError !== null) {
      throw this.exitError;
    }
    const id = this.nextId++;
    Atomics.store(this.flag, 0, 0);
    const request: SyncRequest = { id, op, args };
    this.port.postMessage(request);
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const received = receiveMessageOnPort(this.port);
      if (received !== undefined) {
        const response = received.message as SyncResponse;
        if (response.id === FATAL_ID && !response.ok) {
          this.exitError = new Error(`Datenbank-Worker startet nicht / database worker failed to start: ${response.error}`);
          throw this.exitError;
        }
        if (response.id !== id) {
          continue; // the late answer to a call that timed out
        }
        if (response.ok) {
          return response.result as T;
        }
        throw new Error(response.error);
      }
      const failure = this.failure();
      if (failure !== null) {
        throw failure;
      }
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        throw new Error(`Zeitüberschreitung nach ${timeoutMs} ms bei „${op}“ / timed out after ${timeoutMs} ms in ${op}`);
      }
      Atomics.wait(this.flag, 0, 0, remaining);
      Atomics.store(this.flag, 0, 0);
    }
  }

  /** Why the worker is gone, if it is (read through a method: it changes while call() waits). */
  private failure(): Error | null {
    return this.exitError;
  }

  /** Stops the worker (pending calls fail). */
  async terminate(): Promise<void> {
    this.port.close();
    await this.worker.terminate();
  }
}

/**
 * Source of the worker's entry script. A TypeScript worker file is loaded through tsx's loader,
 * registered inside the worker: Node 20 does not apply the parent's `--import tsx` to workers.
 */
function bootstrap(workerFile: URL): string {
  const target = JSON.stringify(workerFile.href);
  const load = workerFile.pathname.endsWith('.ts')
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${target}); })`
    : `import(${target})`;
  // If loading fails, answer with FATAL_ID at once: the main thread may already be blocked waiting.
  return `${load}.catch((error) => {
    const { workerData } = require('node:worker_threads');
    workerData.port.postMessage({ id: ${FATAL_ID}, ok: false, error: String(error && error.stack || error) });
    const flag = new Int32Array(workerData.signal);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  });`;
}

/** Worker side: answers requests on `data.port` with `handlers`, one at a time, in order. */
export function serveSyncCalls(data: SyncWorkerData, handlers: Record<string, (...args: never[]) => Promise<unknown>>): void {
  const flag = new Int32Array(data.signal);
  let chain = Promise.resolve();
  data.port.on('message', (request: SyncRequest) => {
    chain = chain.then(async () => {
      let response: SyncResponse;
      const handler = handlers[request.op];
      try {
        if (handler === undefined) {
          throw new Error(`unknown operation ${request.op}`);
        }
        response = { id: request.id, ok: true, result: await handler(...(request.args as never[])) };
      } catch (error: unknown) {
        response = { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      data.port.postMessage(response);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    });
  });
}
