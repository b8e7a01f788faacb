import { EARTH_RADIUS_METERS, haversineMeters } from '../geo/haversine.js';
import { buildNearestGrid, findNearest } from '../geo/nearest-grid.js';
import { interleavedBounds } from '../geo/interleaved-bounds.js';
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
 * nearest alone can be 0.2 % too far. Candidates are collected once per cell of demand points
 * ({@link nearestDistances}), and haversine decides among those within p · k (usually one).
 *
 * A state whose facilities are the model's plus a few added ones (the usual scenario: "add a
 * clinic here") is answered from the model's distances, kept per model and kind, by
 * {@link nearestDistanceAfterAdditions}: the same minimum of the same haversine values, so the
 * same numbers bit for bit, without searching the whole region again.
 */
export function computeNearestDistanceMeters(state: ScenarioState, kind: string): Float64Array {
  const incremental = nearestDistanceAfterAdditions(state, kind);
  if (incremental) return incremental;
  const { xy, lonLat } = facilityCoordinatesOfKind(state, kind);
  return nearestDistances(state.demand, xy, lonLat);
}

/** The projected x/y and the lon/lat of the state's facilities of a kind, interleaved, in state order. */
export function facilityCoordinatesOfKind(
  state: ScenarioState,
  kind: string,
): { xy: Float64Array; lonLat: Float64Array } {
  return gatherCoordinates(facilityIndicesOfKind(state, kind), state.facilities);
}

/** The x/y and lon/lat of the `members` of a table of points, interleaved, in `members` order. */
function gatherCoordinates(
  members: readonly number[],
  table: { xy: Float64Array; lonLat: Float64Array },
): { xy: Float64Array; lonLat: Float64Array } {
  const xy = new Float64Array(members.length * 2);
  const lonLat = new Float64Array(members.length * 2);
  members.forEach((f, k) => {
    xy[k * 2] = table.xy[f * 2];
    xy[k * 2 + 1] = table.xy[f * 2 + 1];
    lonLat[k * 2] = table.lonLat[f * 2];
    lonLat[k * 2 + 1] = table.lonLat[f * 2 + 1];
  });
  return { xy, lonLat };
}

/** Demand points as {@link nearestDistances} and {@link queryCellLayout} read them. */
export interface DemandPoints {
  count: number;
  xy: Float64Array;
  lonLat: Float64Array;
}

/**
 * The search of {@link computeNearestDistanceMeters} over facilities given as their own xy /
 * lon-lat arrays. Demand points are grouped by square query cells half a facility spacing wide.
 * Once per cell (when its first point comes): the facility f₀ nearest to the cell's centre gives
 * U = f₀'s distance to the cell's farthest corner, an upper bound on every point's planar
 * nearest distance p in the cell; every facility that can matter for a point in the cell —
 * planar distance ≤ k · p + 1 mm, see above — lies within L = k · U + 1 mm of the cell, and those
 * are its candidates (a handful). Per point: the smallest planar distance among the candidates,
 * then haversine for the candidates within k × that + 1 mm (usually one).
 */
