import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { demoSnapshot } from '../../demo/demo-snapshot';
import { doc, p } from '../../demo/content';
import { documentSchema } from '../../schema/extensions';
import { Fragment } from '../../schema/fragments';
import { SNAPSHOT_NODE } from '../../schema/snapshot-node';
import type { IndicatorQuery, IndicatorSeries, IndicatorSnapshot, VintageInfo } from '../../indicators/types';
import { applyDataRefresh, planDataRefresh, type IndicatorReader } from './data-refresh';
import { reportDataBlocks } from './data-blocks';

const groups = [{ id: 'wohnen', name: 'Wohnen' }];
const OLD = demoSnapshot();
const OTHER: IndicatorSnapshot = { ...OLD, id: 'anderer-block', indicator: { ...OLD.indicator, id: 'andere-kennzahl', tableCode: 'X-1' }, source: { ...OLD.source, tableCode: 'X-1' } };
const NEW_STAND = '2019-02-01T09:00:00';

/** The indicator cache after a newer Stand of the demo table: one value changed (Uetersen 2015 + 25). */
function cacheWithNewerStand(): IndicatorReader & { queries: IndicatorQuery[] } {
  const queries: IndicatorQuery[] = [];
  return {
    queries,
    vintages: (tableCode) =>
      Promise.resolve<VintageInfo[]>(
        tableCode === OLD.source.tableCode
          ? [
              { tableCode, title: OLD.source.tableTitle, stand: OLD.source.stand, current: false },
              { tableCode, title: OLD.source.tableTitle, stand: NEW_STAND, current: true },
            ]
          : [{ tableCode, title: 'X', stand: OTHER.source.stand, current: true }],
      ),
    query: (query) => {
      queries.push(query);
      const { id: _id, takenAt: _a, takenBy: _b, replaces: _r, ...series } = OLD;
      const values = series.values.map((v, i) => (i === series.values.length - 1 && v.value !== null ? { ...v, value: v.value + 25 } : v));
      return Promise.resolve<IndicatorSeries>({ ...series, values, source: { ...series.source, stand: NEW_STAND } });
    },
  };
}

function reportWithBlocks(): Y.Doc {
  const report = new Y.Doc();
  const schema = documentSchema();
  prosemirrorJSONToYXmlFragment(schema, doc(p('Bevölkerung'), { type: SNAPSHOT_NODE, attrs: { snapshot: OLD } }, { type: SNAPSHOT_NODE, attrs: { snapshot: OTHER } }), report.getXmlFragment(Fragment.reportChapter('_bevoelkerung')));
  prosemirrorJSONToYXmlFragment(schema, doc(p('Wohnen'), { type: SNAPSHOT_NODE, attrs: { snapshot: OLD } }), report.getXmlFragment(Fragment.reportChapter('wohnen')));
  return report;
}

const taken = { by: 'Sabine', at: '2026-11-01T10:00:00.000Z', newId: () => 'neu-1' };

describe('Daten aktualisieren for the whole report', () => {
  it('finds the blocks with a newer Stand, asks each snapshot once, and shows the changed cells', async () => {
    const report = reportWithBlocks();
    const cache = cacheWithNewerStand();
    const plan = await planDataRefresh(report, groups, cache, taken);
    expect(plan.checked).toBe(3);
    expect(plan.items).toHaveLength(1);
    expect(cache.queries).toEqual([{ indicatorId: OLD.indicator.id, regions: OLD.regions.map((r) => r.ags), periods: OLD.periods }]);
    const item = plan.items[0];
    expect(item?.newer.map((n) => n.newest)).toEqual([NEW_STAND]);
    expect(item?.changes).toHaveLength(1);
    expect((item?.changes[0]?.after?.value ?? 0) - (item?.changes[0]?.before?.value ?? 0)).toBe(25);
    expect(item?.after.replaces).toEqual({ stands: [OLD.source.stand], takenAt: OLD.takenAt, takenBy: OLD.takenBy });
    // Planning writes nothing.
    expect(reportDataBlocks(report, groups).map((b) => b.snapshot?.source.stand)).toEqual([OLD.source.stand, OTHER.source.stand, OLD.source.stand]);
  });

  it('replaces every copy of the block in one step and keeps the rest of the text; a second client converges', async () => {
    const report = reportWithBlocks();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(report));
    const plan = await planDataRefresh(report, groups, cacheWithNewerStand(), taken);
    const updates: Uint8Array[] = [];
    report.on('update', (u: Uint8Array) => updates.push(u));
    // Meanwhile the other client writes in the same chapter.
    other.getXmlFragment(Fragment.reportChapter('_bevoelkerung')).insert(0, [new Y.XmlElement('paragraph')]);
    const replaced = applyDataRefresh(report, groups, new Map(plan.items.map((i) => [i.snapshotId, i.after])));
    expect(replaced).toBe(2);
    expect(updates).toHaveLength(1);
    Y.applyUpdate(other, Y.encodeStateAsUpdate(report));
    Y.applyUpdate(report, Y.encodeStateAsUpdate(other));
    for (const d of [report, other]) {
      const blocks = reportDataBlocks(d, groups);
      expect(blocks.map((b) => b.snapshot?.id)).toEqual(['neu-1', 'anderer-block', 'neu-1']);
      expect(blocks[0]?.snapshot?.source.stand).toBe(NEW_STAND);
      expect(d.getXmlFragment(Fragment.reportChapter('_bevoelkerung')).length).toBe(4);
    }
    // Applying the same plan again finds nothing to replace.
    expect(applyDataRefresh(report, groups, new Map(plan.items.map((i) => [i.snapshotId, i.after])))).toBe(0);
  });

  it('names a block whose newer figures cannot be read instead of failing the whole check', async () => {
    const report = reportWithBlocks();
    const cache = cacheWithNewerStand();
    const plan = await planDataRefresh(report, groups, { vintages: (t) => cache.vintages(t), query: () => Promise.reject(new Error('offline')) }, taken);
    expect(plan.items).toEqual([]);
    expect(plan.failed).toEqual([{ chapterId: '_bevoelkerung', snapshotId: OLD.id, label: OLD.indicator.label, reason: 'offline' }]);
  });
});
