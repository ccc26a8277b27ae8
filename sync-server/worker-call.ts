import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

interface PendingCall {
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * A database worker thread, called either synchronously or asynchronously.
 *
 * `call` posts the request, then blocks the calling thread with Atomics.wait until the worker's
 * answer is on the port (or the timeout passes): for reads the server needs at once (loading a
 * document). `callAsync` returns a promise the event loop keeps running under: for commits, so
 * that peers get their updates while the disk works (see group-commit.ts). Both kinds share the
 * worker's one queue, so they are answered in the order they were posted.
 */
export class SyncCallWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag: Int32Array;
  private nextId = 1;
  private exitError: Error | null = null;
  private readonly pending = new Map<number, PendingCall>();

  constructor(workerFile: URL, config: unknown) {
    const signal = new SharedArrayBuffer(4);
    this.flag = new Int32Array(signal);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const data: SyncWorkerData = { port: port2, signal, config };
    this.worker = new Worker(bootstrap(workerFile), { eval: true, workerData: data, transferList: [port2] });
    this.worker.unref();
    this.port.on('message', (response: SyncResponse) => this.settle(response));
    this.port.unref();
    this.worker.on('error', (error) => {
      this.exitError = error;
    });
    this.worker.on('exit', (code) => {
      this.exitError ??= new Error(`Datenbank-Worker beendet (Code ${code}) / database worker exited`);
      // Wake a caller that might be waiting for an answer that will never come.
      Atomics.store(this.flag, 0, 1);
      Atomics.notify(this.flag, 0);
      for (const [id, call] of this.pending) {
        this.pending.delete(id);
        clearTimeout(call.timer);
        call.reject(this.exitError);
      }
      this.port.unref();
    });
  }

  /**
   * Runs `op` in the worker without blocking; rejects with its error, or after `timeoutMs`.
   * `transfer` lists buffers handed over to the worker (they are unusable here afterwards).
   */
  callAsync<T>(op: string, args: unknown[], timeoutMs: number, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.exitError !== null) {
      return Promise.reject(this.exitError);
    }
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.unrefWhenIdle();
        reject(new Error(`Zeitüberschreitung nach ${timeoutMs} ms bei „${op}“ / timed out after ${timeoutMs} ms in ${op}`));
      }, timeoutMs);
      this.pending.set(id, { resolve: (result) => resolve(result as T), reject, timer });
      // While an answer is due, the port keeps the process alive.
      this.port.ref();
      const request: SyncRequest = { id, op, args };
      this.port.postMessage(request, transfer);
    });
  }

  /** Hands an answer to the asynchronous call waiting for it; false if none does. */
  private settle(response: SyncResponse): boolean {
    if (response.id === FATAL_ID && !response.ok) {
      this.exitError ??= new Error(`Datenbank-Worker startet nicht / database worker failed to start: ${response.error}`);
      for (const [id, pending] of this.pending) {
        this.pending.delete(id);
        clearTimeout(pending.timer);
        pending.reject(this.exitError);
      }
      this.unrefWhenIdle();
      return true;
    }
    const call = this.pending.get(response.id);
    if (call === undefined) {
      return false;
    }
    this.pending.delete(response.id);
    clearTimeout(call.timer);
    this.unrefWhenIdle();
    if (response.ok) {
      call.resolve(response.result);
    } else {
      call.reject(new Error(response.error));
    }
    return true;
  }

  private unrefWhenIdle(): void {
    if (this.pending.size === 0) {
      this.port.unref();
    }
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
          // An asynchronous call's answer (queued before ours), or the late answer to a timed-out call.
          this.settle(response);
          continue;
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
  const path = workerFile.pathname;
  const load = path.endsWith('.ts')
    ? `import(${JSON.stringify(tsxEsmApi())}).then(({ register }) => { register(); return import(${target}); })`
    : path.endsWith('.cjs')
      ? // A bundle (the Electron build): plain require, which also reads from an asar archive.
        `Promise.resolve().then(() => require(${JSON.stringify(fileURLToPath(workerFile))}))`
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

/**
 * URL of tsx's ESM API (its `import` export). Resolved through require (the package's `require`
 * export sits next to it) rather than import.meta.resolve, which a CommonJS bundle lacks.
 */
function tsxEsmApi(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
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
