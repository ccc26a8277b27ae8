/**
 * Derives the map of Kreis Pinneberg from the official boundaries (BKG VG5000, 01.01.2021) in
 * ../shared/data/geo: its municipalities (GEM), its Ämter (VWG, official keys) and the Kreis outline
 * (KRS), reprojected from Gauss-Krüger zone 3 (EPSG:31467) to WGS84 longitude/latitude, simplified
 * with shared borders kept shared (TopoJSON), into shared/geo/kreis-pinneberg.topo.json. It also
 * writes the official Ämter and amtsfreie municipalities into src-main/data/catalog/regions-pinneberg.json.
 *
 * Run: npm run derive-map-data [geoDir]   (development only; the app never reads ../shared)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import proj4 from 'proj4';
import * as shapefile from 'shapefile';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import { MAP_ATTRIBUTION, MAP_ATTRIBUTION_URL, type MapAmt, type MapGemeinde } from '../shared/geo/kreis-map';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const geoDir = path.resolve(process.argv[2] ?? path.resolve(repoRoot, '../shared/data/geo'));
const mapFile = path.join(repoRoot, 'shared/geo/kreis-pinneberg.topo.json');
const catalogFile = path.join(repoRoot, 'src-main/data/catalog/regions-pinneberg.json');
const KREIS = '01056';
/** Share of points (by Visvalingam weight) that simplification may drop … */
const SIMPLIFY_QUANTILE = 0.3;
/** … but never a point spanning more than this area (square degrees, ~0.01 km²): keeps Helgoland an island. */
const MAX_WEIGHT = 1e-6;

/**
 * EPSG:31467 (DHDN / 3-degree Gauss-Krüger zone 3) with the datum shift to WGS84 for Germany
 * (EPSG transformation 1777). The .prj names the projection but not the shift, so it is checked
 * against these parameters rather than used as is.
 */
const GK3 = '+proj=tmerc +lat_0=0 +lon_0=9 +k=1 +x_0=3500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs';
const toWgs84 = proj4(GK3, 'WGS84');

function checkProjection(layer: string): void {
  const prj = readFileSync(path.join(geoDir, `VG5000_${layer}.prj`), 'utf-8');
  const expected = ['Gauss_Kruger', 'Bessel_1841', '"Central_Meridian",9.0', '"False_Easting",3500000.0', '"Scale_Factor",1.0'];
  const missing = expected.filter((e) => !prj.includes(e));
  if (missing.length > 0) {
    throw new Error(`VG5000_${layer}.prj is not Gauss-Krüger zone 3 (missing ${missing.join(', ')})`);
  }
}

async function readLayer(layer: 'GEM' | 'VWG' | 'KRS', keep: (p: Record<string, unknown>) => boolean): Promise<Feature<Geometry, Record<string, unknown>>[]> {
  checkProjection(layer);
  const encoding = readFileSync(path.join(geoDir, `VG5000_${layer}.cpg`), 'utf-8').trim().toLowerCase();
  const source = await shapefile.open(path.join(geoDir, `VG5000_${layer}.shp`), path.join(geoDir, `VG5000_${layer}.dbf`), { encoding });
  const out: Feature<Geometry, Record<string, unknown>>[] = [];
  for (let r = await source.read(); !r.done; r = await source.read()) {
    if (keep(r.value.properties)) {
      out.push(r.value);
    }
  }
  return out;
}

/** Reprojects every position, rounded to ~1 m (6 decimals). */
function reproject(geometry: Geometry): Geometry {
  const point = (p: Position): Position => {
    const [lon, lat] = toWgs84.forward([p[0] ?? 0, p[1] ?? 0]);
    return [Math.round((lon ?? 0) * 1e6) / 1e6, Math.round((lat ?? 0) * 1e6) / 1e6];
  };
  switch (geometry.type) {
    case 'Polygon':
      return { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(point)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((poly) => poly.map((ring) => ring.map(point))) };
    default:
      throw new Error(`unexpected geometry ${geometry.type}`);
  }
}

function text(p: Record<string, unknown>, key: string): string {
  const v = p[key];
  if (typeof v !== 'string' || v.trim() === '') {
    throw new Error(`feature without ${key}: ${JSON.stringify(p)}`);
  }
  return v.trim();
}

