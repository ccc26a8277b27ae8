import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { listProposals } from '../../../shared/docs/proposal';
import { listGroups } from '../../../shared/docs/workspace';
import { reportExists, type ReportContext } from '../../../shared/docs/report';
import { PROTOCOL_VERSION_PARAM, SYNC_PROTOCOL_VERSION, TOKEN_PARAM } from '../../../shared/sync/protocol';
import { WORKSPACE_DOC, groupIndexDocName, reportDocName } from '../../../shared/sync/doc-names';
import { ExportError } from './export-error';

/** A report as read from its store, with what the exporters need to know around it. */
export interface LoadedReport {
  doc: Y.Doc;
  context: ReportContext;
}

export { reportExists } from '../../../shared/docs/report';

/** The error for a year without a report. */
export function noReport(year: number): ExportError {
  return new ExportError('no-report', `Für ${year} gibt es keinen Bericht / there is no report for ${year}`);
}

async function syncDoc(url: string, token: string, name: string, timeoutMs: number): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, name, doc, {
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    params: { [TOKEN_PARAM]: token, [PROTOCOL_VERSION_PARAM]: String(SYNC_PROTOCOL_VERSION) },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new ExportError('no-report', `Keine Verbindung zu ${url} oder keine Leseberechtigung für ${name} / could not read ${name} from ${url}`)), timeoutMs);
      provider.on('connection-close', (event) => {
        const close = event as unknown as { code?: number; reason?: string } | null;
        if (close?.code !== undefined && close.code >= 4000) {
          clearTimeout(timer);
          reject(new ExportError('no-report', `Der Sync-Server hat ${name} verweigert / the sync server refused ${name}: ${close.reason || close.code}`));
        }
      });
      provider.once('sync', (synced: boolean) => {
        if (synced) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    return copy;
  } finally {
    provider.destroy();
    // Destroying the doc also stops its awareness timer, which would keep the process alive.
    doc.destroy();
  }
}

/** Reads a report (and the groups and their proposal lists) from a running sync server. */
export async function loadReportFromSync(url: string, token: string, year: number, timeoutMs = 15_000): Promise<LoadedReport> {
  const doc = await syncDoc(url, token, reportDocName(year), timeoutMs);
  if (!reportExists(doc)) {
    throw noReport(year);
  }
  const workspace = await syncDoc(url, token, WORKSPACE_DOC, timeoutMs);
  const groups = listGroups(workspace).map((g) => ({ id: g.id, name: g.name }));
  const proposals = new Set<string>();
  let allIndexes = true;
  for (const g of groups) {
    try {
      const index = await syncDoc(url, token, groupIndexDocName(g.id), timeoutMs);
      for (const p of listProposals(index)) {
        proposals.add(`${g.id}/${p.id}`);
      }
    } catch {
      allIndexes = false;
    }
  }
  return { doc, context: { groups, ...(allIndexes ? { proposalExists: (g: string, p: string) => proposals.has(`${g}/${p}`) } : {}) } };
}
