/** The parts of a TopoJSON topology the map uses (see the TopoJSON specification). */
export interface TopoGeometry<P = Record<string, unknown>> {
  type: 'Polygon' | 'MultiPolygon' | 'LineString' | 'MultiLineString' | 'Point' | 'MultiPoint' | null;
  arcs?: number[][] | number[][][] | number[];
  properties?: P;
  id?: string | number;
}

/** A collection of geometries sharing arcs. */
export interface TopoCollection<P = Record<string, unknown>> {
  type: 'GeometryCollection';
  geometries: TopoGeometry<P>[];
}

/** A topology: shared arcs, quantised with `transform`, and named objects. */
export interface Topology {
  type: 'Topology';
  bbox?: number[];
  transform?: { scale: [number, number]; translate: [number, number] };
  arcs: [number, number][][];
  objects: Record<string, TopoCollection>;
}
