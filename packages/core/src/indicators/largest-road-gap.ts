import { locateDistrict } from '../geo/district-grid.js';
import { haversineMeters } from '../geo/haversine.js';
import { buildNearestGrid, findNearest } from '../geo/nearest-grid.js';
import { createDijkstraScratch, multiSourceDijkstra } from '../engine/multi-source-dijkstra.js';
import { ROAD_CLASSES, type RegionModel, type RoadClass } from '../model/region-model.js';
import type { IndicatorSpec } from '../scenario/scenario.js';
import type { IndicatorDefinition } from './indicator.js';
import { facilityIndicesOfKind } from './travel-times.js';

/** Parameters of {@link largestRoadGap}. */
export interface LargestRoadGapParams {
  /** Facility kind, e.g. `ev-charger`. */
  kind: string;
  /** The network is the edges of this class or a higher one (motorway highest). @default 'primary' */
  roadClass: RoadClass;
  /** A facility farther than this from every node of that network is not on it, metres. @default 2000 */
  snapMeters: number;
}

/** The main-road subnetwork of a model for one class threshold (cached per model and class). */
interface MainNetwork {
  /** Edge lengths in metres on main edges, Infinity elsewhere (a Dijkstra weight array). */
  weights: Float64Array;
  /** Nodes with at least one main edge. */
  nodes: Int32Array;
  /** Bucket grid over those nodes' xy. */
  grid: ReturnType<typeof buildNearestGrid> | undefined;
  /** District of each main edge's midpoint (-1 outside every district), per directed edge. */
  edgeDistrict: Int32Array;
  mainEdges: number;
}

const networkCache = new WeakMap<RegionModel, Map<RoadClass, MainNetwork>>();

function mainNetwork(model: RegionModel, roadClass: RoadClass): MainNetwork {
  let byClass = networkCache.get(model);
  if (!byClass) networkCache.set(model, (byClass = new Map()));
  const cached = byClass.get(roadClass);
  if (cached) return cached;
  const r = model.roads;
  const limit = ROAD_CLASSES.indexOf(roadClass);
  const weights = new Float64Array(r.targets.length).fill(Infinity);
  const edgeDistrict = new Int32Array(r.targets.length).fill(-1);
  const isMainNode = new Uint8Array(r.nodeCount);
  const scratch = new Uint8Array(Math.max(1, model.districts.count));
  let mainEdges = 0;
  for (let u = 0; u < r.nodeCount; u++) {
    for (let k = r.offsets[u]; k < r.offsets[u + 1]; k++) {
      if (r.edgeClass[k] > limit) continue;
      const v = r.targets[k];
      weights[k] = r.edgeMeters[k];
      isMainNode[u] = isMainNode[v] = 1;
      edgeDistrict[k] = locateDistrict(
        model.indexes.districtGrid,
        (r.nodeLonLat[u * 2] + r.nodeLonLat[v * 2]) / 2,
        (r.nodeLonLat[u * 2 + 1] + r.nodeLonLat[v * 2 + 1]) / 2,
        scratch,
      );
      mainEdges++;
    }
  }
  const nodeList: number[] = [];
  for (let u = 0; u < r.nodeCount; u++) if (isMainNode[u]) nodeList.push(u);
  const nodes = Int32Array.from(nodeList);
  const xy = new Float64Array(nodes.length * 2);
  nodes.forEach((u, k) => {
    xy[k * 2] = r.nodeXY[u * 2];
    xy[k * 2 + 1] = r.nodeXY[u * 2 + 1];
  });
  const network: MainNetwork = {
    weights,
    nodes,
    grid: nodes.length ? buildNearestGrid(xy) : undefined,
    edgeDistrict,
    mainEdges,
  };
  byClass.set(roadClass, network);
  return network;
}

/**
 * The greatest distance along one edge to the nearest source, given the distances du, dv of its
 * ends and its length L (metres): max over x ∈ [0, L] of min(du + x, dv + L − x), which is
 * (du + dv + L) / 2 when |du − dv| ≤ L (always, for shortest-path distances on a two-way road),
 * else min(du, dv) + L.
 */
export function edgeMaxDistanceMeters(du: number, dv: number, lengthMeters: number): number {
  if (!Number.isFinite(du) || !Number.isFinite(dv)) return Infinity;
  return Math.abs(du - dv) <= lengthMeters ? (du + dv + lengthMeters) / 2 : Math.min(du, dv) + lengthMeters;
}

