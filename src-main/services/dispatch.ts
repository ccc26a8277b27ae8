import { contract, lookupChannel, type Caller, type Handlers } from '../../shared/contract';
import type { HostEnvelope } from '../../shared/host-envelope';
import type { Logger } from '../../shared/log';
import { toApiError } from './host-error';

type AnyHandler = (input: unknown, caller: Caller) => unknown;

/** Every "namespace.method" channel the contract defines. */
export function contractChannels(): string[] {
  return Object.entries(contract).flatMap(([ns, methods]) => Object.keys(methods).map((m) => `${ns}.${m}`));
}

/** The handler of a contract channel, bound to its namespace object; undefined if there is none. */
export function findHandler(handlers: Handlers, channel: string): AnyHandler | undefined {
  if (!lookupChannel(channel)) {
    return undefined;
  }
  const [ns, method] = channel.split('.');
  if (!ns || !method || !Object.hasOwn(handlers, ns)) {
    return undefined;
  }
  const methods = (handlers as unknown as Record<string, Record<string, unknown>>)[ns];
  const handler = methods && Object.hasOwn(methods, method) ? methods[method] : undefined;
  return typeof handler === 'function' ? (handler.bind(methods) as AnyHandler) : undefined;
}

/**
 * Runs one contract call for either host: looks the channel up in the contract, parses the input
 * with its zod schema before any service sees it, calls the handler and maps every failure to one
 * error code (shared/host-envelope.ts). Never throws; the hosts only frame the envelope (IPC as is,
 * HTTP as status and body). A call without arguments sends an empty object.
 */
export async function dispatch(
  handlers: Handlers,
  channel: string,
  input: unknown,
  caller: Caller,
  logger: Logger,
): Promise<HostEnvelope> {
  const schemas = lookupChannel(channel);
  const handler = findHandler(handlers, channel);
  if (!schemas || !handler) {
    return fail('not-found', `Unbekannter Aufruf „${channel}“ / unknown call "${channel}"`);
  }
  const parsed = schemas.input.safeParse(input === undefined ? {} : input);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(input)'}: ${issue.message}`)
      .join('; ');
    return fail('bad-request', `Ungültige Eingabe / invalid input (${channel}): ${detail}`);
  }
  try {
    return { ok: true, value: await handler(parsed.data, caller) };
  } catch (error: unknown) {
    const known = toApiError(error);
    if (known) {
      return { ok: false, error: known };
    }
    logger.error('handler failed', { channel, error });
    return fail('internal', 'Interner Fehler / internal error');
  }
}

function fail(code: Extract<HostEnvelope, { ok: false }>['error']['code'], message: string): HostEnvelope {
  return { ok: false, error: { code, message } };
}
