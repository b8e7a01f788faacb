import { haversineMeters } from '../geo/haversine.js';
import { buildNearestGrid, findNearest } from '../geo/nearest-grid.js';
import { projectLonLat } from '../geo/projection.js';
import { createDijkstraScratch, multiSourceDijkstra } from '../engine/multi-source-dijkstra.js';
import { reverseSearchGraph } from '../model/reverse-search-graph.js';
import type { RegionModel } from '../model/region-model.js';
import { resolveAssumptions } from '../scenario/assumptions.js';
import type { Assumptions } from '../scenario/scenario.js';

/**
 * For each candidate site (lon/lat), the baseline demand points within `minutes` of it by the
 * travel-time model (the same rule the indicators use: with roads min(direct, access + network
 * + access); without roads straight line × circuity at the no-road speed). One bounded Dijkstra
 * per candidate with roads; a distance test without.
 */
export function travelTimeCoverSets(
  model: RegionModel,
  candidates: Float64Array,
  minutes: number,
  partialAssumptions: Partial<Assumptions> = {},
): Uint32Array[] {
  const assumptions = resolveAssumptions(partialAssumptions);
  const demand = model.demand;
  const roads = model.roads;
  const limitSeconds = minutes * 60;
  const accessSpeed = assumptions.accessSpeedKmh / 3.6;
  const count = candidates.length >> 1;
  const out: Uint32Array[] = [];
  if (roads.nodeCount === 0) {
    const maxMeters = (limitSeconds * (assumptions.noRoadSpeedKmh / 3.6)) / assumptions.circuityFactor;
    for (let c = 0; c < count; c++) {
      const hits: number[] = [];
      for (let i = 0; i < demand.count; i++) {
        const d = haversineMeters(
          candidates[c * 2],
          candidates[c * 2 + 1],
          demand.lonLat[i * 2],
          demand.lonLat[i * 2 + 1],
        );
        if (d <= maxMeters) hits.push(i);
      }
      out.push(Uint32Array.from(hits));
    }
    return out;
  }
  const nodeGrid = buildNearestGrid(roads.nodeXY);
  const demandNode = new Int32Array(demand.count);
  const demandAccess = new Float64Array(demand.count);
  for (let i = 0; i < demand.count; i++) {
    const node = findNearest(nodeGrid, demand.xy[i * 2], demand.xy[i * 2 + 1]);
    demandNode[i] = node;
    demandAccess[i] =
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
  for (let c = 0; c < count; c++) {
    const lon = candidates[c * 2];
    const lat = candidates[c * 2 + 1];
    projectLonLat(model.projection, lon, lat, xy, 0);
    const node = findNearest(nodeGrid, xy[0], xy[1]);
    const start = haversineMeters(lon, lat, roads.nodeLonLat[node * 2], roads.nodeLonLat[node * 2 + 1]) / accessSpeed;
    // Residents travel to the site: search from it over reversed edges (one-way roads).
    multiSourceDijkstra(reverseSearchGraph(roads), [node], [start], {
      scratch,
      target: dist,
      maxSeconds: limitSeconds,
    });
    const hits: number[] = [];
    for (let i = 0; i < demand.count; i++) {
      const viaRoad = demandAccess[i] + dist[demandNode[i]];
      const direct = haversineMeters(lon, lat, demand.lonLat[i * 2], demand.lonLat[i * 2 + 1]) / accessSpeed;
      if (Math.min(viaRoad, direct) <= limitSeconds) hits.push(i);
    }
    out.push(Uint32Array.from(hits));
  }
  return out;
}
