import { haversineMeters } from '../geo/haversine.js';
import { buildNearestGrid, findNearest } from '../geo/nearest-grid.js';
import { projectLonLat } from '../geo/projection.js';
import { createDijkstraScratch, multiSourceDijkstra } from '../engine/multi-source-dijkstra.js';
import { reverseSearchGraph } from '../model/reverse-search-graph.js';
import type { RegionModel } from '../model/region-model.js';
import type { Assumptions } from '../scenario/scenario.js';
import { baselineAccess } from '../scenario/scenario-state.js';

/**
 * Travel seconds from every baseline demand point to each candidate site (lon/lat pairs) in turn,
 * by the travel-time model the indicators use: with roads min(direct, access + network + access),
 * the network searched from the site over reversed edges (residents travel to it) and bounded by
 * `maxSeconds`; without roads the straight line × circuity at the no-road speed. Calls
 * `visit(candidate, seconds)` with `seconds[i]` for demand point i — Infinity where the network
 * search stopped; the array is reused between calls. The one loop behind the optimisers' cover
 * sets and cost matrices.
 */
export function forEachCandidateTravelSeconds(
  model: RegionModel,
  candidates: Float64Array,
  assumptions: Assumptions,
  maxSeconds: number,
  visit: (candidate: number, seconds: Float64Array) => void,
): void {
  const { demand, roads } = model;
  const count = candidates.length >> 1;
  const seconds = new Float64Array(demand.count);
  if (roads.nodeCount === 0) {
    const metresPerSecond = assumptions.noRoadSpeedKmh / 3.6;
    for (let c = 0; c < count; c++) {
      for (let i = 0; i < demand.count; i++) {
        const meters = haversineMeters(
          demand.lonLat[i * 2],
          demand.lonLat[i * 2 + 1],
          candidates[c * 2],
          candidates[c * 2 + 1],
        );
        seconds[i] = (meters * assumptions.circuityFactor) / metresPerSecond;
      }
      visit(c, seconds);
    }
    return;
  }
  const accessSpeed = assumptions.accessSpeedKmh / 3.6;
  const grid = buildNearestGrid(roads.nodeXY);
  // The demand points' nearest road nodes and access distances, as the scenario state has them.
  const { nearestRoadNode: demandNode, accessMeters } = baselineAccess(model);
  const reversed = reverseSearchGraph(roads);
  const scratch = createDijkstraScratch(roads.nodeCount);
  const dist = new Float64Array(roads.nodeCount);
  const xy = new Float64Array(2);
  for (let c = 0; c < count; c++) {
    const lon = candidates[c * 2];
    const lat = candidates[c * 2 + 1];
    projectLonLat(model.projection, lon, lat, xy, 0);
    const node = findNearest(grid, xy[0], xy[1]);
    const start = haversineMeters(lon, lat, roads.nodeLonLat[node * 2], roads.nodeLonLat[node * 2 + 1]) / accessSpeed;
    multiSourceDijkstra(reversed, [node], [start], { scratch, target: dist, maxSeconds });
    for (let i = 0; i < demand.count; i++) {
      const viaRoad = accessMeters[i] / accessSpeed + dist[demandNode[i]];
      const direct = haversineMeters(lon, lat, demand.lonLat[i * 2], demand.lonLat[i * 2 + 1]) / accessSpeed;
      seconds[i] = Math.min(viaRoad, direct);
    }
    visit(c, seconds);
  }
}