function nearestDistances(demand: DemandPoints, xy: Float64Array, facilityLonLat: Float64Array): Float64Array {
  const out = new Float64Array(demand.count).fill(Infinity);
  const memberCount = xy.length >> 1;
  if (memberCount === 0 || demand.count === 0) return out;
  const grid = buildNearestGrid(xy, 1);
  const factor = projectionScaleBound(Math.max(farthestFromCentre(xy), farthestFromCentre(demand.xy)));
  const slack = 1e-3;
  const demandXY = demand.xy;
  const demandLonLat = demand.lonLat;
  // Half a facility spacing measured best (bench/population-within-2km-1m: ×1 and ×¼ slower).
  const { minX, minY, size, columns, rows } = queryCellLayout(demand, grid.cellSize / 2);
  const cellFirst = new Int32Array(columns * rows).fill(-1);
  const cellCount = new Int32Array(columns * rows);
  // Candidates of every cell, contiguous: facility index and its x, y (read in sequence per point).
  let pool = new Uint32Array(Math.max(64, memberCount));
  let poolXY = new Float64Array(pool.length * 2);
  let poolUsed = 0;
  const squared = new Float64Array(memberCount);

  const collectCandidates = (cell: number) => {
    const x0 = minX + (cell % columns) * size;
    const y0 = minY + Math.floor(cell / columns) * size;
    const x1 = x0 + size;
    const y1 = y0 + size;
    const f0 = findNearest(grid, (x0 + x1) / 2, (y0 + y1) / 2);
    const fx0 = xy[f0 * 2];
    const fy0 = xy[f0 * 2 + 1];
    const reach = Math.hypot(Math.max(fx0 - x0, x1 - fx0), Math.max(fy0 - y0, y1 - fy0));
    const limit = reach * factor + slack;
    const g = grid;
    const gx0 = Math.max(0, Math.floor((x0 - limit - g.minX) / g.cellSize));
    const gx1 = Math.min(g.columns - 1, Math.floor((x1 + limit - g.minX) / g.cellSize));
    const gy0 = Math.max(0, Math.floor((y0 - limit - g.minY) / g.cellSize));
    const gy1 = Math.min(g.rows - 1, Math.floor((y1 + limit - g.minY) / g.cellSize));
    const first = poolUsed;
    for (let gy = gy0; gy <= gy1; gy++) {
      for (let gx = gx0; gx <= gx1; gx++) {
        const c = gy * g.columns + gx;
        for (let k = g.cellStart[c]; k < g.cellStart[c + 1]; k++) {
          const f = g.items[k];
          const fx = xy[f * 2];
          const fy = xy[f * 2 + 1];
          // Distance from the facility to the cell (0 inside it).
          const dx = Math.max(x0 - fx, 0, fx - x1);
          const dy = Math.max(y0 - fy, 0, fy - y1);
          if (Math.sqrt(dx * dx + dy * dy) > limit) continue;
          if (poolUsed === pool.length) {
            const grown = new Uint32Array(pool.length * 2);
            grown.set(pool);
            pool = grown;
            const grownXY = new Float64Array(grown.length * 2);
            grownXY.set(poolXY);
            poolXY = grownXY;
          }
          poolXY[poolUsed * 2] = fx;
          poolXY[poolUsed * 2 + 1] = fy;
          pool[poolUsed++] = f;
        }
      }
    }
    cellFirst[cell] = first;
    cellCount[cell] = poolUsed - first;
  };

  for (let i = 0; i < demand.count; i++) {
    const x = demandXY[i * 2];
    const y = demandXY[i * 2 + 1];
    const cell =
      Math.min(columns - 1, Math.floor((x - minX) / size)) +
      Math.min(rows - 1, Math.floor((y - minY) / size)) * columns;
    if (cellFirst[cell] < 0) collectCandidates(cell);
    const first = cellFirst[cell];
    const end = first + cellCount[cell];
    let nearest2 = Infinity;
    for (let j = first; j < end; j++) {
      const dx = poolXY[j * 2] - x;
      const dy = poolXY[j * 2 + 1] - y;
      const d2 = dx * dx + dy * dy;
      squared[j - first] = d2;
      if (d2 < nearest2) nearest2 = d2;
    }
    // Squared, with a relative margin: a (harmless) superset of "planar distance ≤ limit".
    const limit = Math.sqrt(nearest2) * factor + slack;
    const limit2 = limit * limit * (1 + 1e-12);
    const lon = demandLonLat[i * 2];
    const lat = demandLonLat[i * 2 + 1];
    let best = Infinity;
    for (let j = first; j < end; j++) {
      if (squared[j - first] > limit2) continue;
      const f = pool[j];
      best = Math.min(best, haversineMeters(lon, lat, facilityLonLat[f * 2], facilityLonLat[f * 2 + 1]));
    }
    out[i] = best;
  }
  return out;
}

/** Square query cells over a set of demand points: origin, cell width (metres) and grid size. */
export interface QueryCellLayout {
  minX: number;
  minY: number;
  size: number;
  columns: number;
  rows: number;
}

/**
 * Square cells of width `startSize` metres over the demand points' bounding box, widened (doubled)
 * until there is at most one cell per 4 demand points (and at least 1,024 cells allowed): few
 * points over a wide area get coarser cells instead of a huge, mostly empty table. A point's cell
 * is `min(columns − 1, ⌊(x − minX) / size⌋) + min(rows − 1, ⌊(y − minY) / size⌋) · columns`.
 */
export function queryCellLayout(demand: DemandPoints, startSize: number): QueryCellLayout {
  const [minX, minY, maxX, maxY] = interleavedBounds(demand.xy, demand.count);
  let size = startSize;
  const maxCells = Math.max(1024, demand.count >> 2);
  while ((Math.floor((maxX - minX) / size) + 1) * (Math.floor((maxY - minY) / size) + 1) > maxCells) size *= 2;
  return {
    minX,
    minY,
    size,
    columns: Math.floor((maxX - minX) / size) + 1,
    rows: Math.floor((maxY - minY) / size) + 1,
  };
}

/** Greatest planar distance of interleaved points from the projection centre, metres. */
export function farthestFromCentre(xy: Float64Array): number {
  // Squares, one square root at the end: Math.hypot per point cost ~20 ms on a million points.
  let farthest2 = 0;
  for (let i = 0; i < xy.length; i += 2) {
    const d2 = xy[i] * xy[i] + xy[i + 1] * xy[i + 1];
    if (d2 > farthest2) farthest2 = d2;
  }
  return Math.sqrt(farthest2);
}

/**
 * k = c / sin c for points up to `farthestMeters` from the centre (the azimuthal equidistant
 * projection stretches lengths at most k there), with a relative slack of 1e-9 for rounding.
 */
export function projectionScaleBound(farthestMeters: number): number {
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
export function nearestDistanceAfterAdditions(state: ScenarioState, kind: string): Float64Array | undefined {
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
    const { xy, lonLat } = gatherCoordinates(members, base);
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
