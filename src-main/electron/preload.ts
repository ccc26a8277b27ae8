import { contextBridge, ipcRenderer } from 'electron';
import { CHANNEL_PATTERN, HostCallError, IPC_PREFIX, unwrapEnvelope } from './channel';

/**
 * The whole renderer-facing surface: `window.fokuswerk.invoke("namespace.method", input)`.
 * Channel names are checked for shape here and against the contract in the main process.
 */
contextBridge.exposeInMainWorld(
  'fokuswerk',
  Object.freeze({
    async invoke(channel: string, input: unknown): Promise<unknown> {
      if (typeof channel !== 'string' || !CHANNEL_PATTERN.test(channel)) {
        throw new HostCallError({ code: 'not-found', message: `Unbekannter Aufruf / Unknown call: ${String(channel)}` });
      }
      return unwrapEnvelope(await ipcRenderer.invoke(`${IPC_PREFIX}${channel}`, input));
    },
  }),
);
