import { describe, expect, it } from 'vitest';
import { compileRegion } from '../model/compile-region.js';
import type { RegionModel } from '../model/region-model.js';
import { loadRegionFromObjects } from '../region/load-region.js';
import { createSeededRandom } from '../random/seeded-random.js';
import { resolveAssumptions } from '../scenario/assumptions.js';
import type { Change } from '../scenario/scenario.js';
import { buildScenarioState, type ScenarioState } from '../scenario/scenario-state.js';
import { generateSyntheticRegion } from '../synthetic/generate-synthetic-region.js';
import { computeCoveredWithinMeters } from './covered-within-distance.js';
import { createIndicatorContext } from './indicator.js';
import { computeNearestDistanceMeters } from './travel-times.js';

async function syntheticState(
  seed: number,
  changesFor: (model: RegionModel) => Change[] = () => [],
): Promise<ScenarioState> {
  const region = generateSyntheticRegion({
    seed,
    districtColumns: 3,
    districtRows: 2,
    districtSizeKm: 20,
    villagesPerDistrict: 400,
    facilities: { clinic: 6 },
  });
  const model = compileRegion(await loadRegionFromObjects(region.manifest, region.files));
  return buildScenarioState(model, changesFor(model), 2026, 2026, resolveAssumptions());
}

/** The independent answer: the exact nearest distances (haversine), thresholded. */
function fromDistances(state: ScenarioState, meters: number): Uint8Array {
  const distances = computeNearestDistanceMeters(state, 'clinic');
  return Uint8Array.from(distances, (d) => (d <= meters ? 1 : 0));
}

describe('computeCoveredWithinMeters is exactly "nearest distance ≤ meters"', () => {
  it('on seeded synthetic regions, for radii from 100 m to 50 km', async () => {
    for (const seed of [1, 2, 3]) {
      const state = await syntheticState(seed);
      for (const meters of [100, 750, 2000, 3333.3, 8000, 50_000]) {
        const covered = computeCoveredWithinMeters(state, 'clinic', meters);
        const expected = fromDistances(state, meters);
        expect(covered, `seed ${seed}, ${meters} m`).toEqual(expected);
        // Not a trivial case: some points on each side (except for the 50 km disc).
        if (meters < 50_000) expect(covered.includes(0) && covered.includes(1), `${meters} m`).toBe(true);
      }
    }
  });

  it('at radii equal to points’ own nearest distances (the boundary counts as covered)', async () => {
    const state = await syntheticState(4);
    const distances = computeNearestDistanceMeters(state, 'clinic');
    const random = createSeededRandom(9);
    for (let k = 0; k < 25; k++) {
      const i = Math.floor(random() * distances.length);
      const meters = distances[i];
      const covered = computeCoveredWithinMeters(state, 'clinic', meters);
      expect(covered[i], `point ${i} at exactly ${meters} m`).toBe(1);
      expect(covered).toEqual(fromDistances(state, meters));
    }
  });

  it('with added facilities and settlements (a scenario state), and with no facility of the kind', async () => {
    // Near the middle of the region (the bbox centre of a 3 × 2 grid of districts).
    const state = await syntheticState(5, ({ bbox: [w, s, e, n] }) => [
      { type: 'add-facility', kind: 'clinic', at: [(w + e) / 2, (s + n) / 2] },
      { type: 'add-settlement', at: [(w + e) / 2 + 0.01, (s + n) / 2], population: 500 },
    ]);
    for (const meters of [1500, 4000]) {
      expect(computeCoveredWithinMeters(state, 'clinic', meters)).toEqual(fromDistances(state, meters));
    }
    expect(computeCoveredWithinMeters(state, 'library', 4000).every((v) => v === 0)).toBe(true);
  });

  it('the indicator context gives the same answer from distances at hand or without them', async () => {
    const state = await syntheticState(6);
    const fresh = createIndicatorContext(state).withinDistance('clinic', 2500);
    const shared = new Map<string, unknown>();
    const warmed = createIndicatorContext(state, shared);
    warmed.nearestDistanceMeters('clinic');
    expect(warmed.withinDistance('clinic', 2500)).toEqual(fresh);
    expect(fresh).toEqual(fromDistances(state, 2500));
  });
});
