import { DEFAULT_SPEED_KMH_BY_CLASS } from '../model/road-speeds.js';
import type { RoadClass } from '../model/region-model.js';
import type { Assumptions } from './scenario.js';

/**
 * Default assumptions. Sources:
 * - access and direct speed 20 km/h, no-road speed 60 km/h and circuity 1.3: DESIGN.md's
 *   travel-time model (circuity 1.2–1.4 is the usual range for rural road networks, Ballou et al.
 *   2002, "Selected country circuity factors for road travel distance estimation");
 * - grid emission factor 0.64 kg CO2/kWh: Kazakhstan's electricity carbon intensity of roughly
 *   600–650 g CO2/kWh (coal about two thirds of generation; Ember, "Kazakhstan" country profile,
 *   2023 data) — override with the factor your department reports against;
 * - discount rate 8 %: a common public-sector rate for emerging economies (ADB guidelines
 *   for the economic analysis of projects use 9 %; 6–12 % is the usual range).
 */
export const DEFAULT_ASSUMPTIONS: Readonly<Assumptions> = Object.freeze({
  populationGrowthPerYear: 0,
  accessSpeedKmh: 20,
  noRoadSpeedKmh: 60,
  circuityFactor: 1.3,
  gridEmissionKgCo2PerKwh: 0.64,
  discountRate: 0.08,
  speedKmhByClass: {},
});

/** Fills in defaults. */
export function resolveAssumptions(partial: Partial<Assumptions> = {}): Assumptions {
  return {
    ...DEFAULT_ASSUMPTIONS,
    ...partial,
    speedKmhByClass: { ...partial.speedKmhByClass },
  };
}

/** The speed of a road class under these assumptions, km/h. */
export function speedForClass(assumptions: Assumptions, roadClass: RoadClass): number {
  return assumptions.speedKmhByClass[roadClass] ?? DEFAULT_SPEED_KMH_BY_CLASS[roadClass];
}
