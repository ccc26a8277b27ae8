import vm from 'node:vm';
import { build } from 'esbuild';
import { preloadBuildOptions } from './build';

/** What the preload exposes to the page, and the IPC calls it made. */
export interface LoadedPreload {
  exposed: Map<string, unknown>;
  calls: Array<[string, unknown]>;
}

/**
 * Bundles the real preload in memory and runs it in a fresh VM context whose only module is a
 * stand-in for `electron` (Electron cannot run here): `ipcRenderer.invoke` answers with `reply`.
 * For tests of what the page gets.
 */
export async function loadPreload(reply: (channel: string, input: unknown) => unknown): Promise<LoadedPreload> {
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
      invoke: (channel: string, input: unknown): Promise<unknown> => {
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
