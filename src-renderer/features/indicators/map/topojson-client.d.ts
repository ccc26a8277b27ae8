// Types for the two topojson-client functions the map uses (the package ships none).
declare module 'topojson-client' {
  import type { Feature, FeatureCollection, Geometry, MultiLineString } from 'geojson';
  import type { TopoCollection, TopoGeometry, Topology } from '../../../../shared/geo/topology';
  export function feature(topology: Topology, object: TopoCollection): FeatureCollection<Geometry, Record<string, unknown>>;
  export function feature(topology: Topology, object: TopoGeometry): Feature<Geometry, Record<string, unknown>>;
  export function mesh(topology: Topology, object?: TopoCollection, filter?: (a: TopoGeometry, b: TopoGeometry) => boolean): MultiLineString;
}
