import * as Y from 'yjs';
import { readPublicWorkshop, WorkshopPath, type JoinResponse, type PublicWorkshop, type WorkshopAction } from '../../shared/docs/workshop/index.js';
import { waitFor, type TestClient } from '../../sync-server/test-support.js';

/** A raw HTTP answer: status and parsed JSON body. */
export interface Answer<T = unknown> {
  status: number;
  body: T;
}

/** Plain HTTP against the workshop API, as any client (or attacker) could send it. */
export function workshopApi(httpUrl: string) {
  const request = async <T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown, token?: string): Promise<Answer<T>> => {
    const headers: Record<string, string> = {};
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
    }
    if (token !== undefined) {
      headers.authorization = `Bearer ${token}`;
    }
    const response = await fetch(`${httpUrl}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: response.status, body: (await response.json()) as T };
  };
  return {
    request,
    create: (body: unknown, token?: string) => request<JoinResponse>('POST', WorkshopPath.sessions, body, token),
    join: (body: unknown, token?: string) => request<JoinResponse>('POST', WorkshopPath.join, body, token),
    act: (sessionId: string, token: string, action: WorkshopAction | Record<string, unknown>) =>
      request<{ ok?: true; id?: string; error?: string }>('POST', WorkshopPath.actions(sessionId), action, token),
    me: (sessionId: string, token: string) => request('GET', WorkshopPath.me(sessionId), undefined, token),
  };
}

/** Acts and expects success; returns the created id, if any. */
export async function must(api: ReturnType<typeof workshopApi>, sessionId: string, token: string, action: WorkshopAction): Promise<string | undefined> {
  const answer = await api.act(sessionId, token, action);
  if (answer.status !== 200) {
    throw new Error(`${action.type} → ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body.id;
}

/** The public document as a client sees it (throws until it arrived). */
export function view(client: TestClient): PublicWorkshop {
  const parsed = readPublicWorkshop(client.doc);
  if (parsed === null) {
    throw new Error('public document not there yet');
  }
  return parsed;
}

/** Waits until the client's copy of the public document satisfies `condition`. */
export async function waitForView(client: TestClient, condition: (view: PublicWorkshop) => boolean, what: string): Promise<PublicWorkshop> {
  await waitFor(() => {
    const parsed = readPublicWorkshop(client.doc);
    return parsed !== null && condition(parsed);
  }, what);
  return view(client);
}

/** Everything a client holds of a document, as text (to search for what must not be there). */
export function docText(doc: Y.Doc): string {
  return Buffer.from(Y.encodeStateAsUpdate(doc)).toString('utf8');
}
