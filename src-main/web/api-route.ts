import type { ApiError, Caller, Handlers } from '../../shared/contract';
import type { Logger } from '../../shared/log';
import { dispatch } from '../services/dispatch';

/** Outcome of one contract call over HTTP: a status code and a JSON body. */
export interface ApiResponse {
  status: number;
  body: unknown;
}

/** HTTP status of each error code: the browser host's only addition to the error vocabulary. */
export const STATUS_OF: Readonly<Record<ApiError['code'], number>> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'rate-limited': 429,
  internal: 500,
  unavailable: 503,
};

/**
 * Frames one contract call over HTTP: reads the JSON body, hands the call to the shared dispatcher
 * (services/dispatch.ts) and turns its envelope into a status and body (the value, or the ApiError).
 */
export async function handleApiCall(
  handlers: Handlers,
  channel: string,
  rawBody: string,
  caller: Caller,
  logger: Logger,
): Promise<ApiResponse> {
  let json: unknown;
  try {
    json = rawBody.trim() === '' ? undefined : (JSON.parse(rawBody) as unknown);
  } catch {
    return error({ code: 'bad-request', message: 'Anfrage ist kein gültiges JSON / request body is not valid JSON' });
  }
  const envelope = await dispatch(handlers, channel, json, caller, logger);
  return envelope.ok ? { status: 200, body: envelope.value } : error(envelope.error);
}

function error(apiError: ApiError): ApiResponse {
  return { status: STATUS_OF[apiError.code], body: apiError };
}
