import { geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { MapGemeinde } from '../../../../shared/geo/kreis-map';
import type { TopoCollection, TopoGeometry, Topology } from '../../../../shared/geo/topology';
import topoJson from '../../../../shared/geo/kreis-pinneberg.topo.json';

/** Helgoland lies about 60 km off the coast: it is drawn in an inset. */
export const HELGOLAND = '01056025';
/** Width of the drawing in SVG units; the height follows from the Kreis's shape. */
export const MAP_WIDTH = 640;
const PAD = 16;
/** The inset for Helgoland, top left (the Kreis leaves that corner empty). */
export const INSET = { x: 8, y: 8, width: 120, height: 96 };

/** The towns named on the map, largest first (labels are dropped where they would collide). */
const LABELLED = ['Elmshorn', 'Pinneberg', 'Wedel', 'Quickborn', 'Uetersen', 'Tornesch', 'Schenefeld', 'Halstenbek', 'Rellingen', 'Barmstedt'];

export interface MapShape {
  ags: string;
  name: string;
  d: string;
  /** Where a label would go (the shape's centroid). */
  centroid: [number, number];
}

export interface MapGeometry {
  height: number;
  shapes: MapShape[];
  amtBorders: string;
  outline: string;
  labels: { ags: string; name: string; x: number; y: number }[];
}

const topo = topoJson as unknown as Topology;
const empty: TopoCollection = { type: 'GeometryCollection', geometries: [] };

/**
 * Projects the bundled boundaries once: Mercator fitted to the mainland Kreis (at this scale any
 * conformal projection looks the same), Helgoland fitted into its inset.
 */
function build(): MapGeometry {
  const gemeinden = feature(topo, topo.objects['gemeinden'] ?? empty);
  const mainland: FeatureCollection = { type: 'FeatureCollection', features: gemeinden.features.filter((f) => f.id !== HELGOLAND) };
  const projection = geoMercator().fitWidth(MAP_WIDTH - 2 * PAD, mainland);
  const path = geoPath(projection);
  const [[x0, y0], [, y1]] = path.bounds(mainland);
  projection.translate([projection.translate()[0] + PAD - x0, projection.translate()[1] + PAD - y0]);
  const height = Math.ceil(y1 - y0 + 2 * PAD);

  const helgoland = gemeinden.features.find((f) => f.id === HELGOLAND);
  const insetPath = helgoland
    ? geoPath(geoMercator().fitExtent([[INSET.x + 10, INSET.y + 24], [INSET.x + INSET.width - 10, INSET.y + INSET.height - 8]], helgoland))
    : path;

  const shapes = gemeinden.features.map((f: Feature<Geometry, Record<string, unknown>>): MapShape => {
    const props = f.properties as unknown as MapGemeinde;
    const p = props.ags === HELGOLAND ? insetPath : path;
    const [cx, cy] = p.centroid(f);
    return { ags: props.ags, name: props.name, d: p(f) ?? '', centroid: [cx, cy] };
  });
  const amtBorders = path(mesh(topo, topo.objects['aemter'] ?? empty)) ?? '';
  const outline = path(mesh(topo, topo.objects['gemeinden'] ?? empty, (a: TopoGeometry, b: TopoGeometry) => a === b && a.id !== HELGOLAND)) ?? '';

  // Labels: larger towns first; one that would overlap a placed label is left out.
  const placed: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const labels: MapGeometry['labels'] = [];
  for (const name of LABELLED) {
    const shape = shapes.find((s) => s.name === name);
    if (!shape) {
      continue;
    }
    const [x, y] = shape.centroid;
    const w = name.length * 7.2;
    const box = { x0: x - w / 2 - 2, x1: x + w / 2 + 2, y0: y - 9, y1: y + 5 };
    if (placed.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1)) {
      continue;
    }
    placed.push(box);
    labels.push({ ags: shape.ags, name, x: Math.min(Math.max(x, w / 2 + 2), MAP_WIDTH - w / 2 - 2), y });
  }
  return { height, shapes, amtBorders, outline, labels };
}

let cached: MapGeometry | null = null;

/** The projected map (computed on first use). */
export function mapGeometry(): MapGeometry {
  cached ??= build();
  return cached;
}
