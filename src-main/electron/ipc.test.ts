import { describe, expect, it } from 'vitest';
import type { Handlers } from '../../shared/contract';
import { contractChannels } from '../services/dispatch';
import { stubHandlers as handlers } from '../services/stub-handlers';
import { createLogger } from '../../shared/log';
import type { IpcEnvelope } from './channel';
import { isTrustedSender, registerHandlers } from './ipc';
import type { HandlerRegistry, InvokeEventLike, SenderFrameLike } from './ipc';

const records: string[] = [];
const logger = createLogger((line) => records.push(line), 'debug');

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
