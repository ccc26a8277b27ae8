import type { Api, Channel, MethodOf, Namespace } from '../../shared/contract';
import { contract } from '../../shared/contract';
import { checkEnvelope, type ApiErrorCode, type HostEnvelope } from '../../shared/host-envelope';

/** What the Electron preload exposes; absent in browser mode. */
interface DesktopBridge {
  invoke(channel: string, input: unknown): Promise<HostEnvelope>;
}

declare global {
  interface Window {
    fokuswerk?: DesktopBridge;
  }
}

/** Why a host call failed: the contract's codes, and 'unreachable' when the host itself did not answer. */
export type HostErrorCode = ApiErrorCode | 'unreachable';

/**
 * A failed host call. The UI says it by `code` in its own language (ui/error-text.ts); the host's
 * message (German / English, for logs and developers) is kept as the error's message.
 */
export class HostError extends Error {
  constructor(
    message: string,
    readonly code: HostErrorCode,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

function knownCode(code: unknown): ApiErrorCode {
  const parsed = checkEnvelope({ ok: false, error: { code, message: '' } });
  return parsed.ok ? 'internal' : parsed.error.code;
}

type Transport = (channel: Channel, input: unknown) => Promise<unknown>;

const httpTransport: Transport = async (channel, input) => {
  let response: Response;
  try {
    response = await fetch(`api/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? {}),
    });
  } catch {
    throw new HostError('Fokuswerk service unreachable', 'unreachable');
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const err = body as { code?: string; message?: string } | null;
    throw new HostError(err?.message ?? `HTTP ${response.status}`, knownCode(err?.code));
  }
  return body;
};

/** Builds the typed API object over a transport; the shape comes from the contract. */
function createApi(transport: Transport): Api {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const ns of Object.keys(contract) as Namespace[]) {
    const methods: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const method of Object.keys(contract[ns]) as MethodOf<typeof ns>[]) {
      methods[method] = (input) => transport(`${ns}.${String(method)}` as Channel, input);
    }
    api[ns] = methods;
  }
  return api as unknown as Api;
}

const desktop = window.fokuswerk;

/** Over Electron's IPC, failures arrive as error envelopes with their code, as over HTTP. */
const ipcTransport = (bridge: DesktopBridge): Transport => async (channel, input) => {
  let envelope: HostEnvelope;
  try {
    envelope = checkEnvelope(await bridge.invoke(channel, input));
  } catch (e: unknown) {
    throw new HostError(e instanceof Error ? e.message : String(e), 'internal');
  }
  if (!envelope.ok) {
    throw new HostError(envelope.error.message, envelope.error.code);
  }
  return envelope.value;
};

/** The host API: Electron IPC on the desktop, HTTP in browser mode. The renderer cannot tell which. */
export const api: Api = createApi(desktop ? ipcTransport(desktop) : httpTransport);

