import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/contract';
import { createLogger } from '../../shared/log';
import type { IpcEnvelope } from './channel';
import { contractChannels, dispatch, isTrustedSender, registerHandlers } from './ipc';
import type { HandlerRegistry, InvokeEventLike, SenderFrameLike } from './ipc';

const records: string[] = [];
const logger = createLogger((line) => records.push(line), 'debug');

const handlers: Handlers = {
  app: {
    info: () => ({ version: '0.1.0', syncUrl: 'ws://127.0.0.1:1234', host: 'desktop', reportYear: 2025 }),
  },
  auth: {
    config: () => ({ auth: false }),
    login: () => {
      throw new Error('not used');
    },
    invitation: () => {
      throw new Error('not used');
    },
    refresh: () => {
      throw new Error('not used');
    },
  },
  export: {
    report: () => {
      throw new Error('not used');
    },
  },
  indicators: {
    list: () => [],
    regions: () => [{ ags: '01056', name: 'Kreis Pinneberg', level: 'kreis' }],
    query: () => {
      throw new Error('database exploded at /home/secret/path');
    },
    // Issue 4 methods, unused here.
    vintages: () => [],
    importedFiles: () => ({ hashes: [] }),
    importBegin: () => ({ uploadId: 'u' }),
    importChunk: () => ({ received: 0 }),
    importFinish: () => {
      throw new Error('not used');
    },
  },
};

/** A registry that records listeners the way ipcMain would, so calls can be replayed. */
function fakeRegistry(): HandlerRegistry & {
  listeners: Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<IpcEnvelope>>;
} {
  const listeners = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<IpcEnvelope>>();
  return {
    listeners,
    handle(channel, listener) {
      if (listeners.has(channel)) {
        throw new Error(`second handler for ${channel}`);
      }
      listeners.set(channel, listener);
    },
    removeHandler(channel) {
      listeners.delete(channel);
    },
  };
}

const mainFrame = (url: string): SenderFrameLike => ({ url, parent: null });
const ownFrame = mainFrame('app://fokuswerk/index.html');

describe('isTrustedSender', () => {
  it('accepts the main frame on the app origin', () => {
    expect(isTrustedSender(ownFrame)).toBe(true);
    expect(isTrustedSender(mainFrame('app://fokuswerk/deep/page?x=1#y'))).toBe(true);
  });

  it('refuses subframes, other origins, look-alikes and missing frames', () => {
    expect(isTrustedSender({ url: 'app://fokuswerk/index.html', parent: ownFrame })).toBe(false);
    expect(isTrustedSender(mainFrame('https://evil.example/'))).toBe(false);
    expect(isTrustedSender(mainFrame('file:///index.html'))).toBe(false);
    expect(isTrustedSender(mainFrame('app://fokuswerk.evil.example/'))).toBe(false);
    expect(isTrustedSender(mainFrame('app://user@fokuswerk/'))).toBe(false);
    expect(isTrustedSender(mainFrame('app://fokuswerk:8080/'))).toBe(false);
    expect(isTrustedSender(mainFrame('not a url'))).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('dispatch', () => {
  it('returns the handler value for valid input', async () => {
    await expect(dispatch(handlers, 'indicators.regions', {}, logger)).resolves.toEqual({
      ok: true,
      value: [{ ags: '01056', name: 'Kreis Pinneberg', level: 'kreis' }],
    });
  });

  it('turns schema violations into bad-request before the handler runs', async () => {
    let called = false;
    const spy: Handlers = { ...handlers, app: { info: () => ((called = true), handlers.app.info({}, {})) } };
    const result = await dispatch(spy, 'app.info', { unexpected: 1 }, logger);
    expect(result.ok).toBe(false);
    expect(result.ok ? undefined : result.error.code).toBe('bad-request');
    expect(called).toBe(false);
    const notAnObject = await dispatch(spy, 'app.info', 'x', logger);
    expect(notAnObject.ok ? undefined : notAnObject.error.code).toBe('bad-request');
    expect(called).toBe(false);
    const noInput = await dispatch(spy, 'app.info', undefined, logger);
    expect(noInput.ok).toBe(true);
  });

  it('answers not-found for channels outside the contract', async () => {
    for (const channel of ['app.quit', 'app', 'constructor.name', '__proto__.x', 'app.info.x', 'app.hasOwnProperty']) {
      const result = await dispatch(handlers, channel, {}, logger);
      expect(result.ok ? undefined : result.error.code, channel).toBe('not-found');
    }
  });

  it('hides internal error details from the renderer and logs them', async () => {
    records.length = 0;
    const result = await dispatch(handlers, 'indicators.query', validQuery(), logger);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Interner Fehler / Internal error' } });
    expect(records.join('')).toContain('database exploded');
  });

  it('passes on ApiError-shaped errors a service throws on purpose', async () => {
    const notFound: Handlers = {
      ...handlers,
      indicators: {
        ...handlers.indicators,
        query: () => {
          throw Object.assign(new Error('Indikator unbekannt / Unknown indicator'), { code: 'not-found' });
        },
      },
    };
    await expect(dispatch(notFound, 'indicators.query', validQuery(), logger)).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: 'Indikator unbekannt / Unknown indicator' },
    });
  });
});

describe('registerHandlers', () => {
  it('registers exactly the contract channels under the fokuswerk: prefix and can remove them', () => {
    const registry = fakeRegistry();
    const dispose = registerHandlers(registry, handlers, { logger });
    expect([...registry.listeners.keys()].sort()).toEqual(contractChannels().map((c) => `fokuswerk:${c}`).sort());
    dispose();
    expect(registry.listeners.size).toBe(0);
  });

  it('refuses calls from untrusted senders without calling the service', async () => {
    const registry = fakeRegistry();
    let called = false;
    registerHandlers(registry, { ...handlers, indicators: { ...handlers.indicators, list: () => ((called = true), []) } }, {
      logger,
    });
    const listener = registry.listeners.get('fokuswerk:indicators.list');
    expect(listener).toBeDefined();
    const refused = await listener!({ senderFrame: mainFrame('https://evil.example/') }, {});
    expect(refused.ok ? undefined : refused.error.code).toBe('bad-request');
    const subframe = await listener!({ senderFrame: { url: 'app://fokuswerk/', parent: ownFrame } }, {});
    expect(subframe.ok).toBe(false);
    expect(called).toBe(false);
    await expect(listener!({ senderFrame: ownFrame }, {})).resolves.toEqual({ ok: true, value: [] });
    expect(called).toBe(true);
  });

  it('fails at start when a contract channel has no handler', () => {
    const incomplete = { ...handlers, indicators: { list: handlers.indicators.list } } as unknown as Handlers;
    expect(() => registerHandlers(fakeRegistry(), incomplete, { logger })).toThrow(/indicators\.regions/);
  });
});

function validQuery(): unknown {
  return { indicatorId: 'population', regions: ['01056'], periods: ['2024'] };
}
