import { EARTH_RADIUS_METERS, haversineMeters } from '../geo/haversine.js';
import { buildNearestGrid, findNearest, findNearestCandidates } from '../geo/nearest-grid.js';
import { createDijkstraScratch, multiSourceDijkstra } from '../engine/multi-source-dijkstra.js';
import { reverseSearchGraph } from '../model/reverse-search-graph.js';
import type { RegionModel } from '../model/region-model.js';
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
 *
 * A state whose facilities are the model's plus a few added ones (the usual scenario: "add a
 * clinic here") is answered from the model's distances, kept per model and kind, by
 * {@link nearestDistanceAfterAdditions}: the same minimum of the same haversine values, so the
 * same numbers bit for bit, without searching the whole region again.
 */
export function computeNearestDistanceMeters(state: ScenarioState, kind: string): Float64Array {
  const incremental = nearestDistanceAfterAdditions(state, kind);
  if (incremental) return incremental;
  const { facilities } = state;
  const members = facilityIndicesOfKind(state, kind);
  const xy = new Float64Array(members.length * 2);
  const lonLat = new Float64Array(members.length * 2);
  members.forEach((f, k) => {
    xy[k * 2] = facilities.xy[f * 2];
    xy[k * 2 + 1] = facilities.xy[f * 2 + 1];
    lonLat[k * 2] = facilities.lonLat[f * 2];
    lonLat[k * 2 + 1] = facilities.lonLat[f * 2 + 1];
  });
  return nearestDistances(state.demand, xy, lonLat);
}

/** Demand points as {@link nearestDistances} reads them. */
interface DemandPoints {
  count: number;
  xy: Float64Array;
  lonLat: Float64Array;
}

/** The search of {@link computeNearestDistanceMeters} over facilities given as their own xy / lon-lat arrays. */
function nearestDistances(demand: DemandPoints, xy: Float64Array, facilityLonLat: Float64Array): Float64Array {
  const out = new Float64Array(demand.count).fill(Infinity);
  const memberCount = xy.length >> 1;
  if (memberCount === 0) return out;
  // One facility per cell: ~17 % faster queries than two (bench/population-within-2km-1m).
  const grid = buildNearestGrid(xy, 1);
  const factor = projectionScaleBound(Math.max(farthestFromCentre(xy), farthestFromCentre(demand.xy)));
  const found = new Uint32Array(memberCount);
  const demandLonLat = demand.lonLat;
  for (let i = 0; i < demand.count; i++) {
    const count = findNearestCandidates(grid, demand.xy[i * 2], demand.xy[i * 2 + 1], factor, 1e-3, found);
    const lon = demandLonLat[i * 2];
    const lat = demandLonLat[i * 2 + 1];
    let best = Infinity;
    for (let j = 0; j < count; j++) {
      const f = found[j];
      best = Math.min(best, haversineMeters(lon, lat, facilityLonLat[f * 2], facilityLonLat[f * 2 + 1]));
    }
    out[i] = best;
  }
  return out;
}

/** Greatest planar distance of interleaved points from the projection centre, metres. */
function farthestFromCentre(xy: Float64Array): number {
  let farthest = 0;
  for (let i = 0; i < xy.length; i += 2) farthest = Math.max(farthest, Math.hypot(xy[i], xy[i + 1]));
  return farthest;
}

/**
 * k = c / sin c for points up to `farthestMeters` from the centre (the azimuthal equidistant
 * projection stretches lengths at most k there), with a relative slack of 1e-9 for rounding.
 */
function projectionScaleBound(farthestMeters: number): number {
  const c = Math.min(farthestMeters / EARTH_RADIUS_METERS, Math.PI / 2);
  return (c < 1e-9 ? 1 : c / Math.sin(c)) * (1 + 1e-9);
}

/** Added facilities of one kind up to which {@link nearestDistanceAfterAdditions} is used. */
const MAX_INCREMENTAL_ADDITIONS = 8;

/** The model's own nearest distances per kind, and its demand points' farthest distance from the centre. */
const baselineDistances = new WeakMap<RegionModel, { farthest: number; byKind: Map<string, Float64Array> }>();

/**
 * Nearest distances of a state whose facility list is the model's, unchanged and in order,
 * followed by at most {@link MAX_INCREMENTAL_ADDITIONS} added facilities of `kind`, and whose
 * demand points are the model's: min(the model's distance, haversine to each added facility),
 * computing the haversine only where the added facility can be nearer (planar distance ≤
 * model distance × k + 1 mm, since planar ≤ k × great-circle). Undefined for any other state
 * (removed or moved facilities, added settlements, many additions), which takes the full search.
 */
function nearestDistanceAfterAdditions(state: ScenarioState, kind: string): Float64Array | undefined {
  const { model, demand, facilities } = state;
  const base = model.facilities;
  if (facilities.count < base.count || demand.count !== model.demand.count) return undefined;
  if (demand.lonLat !== model.demand.lonLat) return undefined;
  for (let i = 0; i < base.count; i++) {
    if (
      facilities.ids[i] !== base.ids[i] ||
      facilities.kinds[i] !== base.kinds[base.kind[i]] ||
      facilities.lonLat[i * 2] !== base.lonLat[i * 2] ||
      facilities.lonLat[i * 2 + 1] !== base.lonLat[i * 2 + 1]
    ) {
      return undefined;
    }
  }
  const added: number[] = [];
  for (let i = base.count; i < facilities.count; i++) if (facilities.kinds[i] === kind) added.push(i);
  if (added.length > MAX_INCREMENTAL_ADDITIONS) return undefined;
  let cached = baselineDistances.get(model);
  if (!cached) {
    cached = { farthest: farthestFromCentre(model.demand.xy), byKind: new Map() };
    baselineDistances.set(model, cached);
  }
  let own = cached.byKind.get(kind);
  if (!own) {
    const kindIndex = base.kinds.indexOf(kind);
    const members: number[] = [];
    for (let f = 0; f < base.count; f++) if (base.kind[f] === kindIndex) members.push(f);
    const xy = new Float64Array(members.length * 2);
    const lonLat = new Float64Array(members.length * 2);
    members.forEach((f, k) => {
      xy[k * 2] = base.xy[f * 2];
      xy[k * 2 + 1] = base.xy[f * 2 + 1];
      lonLat[k * 2] = base.lonLat[f * 2];
      lonLat[k * 2 + 1] = base.lonLat[f * 2 + 1];
    });
    own = nearestDistances(model.demand, xy, lonLat);
    cached.byKind.set(kind, own);
  }
  // A fresh array every time: callers own what they get.
  const out = own.slice();
  const demandXY = demand.xy;
  const demandLonLat = demand.lonLat;
  for (const f of added) {
    const fx = facilities.xy[f * 2];
    const fy = facilities.xy[f * 2 + 1];
    const lon = facilities.lonLat[f * 2];
    const lat = facilities.lonLat[f * 2 + 1];
    const factor = projectionScaleBound(Math.max(cached.farthest, Math.hypot(fx, fy)));
    for (let i = 0; i < demand.count; i++) {
      const planar = Math.hypot(demandXY[i * 2] - fx, demandXY[i * 2 + 1] - fy);
      if (planar > out[i] * factor + 1e-3) continue;
      out[i] = Math.min(out[i], haversineMeters(demandLonLat[i * 2], demandLonLat[i * 2 + 1], lon, lat));
    }
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
      ? // Residents travel to facilities: search outward from the facilities over reversed edges.
        multiSourceDijkstra(reverseSearchGraph(roads), sourceNodes, initialSeconds, {
          scratch: createDijkstraScratch(roads.nodeCount),
        })
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
