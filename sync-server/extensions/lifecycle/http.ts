import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { LifecycleErrorStatus, type LifecycleErrorCode } from '../../../shared/docs/lifecycle/api.js';

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

/** Reads and validates a JSON body. */
export async function readJson<T extends z.ZodType>(req: IncomingMessage, schema: T): Promise<z.infer<T>> {
  if (req.method !== 'POST') {
    throw new LifecycleHttpError('bad-request', 'Nur POST / POST only');
  }
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    throw new LifecycleHttpError('bad-request', 'Content-Type muss application/json sein / must be application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      throw new LifecycleHttpError('bad-request', 'Anfrage zu groß / request too large');
    }
    chunks.push(chunk);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new LifecycleHttpError('bad-request', 'Kein JSON / not JSON');
  }
  return parse(schema, json);
}

/** Validates the query string of a GET request. */
export function readQuery<T extends z.ZodType>(req: IncomingMessage, schema: T): z.infer<T> {
  if (req.method !== 'GET') {
    throw new LifecycleHttpError('bad-request', 'Nur GET / GET only');
  }
  const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const query: Record<string, string> = {};
  for (const [key, value] of params) {
    query[key] = value;
  }
  return parse(schema, query);
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new LifecycleHttpError('bad-request', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join(', '));
  }
  return parsed.data;
}

/** Sends a JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

/** Sends a lifecycle error, or 500 for anything else. */
export function sendError(res: ServerResponse, error: unknown): void {
  if (error instanceof LifecycleHttpError) {
    sendJson(res, LifecycleErrorStatus[error.code], { error: error.code, message: error.message });
  } else {
    sendJson(res, 500, { error: 'internal', message: 'Interner Serverfehler / internal server error' });
  }
}
