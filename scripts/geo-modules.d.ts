// Minimal types for the geo libraries used at development time and in tests (they ship none).
// The topology shape matches shared/geo/topology.ts (ambient modules cannot import relative paths).
declare module 'fokuswerk:topojson' {
  export interface TopoGeometry {
    type: 'Polygon' | 'MultiPolygon' | 'LineString' | 'MultiLineString' | 'Point' | 'MultiPoint' | null;
    arcs?: number[][] | number[][][] | number[];
    properties?: Record<string, unknown>;
    id?: string | number;
  }
  export interface TopoCollection {
    type: 'GeometryCollection';
    geometries: TopoGeometry[];
  }
  export interface Topology {
    type: 'Topology';
    bbox?: number[];
    transform?: { scale: [number, number]; translate: [number, number] };
    arcs: [number, number][][];
    objects: Record<string, TopoCollection>;
  }
}

declare module 'shapefile' {
  import type { Feature, Geometry } from 'geojson';
  interface Source {
    read(): Promise<{ done: boolean; value: Feature<Geometry, Record<string, unknown>> }>;
  }
  export function open(shp: string, dbf?: string, options?: { encoding?: string }): Promise<Source>;
}

declare module 'topojson-server' {
  import type { FeatureCollection } from 'geojson';
  import type { Topology } from 'fokuswerk:topojson';
  export function topology(objects: Record<string, FeatureCollection>, quantization?: number): Topology;
}

declare module 'topojson-simplify' {
  import type { Topology } from 'fokuswerk:topojson';
  export function presimplify(topology: Topology): Topology;
  export function simplify(topology: Topology, minWeight?: number): Topology;
  export function quantile(topology: Topology, p: number): number;
}

declare module 'topojson-client' {
  import type { Feature, FeatureCollection, Geometry, MultiLineString } from 'geojson';
  import type { TopoCollection, TopoGeometry, Topology } from 'fokuswerk:topojson';
  export function feature(topology: Topology, object: TopoCollection): FeatureCollection<Geometry, Record<string, unknown>>;
  export function feature(topology: Topology, object: TopoGeometry): Feature<Geometry, Record<string, unknown>>;
  export function mesh(topology: Topology, object?: TopoCollection, filter?: (a: TopoGeometry, b: TopoGeometry) => boolean): MultiLineString;
}
