import vm from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { preloadBuildOptions } from './build';

type Invoke = (channel: string, input: unknown) => Promise<unknown>;

/**
 * Bundles the real preload in memory and runs it in a fresh VM context whose only module is a
 * stand-in for `electron` (Electron cannot run here); checks what the page would get.
 */
async function loadPreload(reply: (channel: string, input: unknown) => unknown): Promise<{
  exposed: Map<string, unknown>;
  calls: Array<[string, unknown]>;
}> {
  const result = await build({ ...preloadBuildOptions, write: false, metafile: false });
  const code = result.outputFiles?.[0]?.text;
  if (!code) {
    throw new Error('no preload output');
  }
  const exposed = new Map<string, unknown>();
  const calls: Array<[string, unknown]> = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: (channel: string, input: unknown) => {
        calls.push([channel, input]);
        return Promise.resolve(reply(channel, input));
      },
    },
  };
  const module = { exports: {} };
  const require = (name: string): unknown => {
    if (name !== 'electron') {
      throw new Error(`sandboxed preload cannot require ${name}`);
    }
    return electron;
  };
  vm.runInNewContext(code, { require, module, exports: module.exports });
  return { exposed, calls };
}

describe('preload bundle', () => {
  it('exposes one frozen fokuswerk object with only invoke', async () => {
    const { exposed } = await loadPreload(() => ({ ok: true, value: null }));
    expect([...exposed.keys()]).toEqual(['fokuswerk']);
    const api = exposed.get('fokuswerk') as { invoke: Invoke };
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api)).toEqual(['invoke']);
  });

  it('prefixes the channel and passes the envelope on', async () => {
    const { exposed, calls } = await loadPreload(() => ({ ok: true, value: [1, 2] }));
    const api = exposed.get('fokuswerk') as { invoke: Invoke };
    await expect(api.invoke('indicators.list', {})).resolves.toEqual({ ok: true, value: [1, 2] });
    expect(calls).toEqual([['fokuswerk:indicators.list', {}]]);
  });

  it('passes error envelopes on as data, so the renderer keeps the code (a thrown error would lose it)', async () => {
    const { exposed } = await loadPreload(() => ({ ok: false, error: { code: 'unauthorized', message: 'Anmeldename oder Passwort falsch / wrong login or password' } }));
    const api = exposed.get('fokuswerk') as { invoke: Invoke };
    await expect(api.invoke('auth.login', {})).resolves.toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'Anmeldename oder Passwort falsch / wrong login or password' },
    });
  });

  it('refuses malformed channel names without touching IPC', async () => {
    const { exposed, calls } = await loadPreload(() => ({ ok: true, value: null }));
    const api = exposed.get('fokuswerk') as { invoke: Invoke };
    for (const channel of ['', 'app', 'app.info.x', 'fokuswerk:app.info', 'App.info', 'app.in-fo', '../x.y', 42 as unknown as string]) {
      await expect(api.invoke(channel, {}), String(channel)).resolves.toMatchObject({ ok: false, error: { code: 'not-found', message: /Unknown call/ } });
    }
    expect(calls).toEqual([]);
  });
});