function parseParams(spec: IndicatorSpec): LargestRoadGapParams {
  const allowed = ['kind', 'roadClass', 'snapMeters'];
  for (const key of Object.keys(spec)) {
    if (key !== 'id' && !allowed.includes(key)) {
      throw new Error(`indicator "${spec.id}" has no parameter "${key}" (known: ${allowed.join(', ')})`);
    }
  }
  if (typeof spec.kind !== 'string' || spec.kind === '') {
    throw new Error(`indicator "${spec.id}" needs "kind" (a facility kind, e.g. "ev-charger")`);
  }
  const roadClass = spec.roadClass ?? 'primary';
  if (typeof roadClass !== 'string' || !(ROAD_CLASSES as readonly string[]).includes(roadClass)) {
    throw new Error(
      `indicator "${spec.id}" has "roadClass" one of ${ROAD_CLASSES.join(', ')} (got ${JSON.stringify(roadClass)})`,
    );
  }
  const snapMeters = spec.snapMeters ?? 2000;
  if (typeof snapMeters !== 'number' || !Number.isFinite(snapMeters) || snapMeters < 0) {
    throw new Error(
      `indicator "${spec.id}" needs "snapMeters" as a non-negative number of metres (got ${JSON.stringify(snapMeters)})`,
    );
  }
  return { kind: spec.kind, roadClass: roadClass as RoadClass, snapMeters };
}

/**
 * The largest gap between facilities of a kind (e.g. fast chargers) along the main roads, km:
 * twice the greatest distance, over every point of the network of `roadClass` roads or better,
 * along that network to the nearest facility. Between two chargers g km apart on a road the
 * farthest point is g/2 from either, so this is the spacing of the worst-served pair; at a dead
 * end e km past the last charger it is 2e (there and back). Exact over the continuous network:
 * per edge the maximum is {@link edgeMaxDistanceMeters}.
 *
 * Facilities within `snapMeters` of a node of the network join it at their nearest node (the
 * snap distance is added). Infinity (reported as null) when some part of the network has no
 * facility; NaN when the region has no roads of the class. The network is the baseline model's
 * (roads added by a scenario do not count). By district: the same over the edges whose midpoint
 * lies in the district.
 */
export const largestRoadGap: IndicatorDefinition<LargestRoadGapParams> = {
  id: 'largest-road-gap',
  title: 'Largest gap between facilities of a kind along the main roads',
  unit: 'km',
  better: 'lower',
  parseParams,
  label: (p) => `Largest gap between ${p.kind} sites along ${p.roadClass} or better roads`,
  compute(context, p) {
    const model = context.state.model;
    const districtCount = model.districts.count;
    const byDistrict = new Float64Array(districtCount).fill(NaN);
    const network = mainNetwork(model, p.roadClass);
    if (network.mainEdges === 0 || !network.grid) return { total: NaN, byDistrict };
    const r = model.roads;
    const { facilities } = context.state;
    const sources: number[] = [];
    const initial: number[] = [];
    for (const f of facilityIndicesOfKind(context.state, p.kind)) {
      const node = network.nodes[findNearest(network.grid, facilities.xy[f * 2], facilities.xy[f * 2 + 1])];
      const meters = haversineMeters(
        facilities.lonLat[f * 2],
        facilities.lonLat[f * 2 + 1],
        r.nodeLonLat[node * 2],
        r.nodeLonLat[node * 2 + 1],
      );
      if (meters <= p.snapMeters) {
        sources.push(node);
        initial.push(meters);
      }
    }
    const dist =
      sources.length > 0
        ? multiSourceDijkstra(
            { nodeCount: r.nodeCount, offsets: r.offsets, targets: r.targets, edgeSeconds: network.weights },
            sources,
            initial,
            { scratch: createDijkstraScratch(r.nodeCount) },
          )
        : new Float64Array(r.nodeCount).fill(Infinity);
    let total = 0;
    for (let u = 0; u < r.nodeCount; u++) {
      for (let k = r.offsets[u]; k < r.offsets[u + 1]; k++) {
        const length = network.weights[k];
        if (length === Infinity) continue;
        const m = edgeMaxDistanceMeters(dist[u], dist[r.targets[k]], length);
        if (m > total) total = m;
        const d = network.edgeDistrict[k];
        if (d >= 0 && !(byDistrict[d] >= m)) byDistrict[d] = m;
      }
    }
    return { total: (2 * total) / 1000, byDistrict: byDistrict.map((m) => (2 * m) / 1000) };
  },
};