const gem = await readLayer('GEM', (p) => String(p.AGS).startsWith(KREIS) && p.GF === 9);
const vwg = await readLayer('VWG', (p) => String(p.ARS).startsWith(KREIS) && p.BEZ === 'Amt' && p.GF === 9);
const krs = await readLayer('KRS', (p) => p.AGS === KREIS && p.GF === 9);
if (krs.length !== 1) {
  throw new Error(`expected one outline of Kreis ${KREIS}, found ${krs.length}`);
}

const aemter: MapAmt[] = vwg
  .map((f) => {
    const key = text(f.properties, 'ARS');
    const members = gem.filter((g) => text(g.properties, 'ARS').startsWith(key)).map((g) => text(g.properties, 'AGS')).sort();
    return { key, name: `Amt ${text(f.properties, 'GEN')}`, members };
  })
  .sort((a, b) => a.key.localeCompare(b.key));
const amtOf = new Map(aemter.flatMap((a) => a.members.map((m) => [m, a.key] as const)));

const collection = <P>(features: Feature<Geometry, Record<string, unknown>>[], props: (p: Record<string, unknown>) => P, id: (p: Record<string, unknown>) => string): FeatureCollection =>
  ({
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', id: id(f.properties), properties: props(f.properties), geometry: reproject(f.geometry) })),
  }) as FeatureCollection;

const gemeinden = collection<MapGemeinde>(
  gem.sort((a, b) => text(a.properties, 'AGS').localeCompare(text(b.properties, 'AGS'))),
  (p) => ({ ags: text(p, 'AGS'), name: text(p, 'GEN'), kind: text(p, 'BEZ'), amt: amtOf.get(text(p, 'AGS')) ?? null }),
  (p) => text(p, 'AGS'),
);
const aemterFc = collection<MapAmt>(
  vwg.sort((a, b) => text(a.properties, 'ARS').localeCompare(text(b.properties, 'ARS'))),
  (p) => aemter.find((a) => a.key === text(p, 'ARS')) ?? { key: '', name: '', members: [] },
  (p) => text(p, 'ARS'),
);
const kreis = collection(krs, (p) => ({ ags: text(p, 'AGS'), name: `Kreis ${text(p, 'GEN')}` }), (p) => text(p, 'AGS'));

// Shared borders become shared arcs, so simplifying keeps neighbours gap-free. VG5000 is already
// generalised for small scales: only the least significant points go, and small islands
// (Helgoland, about 1 km²) keep their shape because points are weighted by the area they span.
let topo = topology({ gemeinden, aemter: aemterFc, kreis }, 1e5);
topo = presimplify(topo);
topo = simplify(topo, Math.min(quantile(topo, SIMPLIFY_QUANTILE), MAX_WEIGHT));
const out = { ...topo, attribution: MAP_ATTRIBUTION, attributionUrl: MAP_ATTRIBUTION_URL, stand: '2021-01-01', source: 'BKG VG5000 (Verwaltungsgebiete 1:5 000 000), Stand 01.01.2021' };
writeFileSync(mapFile, `${JSON.stringify(out)}\n`);

const catalog = JSON.parse(readFileSync(catalogFile, 'utf-8')) as Record<string, unknown>;
catalog.note =
  'Gliederung des Kreises Pinneberg: Land → Kreis → Amt → Gemeinde, dazu die amtsfreien Städte und Gemeinden. Gemeindeschlüssel (AGS) und Namen wie in den GENESIS-Tabellen der Regionaldatenbank. Ämter, ihre amtlichen Schlüssel (Regionalschlüssel des Gemeindeverbands, 9 Stellen) und ihre Gemeinden aus den Verwaltungsgrenzen des BKG (VG5000, Stand 01.01.2021), erzeugt mit scripts/derive-map-data.ts. Die Ämter haben in den Tabellen keine eigenen Zeilen: ihre Werte werden aus den Gemeinden summiert.';
catalog.aemter = [...aemter].sort((a, b) => a.name.localeCompare(b.name, 'de'));
catalog.amtsfrei = gem.map((g) => text(g.properties, 'AGS')).filter((ags) => !amtOf.has(ags)).sort();
// Arrays of keys on one line, as the file was written by hand.
writeFileSync(catalogFile, `${JSON.stringify(catalog, null, 2).replace(/\[\n\s+("[^\]]*?)\n\s+\]/g, (_, keys: string) => `[${keys.replace(/,\n\s+/g, ', ')}]`)}\n`);
process.stdout.write(`${mapFile}: ${gem.length} Gemeinden, ${aemter.length} Ämter, ${readFileSync(mapFile).length} bytes\n${catalogFile}\n`);
