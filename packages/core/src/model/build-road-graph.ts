import type { Feature, FeatureCollection, Position } from 'geojson';
import type { LayerMapping } from '../region/region-manifest.js';
import { readOwnProperty, readSpeedKmh } from '../region/read-properties.js';
import { haversineMeters } from '../geo/haversine.js';
import { projectInterleaved } from '../geo/projection.js';
import { ROAD_CLASSES, type ProjectionParams, type RoadGraph } from './region-model.js';
import { DEFAULT_SPEED_KMH_BY_CLASS, roadClassIndex } from './road-speeds.js';
import { buildCsrAdjacency, permute } from './csr-graph.js';

/** Coordinates equal after rounding to this step (degrees, ≈0.1 m) are one node. */
const NODE_QUANTUM_DEGREES = 1e-6;

/**
 * Builds the routable road graph: every vertex is a node, vertices shared by several roads
 * (equal to 1e-6°, ≈0.1 m) are merged, each segment is an edge in both directions unless the road is
 * one-way. Edge time = great-circle length / speed, speed from the mapped property when valid,
 * else by class ({@link DEFAULT_SPEED_KMH_BY_CLASS}).
 */
export function buildRoadGraph(
  roads: FeatureCollection | undefined,
  mapping: LayerMapping | undefined,
  projection: ProjectionParams,
  speedByClass: Readonly<Record<string, number>> = DEFAULT_SPEED_KMH_BY_CLASS,
): RoadGraph {
  const nodeIds = new Map<number | string, number>();
  const nodeLonLat: number[] = [];
  const from: number[] = [];
  const to: number[] = [];
  const meters: number[] = [];
  const speeds: number[] = [];
  const speedMapped: number[] = [];
  const classes: number[] = [];
  const featureOfEdge: number[] = [];
  const featureIds: string[] = [];
  const featureSynthetic: number[] = [];

  let qx0: number | undefined;
  let qy0 = 0;
  const nodeOf = (p: Position): number => {
    const qx = Math.round(p[0] / NODE_QUANTUM_DEGREES);
    const qy = Math.round(p[1] / NODE_QUANTUM_DEGREES);
    if (qx0 === undefined) {
      qx0 = qx;
      qy0 = qy;
    }
    // A numeric key relative to the first vertex is exact while both offsets stay below 2^26
    // steps (67°); beyond that a string key.
    const dx = qx - qx0;
    const dy = qy - qy0;
    const key = Math.abs(dx) < 2 ** 26 && Math.abs(dy) < 2 ** 26 ? dx * 2 ** 27 + dy : `${qx},${qy}`;
    let id = nodeIds.get(key);
    if (id === undefined) {
      id = nodeLonLat.length / 2;
      nodeIds.set(key, id);
      nodeLonLat.push(p[0], p[1]);
    }
    return id;
  };

  roads?.features.forEach((feature: Feature, f) => {
    const props = feature.properties;
    const id = readOwnProperty(props, mapping?.id) ?? feature.id;
    featureIds.push(typeof id === 'string' || typeof id === 'number' ? String(id) : `road-${f}`);
    featureSynthetic.push(isTruthy(readOwnProperty(props, mapping?.synthetic)) ? 1 : 0);
    const cls = roadClassIndex(readOwnProperty(props, mapping?.class));
    const mappedSpeed = readSpeedKmh(readOwnProperty(props, mapping?.speedKmh));
    const speed = mappedSpeed ?? speedByClass[ROAD_CLASSES[cls]];
    const oneway = onewayDirection(readOwnProperty(props, mapping?.oneway));
    const g = feature.geometry;
    const lines = g?.type === 'LineString' ? [g.coordinates] : g?.type === 'MultiLineString' ? g.coordinates : [];
    for (const line of lines) {
      let prev = -1;
      let prevPos: Position | undefined;
      for (const pos of line) {
        const node = nodeOf(pos);
        if (prev >= 0 && node !== prev && prevPos) {
          const length = haversineMeters(prevPos[0], prevPos[1], pos[0], pos[1]);
          if (oneway >= 0) pushEdge(prev, node, length);
          if (oneway <= 0) pushEdge(node, prev, length);
        }
        prev = node;
        prevPos = pos;
      }
    }
    function pushEdge(a: number, b: number, length: number) {
      from.push(a);
      to.push(b);
      meters.push(length);
      speeds.push(speed);
      speedMapped.push(mappedSpeed === undefined ? 0 : 1);
      classes.push(cls);
      featureOfEdge.push(f);
    }
  });

  const nodeCount = nodeLonLat.length / 2;
  const lonLat = Float64Array.from(nodeLonLat);
  return {
    nodeCount,
    nodeLonLat: lonLat,
    nodeXY: projectInterleaved(projection, lonLat),
    ...buildRoadCsr(nodeCount, { from, to, meters, speeds, speedMapped, classes, featureOfEdge }),
    featureIds,
    featureSynthetic: Uint8Array.from(featureSynthetic),
  };
}

