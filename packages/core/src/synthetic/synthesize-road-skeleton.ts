import Delaunator from 'delaunator';
import type { Feature, FeatureCollection, LineString } from 'geojson';
import { haversineMeters } from '../geo/haversine.js';
import { projectInterleaved } from '../geo/projection.js';

/**
 * Speed of a synthetic link, km/h: 60 / 1.3, so that travel along a straight synthetic link takes
 * as long as the no-road model's distance × circuity 1.3 at 60 km/h (DESIGN.md). A skeleton thus
 * adds connectivity (who is linked to whom) without pretending to know real road speeds.
 */
export const SYNTHETIC_ROAD_SPEED_KMH = 60 / 1.3;

/** Options of {@link synthesizeRoadSkeleton}. */
export interface RoadSkeletonOptions {
  /** Links from every settlement to its k nearest Delaunay neighbours, on top of the spanning tree. @default 2 */
  nearestLinks?: number;
}

/** Why a synthetic link exists. */
export type SyntheticLinkRule = 'spanning-tree' | 'nearest';

/**
 * A synthetic road skeleton between settlements, for regions without a road layer — never real
 * roads, and labelled so (`synthetic: true`, `class: "synthetic"`):
 * 1. the Euclidean minimum spanning tree of the settlements (it is a subgraph of their Delaunay
 *    triangulation, computed with delaunator; Kruskal over the Delaunay edges by great-circle
 *    length), so that every settlement is connected;
 * 2. plus, for every settlement, links to its `nearestLinks` nearest Delaunay neighbours (the
 *    nearest neighbour of a point is always a Delaunay neighbour), so that the network has the
 *    loops that real networks have and detours stay short.
 * Each link is a straight LineString between two settlements with `speedKmh` =
 * {@link SYNTHETIC_ROAD_SPEED_KMH}. Points closer than 1e-9° are one place. Deterministic: no
 * randomness, links in the order found.
 */
export function synthesizeRoadSkeleton(
  points: ArrayLike<readonly [number, number]>,
  options: RoadSkeletonOptions = {},
): FeatureCollection<LineString> {
  const k = options.nearestLinks ?? 2;
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`nearestLinks must be a whole number ≥ 0 (got ${k})`);
  const n = points.length;
  if (n < 2) return { type: 'FeatureCollection', features: [] };
  const lonLat = new Float64Array(n * 2);
  let sumLon = 0;
  let sumLat = 0;
  for (let i = 0; i < n; i++) {
    lonLat[i * 2] = points[i][0];
    lonLat[i * 2 + 1] = points[i][1];
    sumLon += points[i][0];
    sumLat += points[i][1];
  }
  const xy = projectInterleaved({ centerLon: sumLon / n, centerLat: sumLat / n }, lonLat);
  const delaunay = new Delaunator(xy);

  // Candidate edges: the Delaunay edges (each once), or the hull chain when all points are collinear.
  const edgeKey = (a: number, b: number) => (a < b ? a * n + b : b * n + a);
  const edges = new Map<number, [number, number, number]>();
  const addEdge = (a: number, b: number) => {
    if (a === b) return;
    const key = edgeKey(a, b);
    if (!edges.has(key)) {
      const meters = haversineMeters(lonLat[a * 2], lonLat[a * 2 + 1], lonLat[b * 2], lonLat[b * 2 + 1]);
      edges.set(key, [Math.min(a, b), Math.max(a, b), meters]);
    }
  };
  const { triangles, hull } = delaunay;
  if (triangles.length > 0) {
    for (let t = 0; t < triangles.length; t += 3) {
      addEdge(triangles[t], triangles[t + 1]);
      addEdge(triangles[t + 1], triangles[t + 2]);
      addEdge(triangles[t + 2], triangles[t]);
    }
  } else {
    for (let h = 1; h < hull.length; h++) addEdge(hull[h - 1], hull[h]);
  }
  const sorted = [...edges.values()].sort((p, q) => p[2] - q[2] || p[0] - q[0] || p[1] - q[1]);

  // 1. Kruskal: union–find over the sorted candidate edges.
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const chosen = new Map<number, SyntheticLinkRule>();
  for (const [a, b] of sorted) {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) continue;
    parent[ra] = rb;
    chosen.set(edgeKey(a, b), 'spanning-tree');
  }
  // 2. The k nearest Delaunay neighbours of every point.
  if (k > 0) {
    const neighbours: [number, number][][] = Array.from({ length: n }, () => []);
    for (const [a, b, meters] of sorted) {
      neighbours[a].push([b, meters]);
      neighbours[b].push([a, meters]);
    }
    for (let a = 0; a < n; a++) {
      for (const [b] of neighbours[a].slice(0, k)) {
        const key = edgeKey(a, b);
        if (!chosen.has(key)) chosen.set(key, 'nearest');
      }
    }
  }

  const features: Feature<LineString>[] = [];
  for (const [a, b, meters] of sorted) {
    const rule = chosen.get(edgeKey(a, b));
    if (!rule || meters === 0) continue;
    features.push({
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [lonLat[a * 2], lonLat[a * 2 + 1]],
          [lonLat[b * 2], lonLat[b * 2 + 1]],
        ],
      },
      properties: {
        id: `synthetic-${features.length + 1}`,
        class: 'synthetic',
        speedKmh: Math.round(SYNTHETIC_ROAD_SPEED_KMH * 1000) / 1000,
        synthetic: true,
        rule,
        from: a,
        to: b,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}
