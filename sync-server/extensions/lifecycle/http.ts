import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { LifecycleErrorStatus, type LifecycleErrorCode } from '../../../shared/docs/lifecycle/api.js';
import { parseWith, readJsonBody, sendJson } from '../../http-json.js';

/** A refusal of the lifecycle API: code, HTTP status (see LifecycleErrorStatus) and message. */
export class LifecycleHttpError extends Error {
  constructor(
    readonly code: LifecycleErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY_BYTES = 256 * 1024;

const badRequest = (detail: string): LifecycleHttpError => new LifecycleHttpError('bad-request', detail);

/** Reads and validates a JSON body. */
export async function readJson<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.infer<T>> {
  if (req.method !== 'POST') {
    throw badRequest('Nur POST / POST only');
  }
  return readJsonBody(req, schema, MAX_BODY_BYTES, badRequest);
}

/** Validates the query string of a GET request. */
export function readQuery<T extends z.ZodType>(req: IncomingMessage, schema: T): z.infer<T> {
  if (req.method !== 'GET') {
    throw badRequest('Nur GET / GET only');
  }
  const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const query: Record<string, string> = {};
  for (const [key, value] of params) {
    query[key] = value;
  }
  return parseWith(schema, query, badRequest);
}


/** Sends a lifecycle error, or 500 for anything else. */
export function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof LifecycleHttpError) {
    sendJson(res, LifecycleErrorStatus[error.code], { error: error.code, message: error.message });
  } else {
    sendJson(res, 500, { error: 'internal', message: 'Interner Serverfehler / internal server error' });
  }
}
