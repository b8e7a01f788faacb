import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random/seeded-random.js';
import { SYNTHETIC_ROAD_SPEED_KMH, synthesizeRoadSkeleton } from './synthesize-road-skeleton.js';

/** Great-circle distance, metres (R = 6,371,008.8 m), independent of core's. */
function haversine(a: readonly number[], b: readonly number[]): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b[1] - a[1]) * rad) / 2) ** 2 +
    Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(((b[0] - a[0]) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

/** Prim's algorithm on the complete graph, O(n²): the minimum spanning tree's total length by another method. */
function primTotalMeters(points: (readonly [number, number])[]): number {
  const n = points.length;
  const inTree = new Array(n).fill(false);
  const best = new Array(n).fill(Infinity);
  best[0] = 0;
  let total = 0;
  for (let step = 0; step < n; step++) {
    let u = -1;
    for (let i = 0; i < n; i++) if (!inTree[i] && (u < 0 || best[i] < best[u])) u = i;
    inTree[u] = true;
    total += best[u];
    for (let v = 0; v < n; v++) if (!inTree[v]) best[v] = Math.min(best[v], haversine(points[u], points[v]));
  }
  return total;
}

const random = createSeededRandom(42);
const villages = Array.from({ length: 60 }, () => [63 + random() * 2, 52 + random() * 1.5] as const);
const lengthOf = (f: { geometry: { coordinates: number[][] } }) =>
  haversine(f.geometry.coordinates[0], f.geometry.coordinates[1]);

describe('synthesizeRoadSkeleton', () => {
  it('is the minimum spanning tree when no nearest links are asked for (checked against Prim)', () => {
    const skeleton = synthesizeRoadSkeleton(villages, { nearestLinks: 0 });
    expect(skeleton.features).toHaveLength(villages.length - 1);
    const total = skeleton.features.reduce((s, f) => s + lengthOf(f), 0);
    expect(total).toBeCloseTo(primTotalMeters(villages), 3); // within 1 mm
  });

  it('adds each village’s nearest neighbours on top of the tree, every link labelled synthetic', () => {
    const tree = synthesizeRoadSkeleton(villages, { nearestLinks: 0 });
    const skeleton = synthesizeRoadSkeleton(villages, { nearestLinks: 2 });
    expect(skeleton.features.length).toBeGreaterThan(tree.features.length);
    const linked = new Set(skeleton.features.map((f) => `${f.properties!.from}-${f.properties!.to}`));
    // Every village is linked to its nearest other village (found here by brute force).
    villages.forEach((p, i) => {
      let nearest = -1;
      villages.forEach((q, j) => {
        if (j !== i && (nearest < 0 || haversine(p, q) < haversine(p, villages[nearest]))) nearest = j;
      });
      expect(linked.has(`${Math.min(i, nearest)}-${Math.max(i, nearest)}`)).toBe(true);
    });
    for (const f of skeleton.features) {
      expect(f.properties).toMatchObject({ class: 'synthetic', synthetic: true });
      expect(f.properties!.speedKmh).toBeCloseTo(SYNTHETIC_ROAD_SPEED_KMH, 3); // 60 / 1.3 = 46.154 km/h
    }
  });

  it('chains collinear villages and handles fewer than two', () => {
    // On one meridian (the projection's central one, a straight line): no triangle, the hull chain.
    const line = synthesizeRoadSkeleton([
      [63.0, 53.0],
      [63.0, 53.2],
      [63.0, 53.1],
    ]);
    expect(line.features.map((f) => [f.properties!.from, f.properties!.to].sort())).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(synthesizeRoadSkeleton([[63, 53]]).features).toEqual([]);
  });
});
