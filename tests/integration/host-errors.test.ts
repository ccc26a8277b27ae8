import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Api, Handlers } from '../../shared/contract';
import { API_ERROR_CODES } from '../../shared/host-envelope';
import { createLogger } from '../../shared/log';
import type { IpcEnvelope } from '../../src-main/electron/channel';
import { registerHandlers, type HandlerRegistry, type InvokeEventLike } from '../../src-main/electron/ipc';
import { loadPreload } from '../../src-main/electron/preload-harness';
import { HostApiError } from '../../src-main/services/host-error';
import { stubHandlers } from '../../src-main/services/stub-handlers';
import { handleApiCall } from '../../src-main/web/api-route';

/**
 * The same failure reaches the renderer with the same code from both hosts: each case runs through
 * the desktop framing (ipc.ts registration → the real preload bundle → the renderer client) and the
 * browser framing (api-route.ts over a real HTTP server → the renderer client's fetch transport).
 */

/** What the renderer's client module exports (imported at run time, once per host). */
interface ClientModule {
  api: Api;
  HostError: new (message: string, code: string) => Error & { code: string };
}

// The client reads `window` and DOM types; load it by a path tsc does not follow (the root program is Node's).
const CLIENT_MODULE = '../../src-renderer/api/client';

const logger = createLogger(() => undefined);
let behaviour: () => unknown = () => undefined;
const handlers: Handlers = { ...stubHandlers, auth: { ...stubHandlers.auth, config: () => behaviour() as { auth: false } } };

/** A fresh instance of the client module, as it starts in a page with this `window`. */
async function loadClient(window: object): Promise<ClientModule> {
  vi.resetModules();
  vi.stubGlobal('window', window);
  try {
    return (await import(/* @vite-ignore */ CLIENT_MODULE)) as ClientModule;
  } finally {
    vi.unstubAllGlobals();
  }
}

let server: http.Server;
let desktop: ClientModule;
let browser: ClientModule;
let restoreFetch = (): void => undefined;

beforeAll(async () => {
  // Desktop: ipcMain stood in for by the registry seam; the preload's ipcRenderer reaches it.
  const listeners = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<IpcEnvelope>>();
  const registry: HandlerRegistry = {
    handle: (channel, listener) => void listeners.set(channel, listener),
    removeHandler: (channel) => void listeners.delete(channel),
  };
  registerHandlers(registry, handlers, { logger });
  const preload = await loadPreload((channel, input) => {
    const listener = listeners.get(channel);
    if (!listener) {
      throw new Error(`no handler for ${channel}`);
    }
    return listener({ senderFrame: { url: 'app://fokuswerk/index.html', parent: null } }, input);
  });
  desktop = await loadClient({ fokuswerk: preload.exposed.get('fokuswerk') });

  // Browser: the web host's framing behind a real HTTP server; the client fetches `api/<channel>`.
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void handleApiCall(handlers, (req.url ?? '').replace(/^\/api\//, ''), Buffer.concat(chunks).toString('utf8'), {}, logger).then(
        ({ status, body }) => {
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await loadClient({});
  // The page's relative `api/<channel>` resolves against the server, as in a browser.
  const realFetch = globalThis.fetch;
  globalThis.fetch = (url, init) => realFetch(new URL(url instanceof Request ? url.url : String(url), base), init);
  restoreFetch = () => {
    globalThis.fetch = realFetch;
  };
});

afterAll(async () => {
  restoreFetch();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The code and message a client's call fails with (or 'ok'). */
async function outcome(client: ClientModule, call: (api: Api) => Promise<unknown>): Promise<{ code: string; message: string } | 'ok'> {
  try {
    await call(client.api);
    return 'ok';
  } catch (error: unknown) {
    expect(error).toBeInstanceOf(client.HostError);
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  }
}

describe('both hosts hand the renderer the same error code', () => {
  it.each(API_ERROR_CODES)('a service failing with %s', async (code) => {
    behaviour = () => {
      throw new HostApiError(code, `Fehler ${code} / error ${code}`);
    };
    const expected = { code, message: `Fehler ${code} / error ${code}` };
    expect(await outcome(desktop, (api) => api.auth.config({}))).toEqual(expected);
    expect(await outcome(browser, (api) => api.auth.config({}))).toEqual(expected);
  });

  it('a validation failure: bad-request, and the service is not called', async () => {
    let called = false;
    behaviour = () => ((called = true), { auth: false });
    const bad = (api: Api) => api.auth.config({ unexpected: 1 } as never);
    const fromDesktop = await outcome(desktop, bad);
    const fromBrowser = await outcome(browser, bad);
    expect(fromDesktop).toMatchObject({ code: 'bad-request', message: expect.stringMatching(/Ungültige Eingabe/) as unknown });
    expect(fromBrowser).toEqual(fromDesktop);
    expect(called).toBe(false);
  });

  it('an unexpected error: internal, without its details', async () => {
    behaviour = () => {
      throw new Error('disk on fire at /home/secret');
    };
    const fromDesktop = await outcome(desktop, (api) => api.auth.config({}));
    expect(fromDesktop).toEqual({ code: 'internal', message: 'Interner Fehler / internal error' });
    expect(await outcome(browser, (api) => api.auth.config({}))).toEqual(fromDesktop);
  });

  it('a success: the same value', async () => {
    behaviour = () => ({ auth: false });
    await expect(desktop.api.auth.config({})).resolves.toEqual({ auth: false });
    await expect(browser.api.auth.config({})).resolves.toEqual({ auth: false });
  });
});
