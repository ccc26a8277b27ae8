import { existsSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { listProposals } from '../../shared/docs/proposal';
import { listGroups } from '../../shared/docs/workspace';
import { WORKSPACE_DOC, groupIndexDocName, reportDocName } from '../../shared/sync/doc-names';
import { DATABASE_FILE, createDocStore } from '../../sync-server/persistence';
import { ExportError } from '../services/export/export-error';
import { noReport, reportExists, type LoadedReport } from '../services/export/report-source';

/**
 * Reads a report from a sync server's data directory, read-only: a running server keeps its lock
 * and its writes (SQLite WAL lets a reader see the last committed state while it writes).
 */
export async function loadReportFromDataDir(dataDir: string, year: number): Promise<LoadedReport> {
  const file = path.join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) {
    throw new ExportError('no-report', `Keine Datenbank in ${dataDir} / no sync database in ${dataDir}`);
  }
  const store = createDocStore(new Database(file, { readonly: true, fileMustExist: true, timeout: 5_000 }));
  try {
    const load = (name: string): Y.Doc => {
      const doc = new Y.Doc();
      const updates = store.load(name).updates;
      if (updates.length > 0) {
        Y.applyUpdate(doc, Y.mergeUpdates(updates));
      }
      return doc;
    };
    const doc = load(reportDocName(year));
    if (!reportExists(doc)) {
      throw noReport(year);
    }
    const groups = listGroups(load(WORKSPACE_DOC)).map((g) => ({ id: g.id, name: g.name }));
    // A proposal exists while its group's index lists it (deleting removes it from the index).
    const proposals = new Set(groups.flatMap((g) => listProposals(load(groupIndexDocName(g.id))).map((p) => `${g.id}/${p.id}`)));
    return { doc, context: { groups, proposalExists: (g, p) => proposals.has(`${g}/${p}`) } };
  } finally {
    await store.close();
  }
}

