import type Database from 'better-sqlite3';

/** Keeps the catalogue summary of a vintage current after an import (see cache-schema.ts). */
export function refreshSummary(_db: Database.Database, _tableId: number): void {
  // filled in below
}
