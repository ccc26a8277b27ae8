import type { ApiError } from '../../shared/contract';

/** Prefix of every IPC channel Fokuswerk registers: "fokuswerk:<namespace>.<method>". */
export const IPC_PREFIX = 'fokuswerk:';

/** Shape of a contract channel name; the preload refuses anything else before it reaches IPC. */
export const CHANNEL_PATTERN = /^[a-z]+\.[a-zA-Z]+$/;

/** What every IPC handler resolves to: errors travel as data, never as rejected invokes. */
export type IpcEnvelope = { ok: true; value: unknown } | { ok: false; error: ApiError };

/** Error thrown in the renderer for a failed call; carries the host's ApiError code. */
export class HostCallError extends Error {
  readonly code: ApiError['code'];

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'HostCallError';
    this.code = error.code;
  }
}

/** Returns the envelope's value or throws a HostCallError; anything malformed is an internal error. */
export function unwrapEnvelope(envelope: unknown): unknown {
  if (typeof envelope === 'object' && envelope !== null && 'ok' in envelope) {
    if (envelope.ok === true && 'value' in envelope) {
      return envelope.value;
    }
    if (envelope.ok === false && 'error' in envelope && isApiErrorLike(envelope.error)) {
      throw new HostCallError(envelope.error);
    }
  }
  throw new HostCallError({
    code: 'internal',
    message: 'Ungültige Antwort des Hosts / Invalid response from host',
  });
}

function isApiErrorLike(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    'code' in value &&
    'message' in value &&
    (value.code === 'bad-request' || value.code === 'not-found' || value.code === 'internal') &&
    typeof value.message === 'string'
  );
}
