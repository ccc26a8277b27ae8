import type * as Y from 'yjs';
import { MapName } from '../../schema/fragments';
import { OutlineMap } from './outline';

/** Title, year, date and version of a report, as printed on its cover and in every export. */
export interface ReportMeta {
  title: string;
  year: number;
  /** Date of this edition (ISO yyyy-mm-dd), or null while none is set. */
  date: string | null;
  /** Version label of this edition, e.g. "1.0" or "Entwurf 3". */
  version: string;
}

/** Reads the report's meta data, with defaults for missing or malformed values. */
export function readReportMeta(doc: Y.Doc, year: number): ReportMeta {
  const meta = doc.getMap(MapName.meta);
  const str = (key: string): string | null => {
    const v = meta.get(key);
    return typeof v === 'string' && v.trim() !== '' ? v : null;
  };
  const storedYear = meta.get('year');
  const date = str('date');
  return {
    title: str('title') ?? `Sozialplanung Fokus ${year}`,
    year: typeof storedYear === 'number' && Number.isInteger(storedYear) ? storedYear : year,
    date: date !== null && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
    version: str('version') ?? 'Entwurf',
  };
}

/** Sets fields of the report's meta data (only the given ones). */
export function setReportMeta(doc: Y.Doc, patch: Partial<Omit<ReportMeta, 'year'>>): void {
  const meta = doc.getMap(MapName.meta);
  doc.transact(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) {
        meta.set(key, value);
      }
    }
  });
}

/** True when a report document holds anything at all (meta, outline or recommendations). */
export function reportExists(doc: Y.Doc): boolean {
  return doc.getMap(MapName.meta).size > 0 || doc.getMap(OutlineMap.parts).size > 0 || doc.getMap(OutlineMap.chapters).size > 0 || doc.getMap(MapName.recommendations).size > 0;
}
