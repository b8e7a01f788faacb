import { EARTH_RADIUS_METERS, haversineMeters } from '../geo/haversine.js';
import { buildNearestGrid, findNearest, findNearestCandidates } from '../geo/nearest-grid.js';
import { createDijkstraScratch, multiSourceDijkstra } from '../engine/multi-source-dijkstra.js';
import type { ScenarioState } from '../scenario/scenario-state.js';

/**
 * Great-circle distance from every demand point to the nearest facility of `kind`, metres
 * (Infinity when there is none), by haversine. Candidates come from the projected plane: the
 * planar nearest (bucket grid), at planar distance p, lies at great-circle distance d ≤ p, an
 * upper bound on the answer, and the true nearest lies within planar radius d · k ≤ p · k, where
 * k = c / sin c is the largest scale of the azimuthal equidistant projection over the points (c
 * their greatest angular distance from the centre; lengths are never shrunk, and stretched at
 * most k). At oblast scale k − 1 is about 0.04 %; over Kazakhstan about 1 %, where the planar
 * nearest alone can be 0.2 % too far. One ring scan of the grid collects every facility within
 * p · k (`findNearestCandidates`; usually just the planar nearest), and haversine decides.
 */
export function computeNearestDistanceMeters(state: ScenarioState, kind: string): Float64Array {
  const { demand, facilities } = state;
  const out = new Float64Array(demand.count).fill(Infinity);
  const members = facilityIndicesOfKind(state, kind);
  if (members.length === 0) return out;
  const xy = new Float64Array(members.length * 2);
  members.forEach((f, k) => {
    xy[k * 2] = facilities.xy[f * 2];
    xy[k * 2 + 1] = facilities.xy[f * 2 + 1];
  });
  const grid = buildNearestGrid(xy);
  let farthest = 0;
  for (const points of [xy, demand.xy]) {
    for (let i = 0; i < points.length; i += 2) farthest = Math.max(farthest, Math.hypot(points[i], points[i + 1]));
  }
  const c = Math.min(farthest / EARTH_RADIUS_METERS, Math.PI / 2);
  const maxScale = c < 1e-9 ? 1 : c / Math.sin(c);
  // Relative slack 1e-9 (and 1 mm) for rounding in the projection.
  const factor = maxScale * (1 + 1e-9);
  const found = new Uint32Array(members.length);
  const demandLonLat = demand.lonLat;
  const facilityLonLat = facilities.lonLat;
  for (let i = 0; i < demand.count; i++) {
    const count = findNearestCandidates(grid, demand.xy[i * 2], demand.xy[i * 2 + 1], factor, 1e-3, found);
    const lon = demandLonLat[i * 2];
    const lat = demandLonLat[i * 2 + 1];
    let best = Infinity;
    for (let j = 0; j < count; j++) {
      const f = members[found[j]];
      best = Math.min(best, haversineMeters(lon, lat, facilityLonLat[f * 2], facilityLonLat[f * 2 + 1]));
    }
    out[i] = best;
  }
  return out;
}

/** Indices of the state's facilities of a kind. */
export function facilityIndicesOfKind(state: ScenarioState, kind: string): number[] {
  const members: number[] = [];
  state.facilities.kinds.forEach((k, i) => {
    if (k === kind) members.push(i);
  });
  return members;
}

/**
 * Minutes from every demand point to the nearest facility of `kind` by the travel-time model
 * (docs/indicators.md):
 * - with roads: min(direct, access(p) + network(n_p → n_f) + access(f)), minimised over all
 *   facilities by ONE multi-source Dijkstra seeded with every facility's node at its access time;
 *   direct and access legs at `accessSpeedKmh` over great-circle distance;
 * - without roads: great-circle distance × `circuityFactor` at `noRoadSpeedKmh`.
 * Infinity when no facility of the kind exists or none is reachable.
 */
export function computeTravelMinutes(state: ScenarioState, kind: string, straightMeters: Float64Array): Float64Array {
  const { demand, facilities, roads, assumptions } = state;
  const out = new Float64Array(demand.count);
  if (roads.nodeCount === 0) {
    const metresPerMinute = (assumptions.noRoadSpeedKmh * 1000) / 60;
    for (let i = 0; i < demand.count; i++) out[i] = (straightMeters[i] * assumptions.circuityFactor) / metresPerMinute;
    return out;
  }
  const accessMetresPerSecond = assumptions.accessSpeedKmh / 3.6;
  const members = facilityIndicesOfKind(state, kind);
  const sourceNodes = new Int32Array(members.length);
  const initialSeconds = new Float64Array(members.length);
  if (members.length > 0) {
    const grid = buildNearestGrid(roads.nodeXY);
    members.forEach((f, k) => {
      const node = findNearest(grid, facilities.xy[f * 2], facilities.xy[f * 2 + 1]);
      sourceNodes[k] = node;
      initialSeconds[k] =
        haversineMeters(
          facilities.lonLat[f * 2],
          facilities.lonLat[f * 2 + 1],
          roads.nodeLonLat[node * 2],
          roads.nodeLonLat[node * 2 + 1],
        ) / accessMetresPerSecond;
    });
  }
  const networkSeconds =
    members.length > 0
      ? multiSourceDijkstra(roads, sourceNodes, initialSeconds, { scratch: createDijkstraScratch(roads.nodeCount) })
      : undefined;
  for (let i = 0; i < demand.count; i++) {
    const direct = straightMeters[i] / accessMetresPerSecond;
    const node = demand.nearestRoadNode[i];
    const viaRoad =
      networkSeconds && node >= 0 ? demand.accessMeters[i] / accessMetresPerSecond + networkSeconds[node] : Infinity;
    out[i] = Math.min(direct, viaRoad) / 60;
  }
  return out;
}
