import { readFileSync } from 'node:fs';
import path from 'node:path';
import { geoArea, geoBounds } from 'd3-geo';
import { feature } from 'topojson-client';
import { describe, expect, it } from 'vitest';
import { MAP_ATTRIBUTION, type MapAmt, type MapGemeinde } from '../../../shared/geo/kreis-map';
import type { Topology } from '../../../shared/geo/topology';
import { loadCatalog } from './catalog-file';
import { REPO_ROOT } from './test-fixtures';

const MAP_FILE = path.join(REPO_ROOT, 'shared/geo/kreis-pinneberg.topo.json');
const bytes = readFileSync(MAP_FILE);
const topo = JSON.parse(bytes.toString('utf-8')) as Topology & { attribution: string };
const gemeinden = feature(topo, topo.objects.gemeinden ?? { type: 'GeometryCollection', geometries: [] });
const aemter = feature(topo, topo.objects.aemter ?? { type: 'GeometryCollection', geometries: [] });
const kreis = feature(topo, topo.objects.kreis ?? { type: 'GeometryCollection', geometries: [] });

describe('the derived map of Kreis Pinneberg (scripts/derive-map-data.ts)', () => {
  it('holds 49 municipalities, 5 Ämter and the Kreis outline, small enough to ship', () => {
    expect(gemeinden.features).toHaveLength(49);
    expect(aemter.features).toHaveLength(5);
    expect(kreis.features).toHaveLength(1);
    expect(bytes.length).toBeLessThan(300_000);
  });

  it('carries the BKG source note', () => {
    expect(topo.attribution).toBe(MAP_ATTRIBUTION);
    expect(MAP_ATTRIBUTION).toBe('© GeoBasis-DE / BKG 2021 (Daten verändert)');
  });

  it('has a shape with an area for every municipality of the regions catalogue, Helgoland included', () => {
    const { kreis: structure } = loadCatalog();
    const catalogued = [...structure.aemter.flatMap((a) => a.members), ...structure.amtsfrei].sort();
    expect(catalogued).toHaveLength(49);
    const shapes = new Map(gemeinden.features.map((f) => [(f.properties as unknown as MapGemeinde).ags, f]));
    for (const ags of catalogued) {
      const shape = shapes.get(ags);
      expect(shape, ags).toBeDefined();
      expect(geoArea(shape ?? { type: 'Sphere' }), ags).toBeGreaterThan(0);
      expect(geoArea(shape ?? { type: 'Sphere' }), ags).toBeLessThan(1e-5);
    }
    expect((shapes.get('01056025')?.properties as unknown as MapGemeinde | undefined)?.name).toBe('Helgoland');
  });

  it('uses the official Ämter in the map and in the regions catalogue alike', () => {
    const { kreis: structure } = loadCatalog();
    const mapAemter = aemter.features.map((f) => f.properties as unknown as MapAmt);
    const byKey = [...structure.aemter].sort((a, b) => a.key.localeCompare(b.key));
    expect(byKey.map((a) => ({ key: a.key, name: a.name, members: [...a.members].sort() }))).toEqual(mapAemter);
    expect(mapAemter.map((a) => a.key)).toEqual(['010565616', '010565636', '010565660', '010565687', '010565690']);
    for (const f of gemeinden.features) {
      const g = f.properties as unknown as MapGemeinde;
      expect(g.amt === null ? structure.amtsfrei : mapAemter.find((a) => a.key === g.amt)?.members, g.ags).toContain(g.ags);
    }
  });

  it('is in WGS84 longitude/latitude: the Kreis lies around Pinneberg, Helgoland far out in the North Sea', () => {
    const [[west, south], [east, north]] = geoBounds(kreis.features[0] ?? { type: 'Sphere' });
    expect(west).toBeGreaterThan(7.8);
    expect(west).toBeLessThan(8.0);
    expect(east).toBeGreaterThan(9.9);
    expect(east).toBeLessThan(10.1);
    expect(south).toBeGreaterThan(53.5);
    expect(north).toBeGreaterThan(54.1);
    expect(north).toBeLessThan(54.3);
    const pinneberg = gemeinden.features.find((f) => (f.properties as unknown as MapGemeinde).ags === '01056039');
    const [[pw, ps], [pe, pn]] = geoBounds(pinneberg ?? { type: 'Sphere' });
    // The town of Pinneberg: about 9.80 °E, 53.66 °N.
    expect(pw).toBeLessThan(9.8);
    expect(pe).toBeGreaterThan(9.8);
    expect(ps).toBeLessThan(53.66);
    expect(pn).toBeGreaterThan(53.66);
  });
});
