import { contextBridge, ipcRenderer } from 'electron';
import { checkEnvelope, type HostEnvelope } from '../../shared/host-envelope';
import { CHANNEL_PATTERN, IPC_PREFIX } from './channel';

/**
 * The whole renderer-facing surface: `window.fokuswerk.invoke("namespace.method", input)`, which
 * resolves to an envelope (value or error with code; see shared/host-envelope.ts). Channel names
 * are checked for shape here and against the contract in the main process.
 */
contextBridge.exposeInMainWorld(
  'fokuswerk',
  Object.freeze({
    async invoke(channel: string, input: unknown): Promise<HostEnvelope> {
      if (typeof channel !== 'string' || !CHANNEL_PATTERN.test(channel)) {
        return { ok: false, error: { code: 'not-found', message: `Unbekannter Aufruf / Unknown call: ${String(channel)}` } };
      }
      return checkEnvelope(await ipcRenderer.invoke(`${IPC_PREFIX}${channel}`, input));
    },
  }),
);
