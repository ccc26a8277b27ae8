import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { parseDocName } from '../sync/doc-names';
import { Fragment } from '../schema/fragments';
import { listGroups } from '../docs/workspace';
import { listProposals } from '../docs/proposal';
import { reportEntriesByGroup } from '../docs/report';
import { buildDemoSeed } from './seed';
import { DEMO_GROUPS } from './content';
import { readSnapshotAttr, SNAPSHOT_NODE } from '../schema/snapshot-node';

describe('demo seed', () => {
  const seed = buildDemoSeed(2026);
  const load = (name: string): Y.Doc => {
    const d = new Y.Doc();
    const update = seed[name];
    expect(update, name).toBeDefined();
    Y.applyUpdate(d, update as Uint8Array);
    return d;
  };

  it('only names documents the sync server accepts', () => {
    for (const name of Object.keys(seed)) {
      expect(parseDocName(name), name).not.toBeNull();
    }
  });

  it('has the eight working groups and the proposals in their indexes', () => {
    expect(listGroups(load('workspace')).map((g) => g.name)).toEqual(DEMO_GROUPS.map((g) => g.name));
    expect(listProposals(load('group/wohnen/index')).map((x) => x.id).sort()).toEqual(['seniorenwohnen-uetersen', 'wohnungsnotfallhilfe']);
  });

  it('writes proposal text through the shared schema and pre-pushes the final one', () => {
    const body = yXmlFragmentToProsemirrorJSON(load('group/wohnen/proposal/seniorenwohnen-uetersen').getXmlFragment(Fragment.proposalBody));
    expect(JSON.stringify(body)).toContain('barrierearme Wohnungen');
    // The demo proposal carries a real snapshot that the editor can read back.
    const snapshots = (body.content as { type: string; attrs?: Record<string, unknown> }[]).filter((node) => node.type === SNAPSHOT_NODE);
    expect(snapshots.map((node) => readSnapshotAttr(node.attrs?.['snapshot'])?.regions.map((r) => r.name))).toEqual([['Uetersen', 'Tornesch']]);
    const entries = reportEntriesByGroup(load('report/2026')).get('wohnen');
    expect(entries?.map((e) => e.proposalId)).toEqual(['wohnungsnotfallhilfe']);
  });
});
