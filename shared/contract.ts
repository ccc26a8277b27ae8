import { z } from 'zod';
import { API_ERROR_CODES } from './host-envelope';
import { ImportBegin, ImportChunk, ImportSummary } from './indicators/import';
import { AuthConfig, AuthResponse, InvitationRequest, LoginRequest } from './sync/auth-api';
import { Indicator, IndicatorQuery, IndicatorSeries, Region, VintageInfo } from './indicators/types';
import { ReportExportRequest, ReportExportResult } from './export/contract';
import { ActionResult, CreateSessionRequest, JoinRequest, JoinResponse, MyState, ServerTime, SessionSummary, WorkshopAction, type Protocol } from './docs/workshop';
import { lifecycleContract } from './docs/lifecycle/host-contract';

/** Facts about the running host that the renderer needs at start. */
export const AppInfo = z.object({
  version: z.string(),
  /** Where the renderer's y-websocket clients connect (ws:// or wss://). */
  syncUrl: z.string(),
  /** Which host serves this renderer. */
  host: z.enum(['desktop', 'browser']),
  /** Year of the annual report currently being drafted. */
  reportYear: z.number().int(),
});
export type AppInfo = z.infer<typeof AppInfo>;

const none = z.object({}).strict();

/** A sync-server token (account token or workshop session token) passed on as Bearer. */
const workshopToken = z.string().min(1).max(4096);
const workshopId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/);
/** The protocol is built by the server from its public view (shared/docs/workshop/protocol.ts). */
const ProtocolOutput = z.custom<Protocol>(
  (value) => typeof value === 'object' && value !== null && 'title' in value && 'items' in value && Array.isArray(value.items),
  'Protokoll erwartet / protocol expected',
);

/**
 * Every call the renderer may make to its host: namespace → method → input schema and output
 * schema. Electron's IPC handlers and the browser host's HTTP routes are both checked against it,
 * and the renderer's client type is derived from it, so no call is stringly typed.
 */
export const contract = {
  app: {
    info: { input: none, output: AppInfo },
  },
  /** Sign-in, forwarded by the host to the sync server (which owns the accounts). */
  auth: {
    config: { input: none, output: AuthConfig },
    login: { input: LoginRequest, output: AuthResponse },
    invitation: { input: InvitationRequest, output: AuthResponse },
    refresh: { input: z.object({ token: z.string().min(1).max(4096) }).strict(), output: AuthResponse },
  },
  indicators: {
    list: { input: none, output: z.array(Indicator) },
    regions: { input: none, output: z.array(Region) },
    query: { input: IndicatorQuery, output: IndicatorSeries },
    /** Data vintages of a table, for "newer data available". */
    vintages: { input: z.object({ tableCode: z.string().min(1) }).strict(), output: z.array(VintageInfo) },
    /** Files already in the local cache (SHA-256 hex), to fetch only new published files. */
    importedFiles: { input: none, output: z.object({ hashes: z.array(z.string()) }) },
    /** Importing a file in chunks: begin, chunks, finish. */
    importBegin: { input: ImportBegin, output: z.object({ uploadId: z.string() }) },
    importChunk: { input: ImportChunk, output: z.object({ received: z.number().int() }) },
    importFinish: { input: z.object({ uploadId: z.string().min(1) }).strict(), output: ImportSummary },
    /**
     * Cancels an upload or its running import: the pending importFinish then fails with "Import
     * abgebrochen – nichts wurde geändert" and the cache stays as it was. `cancelled` is false when
     * there was nothing left to cancel (unknown upload, or the import already finished).
     */
    importCancel: { input: z.object({ uploadId: z.string().min(1) }).strict(), output: z.object({ cancelled: z.boolean() }) },
  },
  // Issue 9 (Fokusbericht): the host renders the report the renderer holds as PDF, DOCX or HTML.
  export: {
    report: { input: ReportExportRequest, output: ReportExportResult },
  },
  /** Issue 10 (workshops): forwarded by the host to the sync server's workshop routes. */
  workshop: {
    /** The server's clock (`{ now }`), for timers that are right on devices with a wrong clock. */
    time: { input: none, output: ServerTime },
    /** The group's sessions (their agendas are the templates for a new one). */
    sessions: { input: z.object({ accountToken: workshopToken.optional(), groupId: workshopId }).strict(), output: z.object({ sessions: z.array(SessionSummary) }) },
    /** A new session; the answer's token is the moderator key. */
    create: { input: z.object({ accountToken: workshopToken.optional(), session: CreateSessionRequest }).strict(), output: JoinResponse },
    /** Joins by the short code (members with their account token, guests and demo users by name). */
    join: { input: z.object({ accountToken: workshopToken.optional(), join: JoinRequest }).strict(), output: JoinResponse },
    /** The caller's own view of a session (own cards, dots left). */
    me: { input: z.object({ sessionId: workshopId, token: workshopToken }).strict(), output: MyState },
    /** One action in a session, checked by the server's rules. */
    act: { input: z.object({ sessionId: workshopId, token: workshopToken, action: WorkshopAction }).strict(), output: ActionResult },
    /** The session's protocol (moderator; everyone once closed). */
    protocol: { input: z.object({ sessionId: workshopId, token: workshopToken }).strict(), output: ProtocolOutput },
    /** The protocol as the moderator edited it (its HTML body), printed to PDF by the host's engine (network and scripts off). */
    protocolPdf: { input: z.object({ title: z.string().trim().min(1).max(300), html: z.string().min(1).max(2_000_000) }).strict(), output: ReportExportResult },
  },
  // Issue 11 (a proposal's life): status, versions, ratings, comments, recycle bin, search —
  // forwarded by the host to the sync server's lifecycle API (shared/docs/lifecycle/host-contract.ts).
  lifecycle: lifecycleContract,
} as const;

