import { haversineMeters } from '../geo/haversine.js';
import { buildNearestGrid, findNearest } from '../geo/nearest-grid.js';
import { createDijkstraScratch, multiSourceDijkstra } from '../engine/multi-source-dijkstra.js';
import { reverseSearchGraph } from '../model/reverse-search-graph.js';
import type { ScenarioState } from '../scenario/scenario-state.js';
import type { IndicatorSpec } from '../scenario/scenario.js';
import type { IndicatorDefinition } from './indicator.js';
import { facilityIndicesOfKind } from './travel-times.js';

function checkKnown(spec: IndicatorSpec, allowed: string[]): void {
  for (const key of Object.keys(spec)) {
    if (key !== 'id' && !allowed.includes(key)) {
      throw new Error(`indicator "${spec.id}" has no parameter "${key}" (known: ${allowed.join(', ')})`);
    }
  }
}

function kindOf(spec: IndicatorSpec): string {
  if (typeof spec.kind !== 'string' || spec.kind === '') {
    throw new Error(`indicator "${spec.id}" needs "kind" (a facility kind, e.g. "school")`);
  }
  return spec.kind;
}

/**
 * Total capacity (seats, households, metres of street watched… whatever the facilities of the
 * kind count) of the facilities of `kind` in force; facilities of unknown capacity count 0.
 * Unit: the kind's capacity unit.
 */
export const facilityCapacity: IndicatorDefinition<{ kind: string }> = {
  id: 'facility-capacity',
  title: 'Total capacity of the facilities of a kind',
  unit: 'capacity',
  better: 'higher',
  parseParams(spec) {
    checkKnown(spec, ['kind']);
    return { kind: kindOf(spec) };
  },
  label: (p) => `Capacity of ${p.kind} facilities`,
  compute(context, p) {
    const { facilities, model } = context.state;
    const byDistrict = new Float64Array(model.districts.count);
    let total = 0;
    for (const f of facilityIndicesOfKind(context.state, p.kind)) {
      const c = facilities.capacity[f];
      if (!Number.isFinite(c)) continue;
      total += c;
      if (facilities.district[f] >= 0) byDistrict[facilities.district[f]] += c;
    }
    return { total, byDistrict };
  },
};

/** Parameters of {@link capacityReach}. */
export interface CapacityReachParams {
  kind: string;
  /** Catchment: travel-time limit, minutes. */
  minutes: number;
  /** Share of each demand point's people in the target group, 0…1. @default 1 */
  share: number;
}

/**
 * For each facility of `kind`, the demand points within `minutes` of it by the travel-time model
 * (the same rule as `computeTravelMinutes`, but per facility, because 2SFCA needs every pair in a
 * catchment, not only the nearest facility). Returns, per facility, the point indices.
 */
export function computeCatchments(state: ScenarioState, kind: string, minutes: number): Uint32Array[] {
  const { demand, facilities, roads, assumptions } = state;
  const members = facilityIndicesOfKind(state, kind);
  const limitSeconds = minutes * 60;
  const accessSpeed = assumptions.accessSpeedKmh / 3.6;
  const out: Uint32Array[] = [];
  if (roads.nodeCount === 0) {
    const maxMeters = (limitSeconds * (assumptions.noRoadSpeedKmh / 3.6)) / assumptions.circuityFactor;
    for (const f of members) {
      const hits: number[] = [];
      for (let i = 0; i < demand.count; i++) {
        const d = haversineMeters(
          facilities.lonLat[f * 2],
          facilities.lonLat[f * 2 + 1],
          demand.lonLat[i * 2],
          demand.lonLat[i * 2 + 1],
        );
        if (d <= maxMeters) hits.push(i);
      }
      out.push(Uint32Array.from(hits));
    }
    return out;
  }
  const grid = buildNearestGrid(roads.nodeXY);
  const scratch = createDijkstraScratch(roads.nodeCount);
  const dist = new Float64Array(roads.nodeCount);
  for (const f of members) {
    const lon = facilities.lonLat[f * 2];
    const lat = facilities.lonLat[f * 2 + 1];
    const node = findNearest(grid, facilities.xy[f * 2], facilities.xy[f * 2 + 1]);
    const start = haversineMeters(lon, lat, roads.nodeLonLat[node * 2], roads.nodeLonLat[node * 2 + 1]) / accessSpeed;
    // People travel to the facility: its catchment is searched over reversed edges.
    multiSourceDijkstra(reverseSearchGraph(roads), [node], [start], {
      scratch,
      target: dist,
      maxSeconds: limitSeconds,
    });
    const hits: number[] = [];
    for (let i = 0; i < demand.count; i++) {
      const n = demand.nearestRoadNode[i];
      const viaRoad = n >= 0 ? demand.accessMeters[i] / accessSpeed + dist[n] : Infinity;
      const direct = haversineMeters(lon, lat, demand.lonLat[i * 2], demand.lonLat[i * 2 + 1]) / accessSpeed;
      if (Math.min(viaRoad, direct) <= limitSeconds) hits.push(i);
    }
    out.push(Uint32Array.from(hits));
  }
  return out;
}

