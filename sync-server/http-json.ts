import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';

/**
 * Reading and answering JSON on the sync server's HTTP routes (accounts, workshops, the proposal
 * lifecycle), written once. Each route family keeps its own error type; `fail` makes one from a
 * German/English detail.
 */

/** Validates `value` against `schema`; fails with the paths and messages of every problem. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, fail: (detail: string) => Error): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw fail(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join(', '));
  }
  return parsed.data;
}

/**
 * Reads a request body of at most `maxBytes` as JSON and validates it. The body must be declared
 * as application/json: a browser cannot send that cross-origin without asking first (preflight).
 */
export async function readJsonBody<T extends z.ZodType>(
  req: IncomingMessage,
  schema: T,
  maxBytes: number,
  fail: (detail: string) => Error,
): Promise<z.infer<T>> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    throw fail('Content-Type muss application/json sein / must be application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      throw fail('Anfrage zu groß / request too large');
    }
    chunks.push(chunk);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw fail('kein JSON / not JSON');
  }
  return parseWith(schema, json, fail);
}

/** Sends a JSON answer that no cache keeps. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res
    .writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(JSON.stringify(body));
}

/** An answer: status and JSON body. */
export interface JsonAnswer {
  status: number;
  body: unknown;
}

/** A refusal a route family recognises: its status, body and extra headers (e.g. retry-after). */
export interface JsonRefusal extends JsonAnswer {
  headers?: Record<string, string>;
}

/**
 * One route family's HTTP handler: answers CORS preflights for `corsHeaders`, runs `respond`,
 * sends its answer, a refusal `refusalOf` recognises, or a 500 (logged with the path) for anything
 * unexpected.
 */
export function jsonRoutes(
  respond: (req: IncomingMessage, path: string) => Promise<JsonAnswer>,
  options: {
    corsHeaders: (req: IncomingMessage) => Record<string, string>;
    refusalOf: (error: unknown) => JsonRefusal | undefined;
    onUnexpected: (path: string, error: unknown) => void;
  },
): (req: IncomingMessage, res: ServerResponse, path: string) => void {
  return (req, res, path) => {
    const cors = options.corsHeaders(req);
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return;
    }
    respond(req, path).then(
      ({ status, body }) => sendJson(res, status, body, cors),
      (error: unknown) => {
        const refusal = options.refusalOf(error);
        if (refusal !== undefined) {
          sendJson(res, refusal.status, refusal.body, { ...cors, ...refusal.headers });
        } else {
          options.onUnexpected(path, error);
          sendJson(res, 500, { error: 'internal', message: 'Interner Serverfehler / internal server error' }, cors);
        }
      },
    );
  };
}
