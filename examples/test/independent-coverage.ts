import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { distance, point } from '@turf/turf';
import type { FeatureCollection, Point } from 'geojson';

/** The embedded region's settlements, read from the fixture file (not through core). */
export const SETTLEMENTS = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../fixtures/kazakhstan/settlements.geojson'), 'utf8'),
) as FeatureCollection<Point, { name: string; population: number; district: string }>;

/**
 * An independent computation of travel-time coverage on a region without roads, from
 * docs/indicators.md: minutes = great-circle km × circuity 1.3 ÷ 60 km/h × 60, so a settlement is
 * within `minutes` of its nearest facility when km × 1.3 ≤ minutes. Distances by turf (mean Earth
 * radius, as the core documents). Returns base-year populations and settlement counts.
 */
export function independentCoverage(
  facilities: readonly [number, number][],
  minutes: number,
): { coveredPeople: number; totalPeople: number; coveredSettlements: number; coveredByDistrict: Map<string, number> } {
  let coveredPeople = 0;
  let totalPeople = 0;
  let coveredSettlements = 0;
  const coveredByDistrict = new Map<string, number>();
  for (const feature of SETTLEMENTS.features) {
    const people = feature.properties.population;
    totalPeople += people;
    const nearestKm = Math.min(...facilities.map((f) => distance(point(f), feature, { units: 'kilometers' })));
    if (nearestKm * 1.3 <= minutes) {
      coveredPeople += people;
      if (people > 0) {
        coveredSettlements++;
        const d = feature.properties.district;
        coveredByDistrict.set(d, (coveredByDistrict.get(d) ?? 0) + 1);
      }
    }
  }
  return { coveredPeople, totalPeople, coveredSettlements, coveredByDistrict };
}
