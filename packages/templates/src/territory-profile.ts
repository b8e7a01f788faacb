import { haversineMeters, summarizeRegionModel, type RegionModel } from '@regiontwin/core';

/** The features of a territory that templates adapt to. */
export interface TerritoryProfile {
  /** Total district area, km². */
  areaKm2: number;
  /** People. */
  population: number;
  /** People per km². */
  densityPerKm2: number;
  /** Share of people in settlements of ≥ 10,000 residents (Kazakhstan's town threshold), 0…1. */
  urbanShare: number;
  /** Settlement sizes (people): 10th, 50th, 90th percentile and maximum. */
  settlementSize: { p10: number; p50: number; p90: number; max: number };
  /** Mean distance from a settlement to its nearest neighbour, km. */
  meanSpacingKm: number;
  /** Road length per area, km/km² (0 without a road layer). */
  roadDensityKmPerKm2: number;
  /** Natural zones found in the data (e.g. Steppe), most common first. */
  naturalZones: string[];
  districts: number;
  /** Mean population per district, people. */
  meanDistrictPopulation: number;
}

/** Population at or above which a settlement counts as urban. */
export const URBAN_THRESHOLD_PEOPLE = 10_000;

/** Computes the {@link TerritoryProfile} of any compiled region. */
export function computeTerritoryProfile(model: RegionModel): TerritoryProfile {
  const summary = summarizeRegionModel(model);
  const { demand } = model;
  const sizes = Array.from(demand.population).sort((a, b) => a - b);
  const quantile = (q: number) => (sizes.length ? sizes[Math.min(sizes.length - 1, Math.floor(q * sizes.length))] : 0);
  let urban = 0;
  for (const p of sizes) if (p >= URBAN_THRESHOLD_PEOPLE) urban += p;
  // Mean nearest-neighbour spacing on at most 2,000 points (evenly strided) to stay cheap.
  const stride = Math.max(1, Math.floor(demand.count / 2000));
  let spacingSum = 0;
  let spacingCount = 0;
  for (let i = 0; i < demand.count; i += stride) {
    let best = Infinity;
    for (let j = 0; j < demand.count; j += stride) {
      if (i === j) continue;
      const d = haversineMeters(
        demand.lonLat[i * 2],
        demand.lonLat[i * 2 + 1],
        demand.lonLat[j * 2],
        demand.lonLat[j * 2 + 1],
      );
      if (d < best) best = d;
    }
    if (Number.isFinite(best)) {
      spacingSum += best;
      spacingCount++;
    }
  }
  const zoneCounts = new Map<string, number>();
  for (const zone of model.districts.naturalZones) if (zone) zoneCounts.set(zone, (zoneCounts.get(zone) ?? 0) + 1);
  return {
    areaKm2: summary.areaKm2,
    population: summary.population,
    densityPerKm2: summary.areaKm2 > 0 ? summary.population / summary.areaKm2 : 0,
    urbanShare: summary.population > 0 ? urban / summary.population : 0,
    settlementSize: { p10: quantile(0.1), p50: quantile(0.5), p90: quantile(0.9), max: sizes[sizes.length - 1] ?? 0 },
    meanSpacingKm: spacingCount ? spacingSum / spacingCount / 1000 : 0,
    roadDensityKmPerKm2: summary.areaKm2 > 0 ? summary.roadKm / summary.areaKm2 : 0,
    naturalZones: [...zoneCounts].sort((a, b) => b[1] - a[1]).map(([zone]) => zone),
    districts: model.districts.count,
    meanDistrictPopulation: model.districts.count ? summary.population / model.districts.count : 0,
  };
}