export type Contract = typeof contract;
export type Namespace = keyof Contract;
export type MethodOf<N extends Namespace> = keyof Contract[N] & string;

type Schemas = { input: z.ZodType; output: z.ZodType };
type Entry<N extends Namespace, M extends MethodOf<N>> = Contract[N][M] extends Schemas ? Contract[N][M] : never;

/** The input a caller passes (before defaults are applied). */
export type InputOf<N extends Namespace, M extends MethodOf<N>> = z.input<Entry<N, M>['input']>;
/** The value a handler receives (after parsing). */
export type ParsedInputOf<N extends Namespace, M extends MethodOf<N>> = z.output<Entry<N, M>['input']>;
/** The value a call resolves to. */
export type OutputOf<N extends Namespace, M extends MethodOf<N>> = z.output<Entry<N, M>['output']>;

/** The renderer's view of the host: every method returns a promise. */
export type Api = {
  [N in Namespace]: { [M in MethodOf<N>]: (input: InputOf<N, M>) => Promise<OutputOf<N, M>> };
};

/** Who made a call, as far as the host knows it. */
export interface Caller {
  /** Network address of the person's device when the call came over the network (browser mode). */
  address?: string;
}

/** What a host implements; handlers get already-validated input. */
export type Handlers = {
  [N in Namespace]: {
    [M in MethodOf<N>]: (input: ParsedInputOf<N, M>, caller: Caller) => OutputOf<N, M> | Promise<OutputOf<N, M>>;
  };
};

/** The method names as "namespace.method" strings: the only channel names there are. */
export type Channel = { [N in Namespace]: `${N}.${MethodOf<N>}` }[Namespace];

/** Looks up the schemas of a channel; undefined for anything not in the contract. */
export function lookupChannel(channel: string): Schemas | undefined {
  const [ns, method, ...rest] = channel.split('.');
  if (!ns || !method || rest.length > 0 || !Object.hasOwn(contract, ns)) {
    return undefined;
  }
  const methods = contract[ns as Namespace] as Record<string, Schemas>;
  return Object.hasOwn(methods, method) ? methods[method] : undefined;
}

/** Error shape returned by hosts for a failed call: a stable code and a German/English message. */
export const ApiError = z.object({
  code: z.enum(API_ERROR_CODES),
  message: z.string(),
});
export type ApiError = z.infer<typeof ApiError>;
