import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Change, LonLat, RegionModel, ScenarioResult } from '@regiontwin/core';

/** One concrete change with where it came from in the scenario. */
interface LocatedChange {
  change: Change;
  /** Index in the scenario's `interventions`. */
  intervention: number;
  /** The template it was expanded from, if any. */
  template?: string;
}

/** Flattens a result's `interventions` (concrete changes, or template entries with their `changes`). */
export function concreteChanges(result: Pick<ScenarioResult, 'interventions'>): LocatedChange[] {
  const out: LocatedChange[] = [];
  result.interventions.forEach((entry, intervention) => {
    const record = entry as { template?: unknown; changes?: unknown; year?: number };
    if (typeof record.template === 'string' && Array.isArray(record.changes)) {
      for (const change of record.changes as Change[]) {
        const year = change.year ?? record.year;
        out.push({
          change: year === undefined ? change : { ...change, year },
          intervention,
          template: record.template,
        });
      }
    } else out.push({ change: entry as Change, intervention });
  });
  return out;
}

/**
 * The concrete changes of a result as GeoJSON for GIS tools: facilities, settlements and located
 * costs as Points, added roads as LineStrings, upgraded roads as MultiLineStrings of their edges,
 * moved facilities as a LineString from the old to the new place. Properties are the change's
 * own fields (less its coordinates) plus `change` (index in the flat change list),
 * `intervention` (index in the scenario) and `template`. Changes with no location (an unlocated
 * cost) are left out; ids are resolved against the model and earlier changes.
 */
export function buildInterventionsLayer(
  model: RegionModel,
  result: Pick<ScenarioResult, 'interventions'>,
): FeatureCollection {
  const facilityAt = new Map<string, LonLat>();
  for (let i = 0; i < model.facilities.count; i++) {
    if (!facilityAt.has(model.facilities.ids[i])) {
      facilityAt.set(model.facilities.ids[i], [model.facilities.lonLat[i * 2], model.facilities.lonLat[i * 2 + 1]]);
    }
  }
  const demandAt = new Map<string, LonLat>();
  for (let i = 0; i < model.demand.count; i++) {
    if (!demandAt.has(model.demand.ids[i]))
      demandAt.set(model.demand.ids[i], [model.demand.lonLat[i * 2], model.demand.lonLat[i * 2 + 1]]);
  }
  const features: Feature[] = [];
  concreteChanges(result).forEach(({ change, intervention, template }, index) => {
    let geometry: Geometry | undefined;
    const properties: Record<string, unknown> = { change: index, intervention, ...(template ? { template } : {}) };
    switch (change.type) {
      case 'add-facility':
        // The engine's default id for an unnamed added facility (buildScenarioState).
        facilityAt.set(change.id ?? `added-${index}`, change.at);
        geometry = { type: 'Point', coordinates: [...change.at] };
        break;
      case 'remove-facility': {
        const at = facilityAt.get(change.id);
        if (at) geometry = { type: 'Point', coordinates: [...at] };
        break;
      }
      case 'move-facility': {
        const from = facilityAt.get(change.id);
        geometry = from
          ? { type: 'LineString', coordinates: [[...from], [...change.to]] }
          : { type: 'Point', coordinates: [...change.to] };
        facilityAt.set(change.id, change.to);
        break;
      }
      case 'add-road':
        geometry = { type: 'LineString', coordinates: change.coordinates.map((c) => [...c]) };
        break;
      case 'upgrade-road': {
        const lines = roadFeatureLines(model, change.id);
        if (lines.length) geometry = { type: 'MultiLineString', coordinates: lines };
        break;
      }
      case 'add-settlement':
        demandAt.set(change.id ?? `added-settlement-${index}`, change.at);
        geometry = { type: 'Point', coordinates: [...change.at] };
        break;
      case 'set-population': {
        const at = demandAt.get(change.id);
        if (at) geometry = { type: 'Point', coordinates: [...at] };
        break;
      }
      case 'add-cost':
        if (change.at) geometry = { type: 'Point', coordinates: [...change.at] };
        break;
    }
    if (!geometry) return;
    for (const [key, value] of Object.entries(change)) {
      if (key !== 'at' && key !== 'to' && key !== 'coordinates') properties[key] = value;
    }
    features.push({ type: 'Feature', geometry, properties });
  });
  return { type: 'FeatureCollection', features };
}

/** The edges of one road feature as two-point lines (each undirected edge once). */
function roadFeatureLines(model: RegionModel, id: string): number[][][] {
  const r = model.roads;
  const feature = r.featureIds.indexOf(id);
  if (feature < 0) return [];
  const lines: number[][][] = [];
  const seen = new Set<string>();
  for (let u = 0; u < r.nodeCount; u++) {
    for (let e = r.offsets[u]; e < r.offsets[u + 1]; e++) {
      const v = r.targets[e];
      const key = u < v ? `${u} ${v}` : `${v} ${u}`;
      if (r.edgeFeature[e] !== feature || seen.has(key)) continue;
      seen.add(key);
      lines.push([
        [r.nodeLonLat[u * 2], r.nodeLonLat[u * 2 + 1]],
        [r.nodeLonLat[v * 2], r.nodeLonLat[v * 2 + 1]],
      ]);
    }
  }
  return lines;
}
