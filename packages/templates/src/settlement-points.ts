import { haversineMeters, type LonLat, type RegionModel } from '@regiontwin/core';
import type { Coefficient } from './template.js';
import { URBAN_THRESHOLD_PEOPLE } from './territory-profile.js';

/**
 * Indices of the demand points (settlements) inside a district with at least `minPopulation`
 * people (and more than 0), in model order.
 */
export function settlementPoints(model: RegionModel, minPopulation = 0, maxPopulation = Infinity): number[] {
  const { demand } = model;
  const out: number[] = [];
  for (let i = 0; i < demand.count; i++) {
    const p = demand.population[i];
    if (demand.district[i] >= 0 && p > 0 && p >= minPopulation && p < maxPopulation) out.push(i);
  }
  return out;
}

/** The lon/lat of demand point `i`. */
export function demandLonLat(model: RegionModel, i: number): LonLat {
  return [model.demand.lonLat[i * 2], model.demand.lonLat[i * 2 + 1]];
}

/** Interleaved lon/lat of the given demand points (a candidate list for the optimisers). */
export function demandLonLatArray(model: RegionModel, indices: readonly number[]): Float64Array {
  const out = new Float64Array(indices.length * 2);
  indices.forEach((i, k) => {
    out[k * 2] = model.demand.lonLat[i * 2];
    out[k * 2 + 1] = model.demand.lonLat[i * 2 + 1];
  });
  return out;
}

/** A settlement's display name: its name, else its id. */
export function settlementName(model: RegionModel, i: number): string {
  return model.demand.names[i] || model.demand.ids[i];
}

/** Great-circle metres between demand points i and j. */
export function demandDistanceMeters(model: RegionModel, i: number, j: number): number {
  const ll = model.demand.lonLat;
  return haversineMeters(ll[i * 2], ll[i * 2 + 1], ll[j * 2], ll[j * 2 + 1]);
}

/** Mean people per household in Kazakhstan, shared by the templates that count households. */
export const HOUSEHOLD_SIZE: Coefficient = {
  value: 3.5,
  unit: 'people/household',
  description: 'Mean household size, to turn residents into households (connections, subscriptions).',
  source:
    'Bureau of National Statistics of Kazakhstan, 2021 National Population Census: average household size ≈ 3.5 persons (3.5 in the 2009 census as well).',
};

/** Street length per resident in towns (≥ 10,000 people), metres. */
export const STREET_METERS_PER_RESIDENT_URBAN: Coefficient = {
  value: 2.5,
  unit: 'm/person',
  description: 'Street length per resident in a town (≥ 10,000 people), used where the data has no street layer.',
  source:
    'Estimate: Kazakh oblast centres have ≈ 2–3 m of street per resident (e.g. Kostanay ≈ 600 km of streets for ≈ 240,000 people, akimat road-register order of magnitude; Astana ≈ 1.3 m, denser); 2.5 m taken for towns of 10,000–250,000. Replace with the akimat’s street register.',
};

/** Street length per resident in villages (< 10,000 people), metres. */
export const STREET_METERS_PER_RESIDENT_RURAL: Coefficient = {
  value: 6,
  unit: 'm/person',
  description: 'Street length per resident in a village (< 10,000 people), used where the data has no street layer.',
  source:
    'Estimate: a village of 1,000 people ≈ 285 households (3.5 persons each) on plots with ≈ 30 m street frontage, houses on both sides → 285 × 30 m ÷ 2 ≈ 4.3 km, plus the through road ≈ 1.5 km → ≈ 6 m per resident.',
};

/** Street length of a settlement of `population` people, metres (urban or rural rate, see the coefficients). */
export function estimatedStreetMeters(population: number): number {
  return (
    population *
    (population >= URBAN_THRESHOLD_PEOPLE
      ? STREET_METERS_PER_RESIDENT_URBAN.value
      : STREET_METERS_PER_RESIDENT_RURAL.value)
  );
}
