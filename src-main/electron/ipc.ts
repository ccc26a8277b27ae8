import type { ApiError, Handlers } from '../../shared/contract';
import type { Logger } from '../../shared/log';
import { contractChannels, dispatch, findHandler } from '../services/dispatch';
import { IPC_PREFIX } from './channel';
import type { IpcEnvelope } from './channel';
import { isAppUrl } from './origin';

/** The part of a sending frame the sender check reads (Electron's WebFrameMain fits it). */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/** The part of an invoke event the wrapper reads (Electron's IpcMainInvokeEvent fits it). */
export interface InvokeEventLike {
  readonly senderFrame: SenderFrameLike | null;
}

/**
 * The part of `ipcMain` the wrapper needs. A seam, so the wrapper can be exercised without
 * Electron; `ipcMain` itself satisfies it.
 */
export interface HandlerRegistry<E extends InvokeEventLike = InvokeEventLike> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<IpcEnvelope>): void;
  removeHandler(channel: string): void;
}

/** Options of registerHandlers. */
export interface RegisterOptions {
  logger: Logger;
  /** Decides whether a frame may call the host; defaults to isTrustedSender. */
  isTrusted?: (frame: SenderFrameLike | null) => boolean;
}

/** A call may come only from a top-level frame that shows our own app origin. */
export function isTrustedSender(frame: SenderFrameLike | null): boolean {
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

/**
 * Registers one `ipcMain.handle('fokuswerk:<ns>.<method>')` per contract channel. Each checks the
 * sender before anything else, then hands the call to the shared dispatcher (services/dispatch.ts)
 * and returns its envelope as is: this host only frames. Throws at start if a handler for a contract channel is missing.
 * Returns a function that removes the handlers again.
 */
export function registerHandlers<E extends InvokeEventLike>(
  registry: HandlerRegistry<E>,
  handlers: Handlers,
  options: RegisterOptions,
): () => void {
  const isTrusted = options.isTrusted ?? isTrustedSender;
  const channels = contractChannels();
  const missing = channels.filter((channel) => !findHandler(handlers, channel));
  if (missing.length > 0) {
    throw new Error(`Missing handlers for contract channels: ${missing.join(', ')}`);
  }
  for (const channel of channels) {
    registry.handle(`${IPC_PREFIX}${channel}`, async (event, ...args) => {
      const frame = event.senderFrame;
      if (!isTrusted(frame)) {
        options.logger.warn('ipc call from untrusted sender refused', { channel, url: frame?.url ?? null });
        return fail({ code: 'bad-request', message: 'Aufruf nicht erlaubt / Call not allowed' });
      }
      // The desktop app is its own device: no network address to pass on.
      return dispatch(handlers, channel, args[0], {}, options.logger);
    });
  }
  return () => {
    for (const channel of channels) {
      registry.removeHandler(`${IPC_PREFIX}${channel}`);
    }
  };
}

function fail(error: ApiError): IpcEnvelope {
  return { ok: false, error };
}
