import { contract, lookupChannel } from '../../shared/contract';
import type { ApiError, Caller, Handlers } from '../../shared/contract';
import type { Logger } from '../../shared/log';
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

/** Every "namespace.method" channel the contract defines. */
export function contractChannels(): string[] {
  return Object.entries(contract).flatMap(([ns, methods]) => Object.keys(methods).map((m) => `${ns}.${m}`));
}

type AnyHandler = (input: unknown, caller: Caller) => unknown;

/**
 * Runs one call: looks the channel up in the contract, parses the input with its zod schema and
 * only then calls the handler. Never throws; every failure becomes an ApiError envelope.
 */
export async function dispatch(
  handlers: Handlers,
  channel: string,
  input: unknown,
  logger: Logger,
): Promise<IpcEnvelope> {
  const schemas = lookupChannel(channel);
  const handler = schemas ? findHandler(handlers, channel) : undefined;
  if (!schemas || !handler) {
    return fail({ code: 'not-found', message: `Unbekannter Aufruf / Unknown call: ${channel}` });
  }
  // Like the browser host (`input ?? {}`), a call without arguments sends an empty object.
  const parsed = schemas.input.safeParse(input === undefined ? {} : input);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(input)'}: ${issue.message}`)
      .join('; ');
    return fail({ code: 'bad-request', message: `Ungültige Eingabe / Invalid input (${channel}): ${detail}` });
  }
  try {
    // The desktop app is its own device: no network address to pass on.
    return { ok: true, value: await handler(parsed.data, {}) };
  } catch (error: unknown) {
    const known = asApiError(error);
    if (known) {
      return fail(known);
    }
    logger.error('handler failed', { channel, error });
    return fail({ code: 'internal', message: 'Interner Fehler / Internal error' });
  }
}

/**
 * Registers one `ipcMain.handle('fokuswerk:<ns>.<method>')` per contract channel. Each checks the
 * sender before anything else. Throws at start if a handler for a contract channel is missing.
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
      return dispatch(handlers, channel, args[0], options.logger);
    });
  }
  return () => {
    for (const channel of channels) {
      registry.removeHandler(`${IPC_PREFIX}${channel}`);
    }
  };
}

function findHandler(handlers: Handlers, channel: string): AnyHandler | undefined {
  const [ns, method] = channel.split('.');
  if (!ns || !method || !Object.hasOwn(handlers, ns)) {
    return undefined;
  }
  const methods = (handlers as unknown as Record<string, Record<string, unknown>>)[ns];
  const handler = methods && Object.hasOwn(methods, method) ? methods[method] : undefined;
  return typeof handler === 'function' ? (handler.bind(methods) as AnyHandler) : undefined;
}

/** A service may throw an ApiError-shaped value on purpose (e.g. not-found); pass it on as is. */
function asApiError(error: unknown): ApiError | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error) || !('message' in error)) {
    return undefined;
  }
  const { code, message } = error;
  if ((code === 'bad-request' || code === 'not-found') && typeof message === 'string') {
    return { code, message };
  }
  return undefined;
}

function fail(error: ApiError): IpcEnvelope {
  return { ok: false, error };
}