/** The per-edge lists {@link buildRoadGraph} collects, one entry per directed edge, in input order. */
export interface RoadEdgeLists {
  from: ArrayLike<number>;
  to: ArrayLike<number>;
  /** Great-circle length, metres. */
  meters: ArrayLike<number>;
  /** Speed, km/h. */
  speeds: ArrayLike<number>;
  /** 1 when the speed came from the mapped speed property. */
  speedMapped: ArrayLike<number>;
  /** Index into ROAD_CLASSES. */
  classes: ArrayLike<number>;
  /** Index of the source road feature. */
  featureOfEdge: ArrayLike<number>;
}

/**
 * The CSR step of {@link buildRoadGraph}: adjacency by counting sort ({@link buildCsrAdjacency}),
 * every per-edge attribute in CSR order, and the edge seconds, computed from the stored (Float32)
 * speed so that they equal edgeMeters / (edgeSpeedKmh / 3.6). Exported for bench/csr-build-1m.
 */
export function buildRoadCsr(
  nodeCount: number,
  edges: RoadEdgeLists,
): Pick<
  RoadGraph,
  | 'offsets'
  | 'targets'
  | 'edgeMeters'
  | 'edgeSpeedKmh'
  | 'edgeSpeedMapped'
  | 'edgeSeconds'
  | 'edgeClass'
  | 'edgeFeature'
> {
  const { offsets, targets, order } = buildCsrAdjacency(nodeCount, edges.from, edges.to);
  // Each list is first copied sequentially into a compact typed array, then permuted: measured
  // faster than gathering all five lists from the JS arrays in one fused pass (random reads from
  // the large JS arrays cost more than the extra sequential copy; bench/csr-build-1m).
  const edgeMeters = permute(Float64Array.from(edges.meters), order);
  const edgeSpeedKmh = permute(Float32Array.from(edges.speeds), order);
  const edgeSpeedMapped = permute(Uint8Array.from(edges.speedMapped), order);
  const edgeClass = permute(Uint8Array.from(edges.classes), order);
  const edgeFeature = permute(Uint32Array.from(edges.featureOfEdge), order);
  const edgeSeconds = new Float64Array(edgeMeters.length);
  for (let k = 0; k < edgeSeconds.length; k++) edgeSeconds[k] = edgeMeters[k] / (edgeSpeedKmh[k] / 3.6);
  return { offsets, targets, edgeMeters, edgeSpeedKmh, edgeSpeedMapped, edgeSeconds, edgeClass, edgeFeature };
}

/** 1 forward only, -1 backward only, 0 both ways (OSM `oneway` semantics). */
function onewayDirection(value: unknown): number {
  if (value === true || value === 1) return 1;
  if (value === -1) return -1;
  if (typeof value !== 'string') return 0;
  const v = value.trim().toLowerCase();
  if (v === 'yes' || v === 'true' || v === '1') return 1;
  if (v === '-1' || v === 'reverse') return -1;
  return 0;
}

/** Whether a property value means "yes". */
export function isTruthy(value: unknown): boolean {
  if (value === true || value === 1) return true;
  if (typeof value === 'string') return ['yes', 'true', '1'].includes(value.trim().toLowerCase());
  return false;
}
