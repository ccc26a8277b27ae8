import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { readReportForExport, reportExists, type OutlineGroup, type ReportExport, type SteeringRating } from '../../../shared/docs/report';
import { reportDocName } from '../../../shared/sync/doc-names';
import { useApp } from '../../state/app-context';
import type { DocConnection } from '../../sync/doc-connection';

/** How many years back the archive looks for reports. */
export const ARCHIVE_YEARS = 10;

/** The years the archive looks at, newest first: this year's report and the ten before it. */
export function archiveYears(current: number, back = ARCHIVE_YEARS): number[] {
  return Array.from({ length: back + 1 }, (_, i) => current - i);
}

/** A year's report as far as it is known: still loading, absent, or read. */
export type YearReport = { year: number; state: 'loading' } | { year: number; state: 'absent' } | { year: number; state: 'present'; report: ReportExport; connection: DocConnection };

function readYear(year: number, connection: DocConnection, groups: readonly OutlineGroup[]): YearReport {
  const status = connection.getStatus();
  if (!reportExists(connection.doc)) {
    // Absent only once the server (or, offline, the device's copy) had its say.
    return status.serverSynced || (status.localLoaded && status.connection !== 'connecting' && status.connection !== 'connected') ? { year, state: 'absent' } : { year, state: 'loading' };
  }
  return { year, state: 'present', report: readReportForExport(connection.doc, year, { groups }), connection };
}

/**
 * The reports of several years, read as the reading view reads them, each kept open while the
 * caller is mounted. Re-read when a document or its sync status changes.
 */
export function useYearReports(years: readonly number[], groups: readonly OutlineGroup[]): YearReport[] {
  const { registry } = useApp();
  const key = years.join(',');
  const connections = useMemo(() => key.split(',').filter(Boolean).map((y) => ({ year: Number(y), connection: registry.get(reportDocName(Number(y))) })), [registry, key]);
  useEffect(() => {
    const held = connections.map(({ year }) => registry.acquire(reportDocName(year)));
    return () => held.forEach((h) => h.release());
  }, [registry, connections]);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const offs = connections.map(({ connection }) => {
        connection.doc.on('update', onChange);
        const unsubscribe = connection.subscribe(onChange);
        return () => {
          connection.doc.off('update', onChange);
          unsubscribe();
        };
      });
      return () => offs.forEach((off) => off());
    },
    [connections],
  );
  const cache = useRef<{ json: string; value: YearReport[] } | null>(null);
  const groupsKey = JSON.stringify(groups);
  const getSnapshot = (): YearReport[] => {
    const value = connections.map(({ year, connection }) => readYear(year, connection, groups));
    const json = groupsKey + JSON.stringify(value.map((v) => (v.state === 'present' ? { year: v.year, report: v.report } : v)));
    if (cache.current?.json === json) {
      return cache.current.value;
    }
    cache.current = { json, value };
    return value;
  };
  return useSyncExternalStore(subscribe, getSnapshot);
}

/** One recommendation of a year's report, as the archive lists it. */
export interface ArchivedRecommendation {
  year: number;
  anchor: string;
  number: string;
  title: string;
  groupName: string;
  rating: SteeringRating | null;
  ratingLabel: string | null;
}

/** What the archive filters by; null means "all". `rating: 'none'` finds unrated ones. */
export interface ArchiveFilter {
  year: number | null;
  group: string | null;
  rating: SteeringRating | 'none' | null;
}

/** Every recommendation of the given reports, newest year first, in report order. */
export function archivedRecommendations(reports: readonly YearReport[]): ArchivedRecommendation[] {
  return reports.flatMap((r) =>
    r.state !== 'present'
      ? []
      : r.report.parts.flatMap((p) =>
          p.chapters.flatMap((c) => c.recommendations.map((rec) => ({ year: r.year, anchor: rec.anchor, number: rec.number, title: rec.title, groupName: rec.groupName, rating: rec.rating, ratingLabel: rec.ratingLabel }))),
        ),
  );
}

/** The recommendations that match a filter. */
export function filterArchive(list: readonly ArchivedRecommendation[], filter: ArchiveFilter): ArchivedRecommendation[] {
  return list.filter(
    (r) => (filter.year === null || r.year === filter.year) && (filter.group === null || r.groupName === filter.group) && (filter.rating === null || (filter.rating === 'none' ? r.rating === null : r.rating === filter.rating)),
  );
}
