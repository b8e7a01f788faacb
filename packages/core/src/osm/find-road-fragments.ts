import type { Feature, LineString } from 'geojson';
import { haversineMeters } from '../geo/haversine.js';

/** A connected part of a road network. */
export interface RoadFragment {
  /** Indices of its features in the input array. */
  featureIndices: number[];
  /** Number of features. */
  features: number;
  /** Total length, km. */
  km: number;
  /** Id of its first feature, to find it on a map. */
  firstId: string;
}

/** Coordinates equal after rounding to this step (degrees) are one node, as in buildRoadGraph. */
const NODE_QUANTUM_DEGREES = 1e-6;

/**
 * The connected fragments of a road network, largest (by length) first. Two features are
 * connected when they share a vertex (equal to 1e-6°, the rule the road graph merges nodes by), so
 * the fragments are exactly the components the routable graph will have, taken without direction.
 * Union–find with path halving and union by size.
 */
export function findRoadFragments(features: readonly Feature[]): RoadFragment[] {
  const parent = Int32Array.from({ length: features.length }, (_, i) => i);
  const size = new Int32Array(features.length).fill(1);
  const find = (x: number) => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const union = (a: number, b: number) => {
    let ra = find(a);
    let rb = find(b);
    if (ra === rb) return;
    if (size[ra] < size[rb]) [ra, rb] = [rb, ra];
    parent[rb] = ra;
    size[ra] += size[rb];
  };
  const owner = new Map<number | string, number>();
  const meters = new Float64Array(features.length);
  let qx0: number | undefined;
  let qy0 = 0;
  features.forEach((feature, f) => {
    const line = (feature.geometry as LineString).coordinates;
    for (let i = 0; i < line.length; i++) {
      const qx = Math.round(line[i][0] / NODE_QUANTUM_DEGREES);
      const qy = Math.round(line[i][1] / NODE_QUANTUM_DEGREES);
      if (qx0 === undefined) {
        qx0 = qx;
        qy0 = qy;
      }
      // A numeric key relative to the first vertex (exact below 2^26 steps, 67°), as buildRoadGraph.
      const dx = qx - qx0;
      const dy = qy - qy0;
      const key = Math.abs(dx) < 2 ** 26 && Math.abs(dy) < 2 ** 26 ? dx * 2 ** 27 + dy : `${qx},${qy}`;
      const other = owner.get(key);
      if (other === undefined) owner.set(key, f);
      else union(f, other);
      if (i > 0) meters[f] += haversineMeters(line[i - 1][0], line[i - 1][1], line[i][0], line[i][1]);
    }
  });
  const byRoot = new Map<number, RoadFragment>();
  features.forEach((feature, f) => {
    const root = find(f);
    let fragment = byRoot.get(root);
    if (!fragment) {
      fragment = { featureIndices: [], features: 0, km: 0, firstId: String(feature.properties?.id ?? `#${f}`) };
      byRoot.set(root, fragment);
    }
    fragment.featureIndices.push(f);
    fragment.features++;
    fragment.km += meters[f] / 1000;
  });
  return [...byRoot.values()].sort((a, b) => b.km - a.km || b.features - a.features);
}
