declare module 'sweepline-intersections' {
  import type { Feature, FeatureCollection, Geometry } from 'geojson';
  /**
   * Every point where two edges of the input cross (O((n + k) log n), Bentley–Ottmann style sweep).
   * Edges sharing a vertex in sequence are not reported.
   */
  export default function findIntersections(
    geojson: Feature | FeatureCollection | Geometry,
    ignoreSelfIntersections?: boolean,
  ): [number, number][];
}
