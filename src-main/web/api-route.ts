import { z } from 'zod';
import { lookupChannel, type ApiError, type Caller, type Handlers } from '../../shared/contract';

/** Outcome of one contract call over HTTP: a status code and a JSON body. */
export interface ApiResponse {
  status: number;
  body: unknown;
}

/** Errors that carry a contract error (e.g. IndicatorError) expose it through toApiError(). */
function asApiError(error: unknown): ApiError | null {
  if (typeof error === 'object' && error !== null && 'toApiError' in error && typeof error.toApiError === 'function') {
    return (error as { toApiError(): ApiError }).toApiError();
  }
  return null;
}

const STATUS: Record<ApiError['code'], number> = {
  'bad-request': 400,
  unauthorized: 401,
  'not-found': 404,
  'rate-limited': 429,
  internal: 500,
  unavailable: 503,
};

/**
 * Runs one contract call: looks the channel up, validates the input with the contract's schema
 * before any service sees it, and maps failures to ApiError bodies with German/English messages.
 */
export async function handleApiCall(handlers: Handlers, channel: string, rawBody: string, caller: Caller = {}): Promise<ApiResponse> {
  const schemas = lookupChannel(channel);
  if (!schemas) {
    return error('not-found', `Unbekannter Aufruf „${channel}“ / unknown call "${channel}"`);
  }
  let json: unknown;
  try {
    json = rawBody.trim() === '' ? {} : (JSON.parse(rawBody) as unknown);
  } catch {
    return error('bad-request', 'Anfrage ist kein gültiges JSON / request body is not valid JSON');
  }
  const parsed = schemas.input.safeParse(json);
  if (!parsed.success) {
    return error('bad-request', `Ungültige Eingabe / invalid input: ${z.prettifyError(parsed.error)}`);
  }
  const [ns, method] = channel.split('.') as [keyof Handlers, string];
  const handler = (handlers[ns] as Record<string, (input: unknown, caller: Caller) => unknown>)[method];
  if (!handler) {
    return error('not-found', `Aufruf „${channel}“ ist nicht verfügbar / call "${channel}" is not available`);
  }
  try {
    return { status: 200, body: await handler(parsed.data, caller) };
  } catch (e: unknown) {
    const apiError = asApiError(e);
    if (apiError) {
      return { status: STATUS[apiError.code], body: apiError };
    }
    throw e;
  }
}

function error(code: ApiError['code'], message: string): ApiResponse {
  return { status: STATUS[code], body: { code, message } satisfies ApiError };
}
