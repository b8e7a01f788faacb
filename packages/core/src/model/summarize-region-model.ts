import type { RegionModel } from './region-model.js';

/** Headline numbers of a compiled region, as `regiontwin validate` prints them. */
export interface RegionSummary {
  id: string;
  name: string;
  districts: number;
  demandPoints: number;
  /** Total population of all demand points, people. */
  population: number;
  facilities: number;
  /** Facility count per kind. */
  facilitiesByKind: Record<string, number>;
  roadNodes: number;
  /** Directed road edges. */
  roadEdges: number;
  /** Total length of road, km (each two-way road counted once). */
  roadKm: number;
  buildings: number;
  /** Total district area, km². */
  areaKm2: number;
  /** minLon, minLat, maxLon, maxLat. */
  bbox: [number, number, number, number];
}

/** Computes the {@link RegionSummary} of a model. */
export function summarizeRegionModel(model: RegionModel): RegionSummary {
  const facilitiesByKind: Record<string, number> = {};
  for (let i = 0; i < model.facilities.count; i++) {
    const kind = model.facilities.kinds[model.facilities.kind[i]];
    facilitiesByKind[kind] = (facilitiesByKind[kind] ?? 0) + 1;
  }
  let population = 0;
  for (let i = 0; i < model.demand.count; i++) population += model.demand.population[i];
  // A two-way road appears as u→v and v→u: count each undirected pair once, one-way edges fully.
  let roadMeters = 0;
  const { offsets, targets, edgeMeters } = model.roads;
  for (let u = 0; u < model.roads.nodeCount; u++) {
    for (let k = offsets[u]; k < offsets[u + 1]; k++) {
      const v = targets[k];
      let reverse = false;
      for (let j = offsets[v]; j < offsets[v + 1]; j++) if (targets[j] === u) reverse = true;
      if (!reverse || u < v) roadMeters += edgeMeters[k];
    }
  }
  let area = 0;
  for (let i = 0; i < model.districts.count; i++) area += model.districts.areaSquareMeters[i];
  return {
    id: model.id,
    name: model.name,
    districts: model.districts.count,
    demandPoints: model.demand.count,
    population,
    facilities: model.facilities.count,
    facilitiesByKind,
    roadNodes: model.roads.nodeCount,
    roadEdges: model.roads.targets.length,
    roadKm: roadMeters / 1000,
    buildings: model.buildings.count,
    areaKm2: area / 1e6,
    bbox: model.bbox,
  };
}
