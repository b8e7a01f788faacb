import { describe, expect, it } from 'vitest';
import { compileRegion } from '../model/compile-region.js';
import { loadRegionFromObjects } from '../region/load-region.js';
import { generateSyntheticRegion } from '../synthetic/generate-synthetic-region.js';
import { haversineMeters } from '../geo/haversine.js';
import { travelTimeCoverSets } from './coverage-sets.js';
import { travelTimeMatrix } from './travel-time-matrix.js';

async function syntheticModel(roads: boolean) {
  const region = generateSyntheticRegion({ seed: 3, roads });
  return compileRegion(await loadRegionFromObjects(region.manifest, region.files));
}

describe('travelTimeMatrix', () => {
  it('agrees with the travel-time cover sets (same model rule) on a synthetic region with roads', async () => {
    const model = await syntheticModel(true);
    const candidates = model.demand.lonLat.slice(0, 12);
    const matrix = travelTimeMatrix(model, candidates);
    const m = candidates.length / 2;
    for (const minutes of [5, 15, 40]) {
      const covers = travelTimeCoverSets(model, candidates, minutes);
      for (let c = 0; c < m; c++) {
        const fromMatrix: number[] = [];
        for (let i = 0; i < model.demand.count; i++) if (matrix[i * m + c] <= minutes) fromMatrix.push(i);
        expect(fromMatrix).toEqual(Array.from(covers[c]));
      }
    }
    // A candidate placed on a demand point is 0 minutes from it.
    expect(matrix[0 * m + 0]).toBe(0);
  });

  it('without roads is straight line × 1.3 at 60 km/h, Infinity beyond maxMinutes', async () => {
    const model = await syntheticModel(false);
    const candidates = Float64Array.of(63.7, 53.3);
    const matrix = travelTimeMatrix(model, candidates, { maxMinutes: 20 });
    for (let i = 0; i < model.demand.count; i++) {
      const meters = haversineMeters(model.demand.lonLat[i * 2], model.demand.lonLat[i * 2 + 1], 63.7, 53.3);
      const minutes = (meters * 1.3) / 1000; // 60 km/h = 1 km per minute
      if (minutes <= 20) expect(matrix[i]).toBeCloseTo(minutes, 9);
      else expect(matrix[i]).toBe(Infinity);
    }
  });
});
