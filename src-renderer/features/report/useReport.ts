import { listGroups } from '../../../shared/docs/workspace';
import { plainText, readReportForExport, type OutlineGroup, type ReportExport } from '../../../shared/docs/report';
import { WORKSPACE_DOC, reportDocName } from '../../../shared/sync/doc-names';
import type { DocConnection } from '../../sync/doc-connection';
import { useDoc, useDocValue } from '../../sync/hooks';

/** The report of a year as the reading view shows it, with the connection and the groups. */
export function useReport(year: number): { connection: DocConnection; groups: OutlineGroup[]; report: ReportExport } {
  const workspace = useDoc(WORKSPACE_DOC);
  const groups = useDocValue(workspace.doc, (d) => listGroups(d).map((g) => ({ id: g.id, name: g.name })));
  const connection = useDoc(reportDocName(year));
  const report = useDocValue(connection.doc, (d) => readReportForExport(d, year, { groups }));
  return { connection, groups, report };
}

/** One searchable place of the report: a chapter or a recommendation. */
export interface SearchEntry {
  anchor: string;
  number: string;
  title: string;
  text: string;
}

/** The search index of a report: chapter and recommendation texts, lower case. */
export function searchIndex(report: ReportExport): SearchEntry[] {
  const entries: SearchEntry[] = [];
  for (const part of report.parts) {
    for (const chapter of part.chapters) {
      entries.push({ anchor: chapter.anchor, number: chapter.number, title: chapter.title, text: `${chapter.title}\n${chapter.content ? plainText(chapter.content) : ''}` });
      for (const rec of chapter.recommendations) {
        entries.push({ anchor: rec.anchor, number: rec.number, title: rec.title, text: `${rec.title}\n${rec.groupName}\n${plainText(rec.content)}` });
      }
    }
  }
  return entries;
}

/** The places that contain every word of the query (case-insensitive), with a short excerpt. */
export function searchReport(index: readonly SearchEntry[], query: string): (SearchEntry & { excerpt: string })[] {
  const words = query.toLocaleLowerCase('de').split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) {
    return [];
  }
  return index.flatMap((entry) => {
    const lower = entry.text.toLocaleLowerCase('de');
    if (!words.every((w) => lower.includes(w))) {
      return [];
    }
    const at = lower.indexOf(words[0] as string);
    const start = Math.max(0, at - 40);
    const excerpt = `${start > 0 ? '…' : ''}${entry.text.slice(start, at + 80).replace(/\s+/g, ' ').trim()}…`;
    return [{ ...entry, excerpt }];
  });
}
