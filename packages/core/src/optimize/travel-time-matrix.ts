import { haversineMeters } from '../geo/haversine.js';
import { buildNearestGrid, findNearest } from '../geo/nearest-grid.js';
import { projectLonLat } from '../geo/projection.js';
import { createDijkstraScratch, multiSourceDijkstra } from '../engine/multi-source-dijkstra.js';
import { reverseSearchGraph } from '../model/reverse-search-graph.js';
import type { RegionModel } from '../model/region-model.js';
import { resolveAssumptions } from '../scenario/assumptions.js';
import type { Assumptions } from '../scenario/scenario.js';

/**
 * Minutes from every baseline demand point to every candidate site (lon/lat pairs) by the
 * travel-time model the indicators use (with roads: min(direct, access + network + access);
 * without: straight line × circuity at the no-road speed), as a dense matrix laid out
 * `minutes[demand * candidateCount + candidate]` — the cost matrix {@link solvePMedian} takes.
 * One Dijkstra per candidate with roads. Pairs beyond `maxMinutes` (and unreachable pairs) are
 * Infinity. Memory is 8 × demand × candidates bytes: meant for settlement-scale problems.
 */
export function travelTimeMatrix(
  model: RegionModel,
  candidates: Float64Array,
  options: { maxMinutes?: number; assumptions?: Partial<Assumptions> } = {},
): Float64Array {
  const assumptions = resolveAssumptions(options.assumptions);
  const demand = model.demand;
  const roads = model.roads;
  const m = candidates.length >> 1;
  const maxMinutes = options.maxMinutes ?? Infinity;
  const out = new Float64Array(demand.count * m);
  const accessSpeed = assumptions.accessSpeedKmh / 3.6;
  const clip = (minutes: number) => (minutes <= maxMinutes ? minutes : Infinity);
  if (roads.nodeCount === 0) {
    const metresPerMinute = (assumptions.noRoadSpeedKmh * 1000) / 60;
    for (let i = 0; i < demand.count; i++) {
      for (let c = 0; c < m; c++) {
        const meters = haversineMeters(
          demand.lonLat[i * 2],
          demand.lonLat[i * 2 + 1],
          candidates[c * 2],
          candidates[c * 2 + 1],
        );
        out[i * m + c] = clip((meters * assumptions.circuityFactor) / metresPerMinute);
      }
    }
    return out;
  }
  const grid = buildNearestGrid(roads.nodeXY);
  const demandNode = new Int32Array(demand.count);
  const demandAccessSeconds = new Float64Array(demand.count);
  for (let i = 0; i < demand.count; i++) {
    const node = findNearest(grid, demand.xy[i * 2], demand.xy[i * 2 + 1]);
    demandNode[i] = node;
    demandAccessSeconds[i] =
      haversineMeters(
        demand.lonLat[i * 2],
        demand.lonLat[i * 2 + 1],
        roads.nodeLonLat[node * 2],
        roads.nodeLonLat[node * 2 + 1],
      ) / accessSpeed;
  }
  const scratch = createDijkstraScratch(roads.nodeCount);
  const dist = new Float64Array(roads.nodeCount);
  const xy = new Float64Array(2);
  const maxSeconds = maxMinutes * 60;
  for (let c = 0; c < m; c++) {
    const lon = candidates[c * 2];
    const lat = candidates[c * 2 + 1];
    projectLonLat(model.projection, lon, lat, xy, 0);
    const node = findNearest(grid, xy[0], xy[1]);
    const start = haversineMeters(lon, lat, roads.nodeLonLat[node * 2], roads.nodeLonLat[node * 2 + 1]) / accessSpeed;
    // Residents travel to the site: search from it over reversed edges (one-way roads).
    multiSourceDijkstra(reverseSearchGraph(roads), [node], [start], { scratch, target: dist, maxSeconds });
    for (let i = 0; i < demand.count; i++) {
      const viaRoad = demandAccessSeconds[i] + dist[demandNode[i]];
      const direct = haversineMeters(lon, lat, demand.lonLat[i * 2], demand.lonLat[i * 2 + 1]) / accessSpeed;
      out[i * m + c] = clip(Math.min(viaRoad, direct) / 60);
    }
  }
  return out;
}
