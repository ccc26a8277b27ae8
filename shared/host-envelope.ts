/** Codes of failed host calls; the contract's ApiError schema is built from this list. */
export const API_ERROR_CODES = [
  'bad-request',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'rate-limited',
  'unavailable',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/**
 * What a desktop host call resolves to on its way through Electron's IPC and context bridge.
 * Errors travel as data: an Error thrown across the context bridge arrives with its message only,
 * and the renderer needs the code (a wrong password, a rate limit, an unreachable sync server).
 */
export type HostEnvelope = { ok: true; value: unknown } | { ok: false; error: { code: ApiErrorCode; message: string } };

function isErrorShape(value: unknown): value is { code: ApiErrorCode; message: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    'code' in value &&
    'message' in value &&
    (API_ERROR_CODES as readonly unknown[]).includes(value.code) &&
    typeof value.message === 'string'
  );
}

/** The envelope if it has the right shape; anything else becomes an internal error. */
export function checkEnvelope(value: unknown): HostEnvelope {
  if (typeof value === 'object' && value !== null && 'ok' in value) {
    if (value.ok === true && 'value' in value) {
      return { ok: true, value: value.value };
    }
    if (value.ok === false && 'error' in value && isErrorShape(value.error)) {
      return { ok: false, error: { code: value.error.code, message: value.error.message } };
    }
  }
  return { ok: false, error: { code: 'internal', message: 'Ungültige Antwort des Hosts / Invalid response from host' } };
}
