import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_SNAPSHOT_QUERY, demoSnapshot } from '../../../shared/demo/demo-snapshot';
import { openIndicatorCache } from './cache';
import { silentLogger, tempDir } from './test-fixtures';

describe('the demo proposal’s snapshot', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds exactly what the app reads from the bundled data (else run scripts/demo-snapshot.ts)', () => {
    const cache = openIndicatorCache({ dbPath: path.join(dir, 'indicators.sqlite'), logger: silentLogger });
    try {
      const { id, takenAt, takenBy, ...figures } = demoSnapshot();
      expect({ id, takenAt, takenBy }).toEqual({ id: 'demo-bevoelkerung-uetersen-tornesch', takenAt: '2026-09-14T09:45:00.000Z', takenBy: 'Anke Petersen' });
      expect(figures).toEqual(cache.query(DEMO_SNAPSHOT_QUERY));
      // Spot check against GENESIS table 12411-01-01-5: Uetersen on 31.12.2015.
      expect(figures.values.find((v) => v.ags === '01056049' && v.period === '2015-12-31')?.value).toBe(18101);
      expect(figures.source.tableCode).toBe('12411-01-01-5');
    } finally {
      cache.close();
    }
  });
});