/**
 * People of a target group reached by the capacity of the facilities of `kind`, by the two-step
 * floating catchment area method (2SFCA; Luo & Wang 2003, "Measures of spatial accessibility to
 * health care in a GIS environment", Environment and Planning B 30(6)):
 *   1. each facility j has the ratio Rⱼ = capacityⱼ / Σ_{i within minutes of j} share · wᵢ;
 *   2. each point i has accessibility Aᵢ = Σ_{j within minutes of i} Rⱼ (places per person);
 *   reached = Σᵢ share · wᵢ · min(1, Aᵢ).
 * Capping at 1 makes the value a count of people; it never exceeds the total capacity nor the
 * target group. Facilities of unknown capacity contribute nothing. Unit: people.
 */
export const capacityReach: IndicatorDefinition<CapacityReachParams> = {
  id: 'capacity-reach',
  title: 'People of a target group reached by the capacity of a kind of facility (2SFCA)',
  unit: 'people',
  better: 'higher',
  parseParams(spec) {
    checkKnown(spec, ['kind', 'minutes', 'share']);
    const minutes = spec.minutes ?? 30;
    if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes <= 0) {
      throw new Error(
        `indicator "capacity-reach" needs "minutes" as a positive number (got ${JSON.stringify(minutes)})`,
      );
    }
    const share = spec.share ?? 1;
    if (typeof share !== 'number' || !(share > 0 && share <= 1)) {
      throw new Error(`indicator "capacity-reach" needs "share" in (0, 1] (got ${JSON.stringify(share)})`);
    }
    return { kind: kindOf(spec), minutes, share };
  },
  label: (p) =>
    `People${p.share < 1 ? ` of the target group (${+(p.share * 100).toFixed(2)} %)` : ''} reached by ${p.kind} capacity within ${p.minutes} min (2SFCA)`,
  compute(context, p) {
    const { state } = context;
    const { demand, facilities, model } = state;
    const members = facilityIndicesOfKind(state, p.kind);
    const catchments = computeCatchments(state, p.kind, p.minutes);
    const accessibility = new Float64Array(demand.count);
    catchments.forEach((catchment, k) => {
      const capacity = facilities.capacity[members[k]];
      if (!(capacity > 0)) return;
      let people = 0;
      for (let q = 0; q < catchment.length; q++) people += p.share * demand.population[catchment[q]];
      if (people <= 0) return;
      const ratio = capacity / people;
      for (let q = 0; q < catchment.length; q++) accessibility[catchment[q]] += ratio;
    });
    const byDistrict = new Float64Array(model.districts.count);
    let total = 0;
    for (let i = 0; i < demand.count; i++) {
      const reached = p.share * demand.population[i] * Math.min(1, accessibility[i]);
      total += reached;
      if (demand.district[i] >= 0) byDistrict[demand.district[i]] += reached;
    }
    return { total, byDistrict };
  },
};
